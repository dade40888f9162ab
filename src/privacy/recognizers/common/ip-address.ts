import { isIPv6 } from 'node:net';
import type { PatternRecognizer, Validation } from '../../types.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

export const ipAddress: PatternRecognizer = {
  kind: 'pattern',
  type: 'IP_ADDRESS',
  category: 'personal',
  patterns: [
    {
      name: 'ipv4',
      regex: new RegExp(`(?<![0-9.])${OCTET}(?:\\.${OCTET}){3}(?![0-9]|\\.\\d)`, 'g'),
      trigger: '.',
      score: 0.6,
    },
    // IPv6 candidates start at their first colon (a literal the regex engine finds fast); the first
    // group, if any, is taken from just before it. node:net then decides.
    {
      name: 'ipv6',
      regex: /(?<!:):(?::|[0-9A-Fa-f]{1,4}:){1,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])/g,
      trigger: ':',
      prefix: { regex: /(?<![0-9A-Za-z.:])[0-9A-Fa-f]{1,4}$/, maxLength: 5 },
      score: 0.6,
    },
  ],
  context: ['아이피', 'IP', '접속', '접속지', '주소', 'ip address', 'host', '서버'],
  contextBoost: 0.3,
  validate: (m: string): Validation => {
    if (!m.includes(':')) return 'unknown';
    if (!isIPv6(m)) return 'invalid'; // also when the first group was not found before the colon
    // Short forms (a::b, fe80::1) are more often code or loopback than someone's address.
    return m.split(':').filter(Boolean).length >= 3 ? 'unknown' : 'invalid';
  },
};

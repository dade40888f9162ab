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
    // Candidate IPv6 spans: hex groups and colons with either '::' or seven colons; node:net decides.
    {
      name: 'ipv6',
      regex:
        /(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{1,4}){0,6}|::(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])/g,
      trigger: ':',
      score: 0.6,
    },
  ],
  context: ['아이피', 'IP', '접속', '접속지', '주소', 'ip address', 'host', '서버'],
  contextBoost: 0.3,
  validate: (m: string): Validation => {
    if (!m.includes(':')) return 'unknown';
    if (!isIPv6(m)) return 'invalid';
    // "12:30:45" style times pass isIPv6 only with '::'; require a hex letter or 3+ groups.
    return m.split(':').filter(Boolean).length >= 3 || /[A-Fa-f]/.test(m) ? 'unknown' : 'invalid';
  },
};

import { isIPv6 } from 'node:net';
import type { PatternRecognizer, Validation } from '../../types.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

/** Well-known public DNS resolvers (Google, Cloudflare, Quad9, KT, SK Broadband, LG U+). */
const PUBLIC_RESOLVERS = new Set([
  '8.8.8.8',
  '8.8.4.4',
  '1.1.1.1',
  '1.0.0.1',
  '9.9.9.9',
  '168.126.63.1',
  '168.126.63.2',
  '210.220.163.82',
  '219.250.36.130',
  '164.124.101.2',
  '203.248.252.2',
]);

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
    // Netmasks, the unspecified address and public DNS resolvers belong to no one.
    if (!m.includes(':'))
      return m.startsWith('255.') || m === '0.0.0.0' || PUBLIC_RESOLVERS.has(m) ? 'invalid' : 'unknown';
    if (!isIPv6(m)) return 'invalid'; // also when the first group was not found before the colon
    // Short forms (a::b, fe80::1) are more often code or loopback than someone's address.
    return m.split(':').filter(Boolean).length >= 3 ? 'unknown' : 'invalid';
  },
};

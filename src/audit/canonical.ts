import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const GENESIS = '0'.repeat(64);

/** hash(n) = SHA-256(hash(n−1) ‖ "\n" ‖ canonical JSON of record n). */
export const chainHash = (prevHash: string, canonicalRecord: string): string =>
  createHash('sha256').update(`${prevHash}\n${canonicalRecord}`).digest('hex');

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorSpecs, JugwonError } from './errors.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const documented = new Map(
  [...doc.matchAll(/^\|\s*`(JG_[A-Z_]+)`\s*\|\s*(\d{3})\s*\|\s*([a-z_]+)\s*\|/gm)].map((m) => [
    m[1],
    { status: Number(m[2]), type: m[3] },
  ]),
);

describe('error codes', () => {
  it('are documented in docs/errors.md with the same status and type, and nothing else is', () => {
    const inCode = Object.fromEntries(
      Object.entries(errorSpecs).map(([code, s]) => [code, { status: s.status, type: s.type }]),
    );
    expect(Object.fromEntries(documented)).toEqual(inCode);
  });

  it('serialise to the OpenAI error shape', () => {
    const e = new JugwonError('JG_FILE_NOT_FOUND', { file: 'a.txt' });
    expect(e.toJSON()).toEqual({
      error: { message: 'File a.txt was not found.', type: 'not_found_error', code: 'JG_FILE_NOT_FOUND' },
    });
    expect(e.status).toBe(404);
  });
});

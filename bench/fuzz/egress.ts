import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { resolveConfig } from '../../src/core/config.js';
import { createServer } from '../../src/http/server.js';
import { normalize } from '../../src/privacy/normalize.js';
import {
  DISGUISES,
  digitsReaching,
  PLACES,
  RRN,
  RRN_DIGITS,
  requestArb,
} from '../../test/support/egress-fuzz.js';
import { startMockUpstream } from '../../test/support/mock-upstream.js';

/**
 * `npm run fuzz:egress [-- --runs 5000 --seed S]`: the egress fuzzer of the test suite, run long.
 * Random requests carry a 주민등록번호 in random fields and disguises to a foreign model through
 * the real server; it stops at the first one whose number reaches the upstream.
 */
const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '5000' }, seed: { type: 'string' } },
});
const upstream = await startMockUpstream();
const server = await createServer(
  resolveConfig({
    dataDir: mkdtempSync(join(tmpdir(), 'jugwon-fuzz-')),
    models: [{ id: 'abroad', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'foreign' }],
  }),
  { logger: false },
);
const statuses = new Map<number, number>();
try {
  await fc.assert(
    fc.asyncProperty(requestArb, async ({ place, disguise, stream }) => {
      const secret = (DISGUISES[disguise] as (s: string) => string)(RRN);
      const before = upstream.received.length;
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: { model: 'abroad', stream, ...(PLACES[place] as (s: string) => object)(secret) },
      });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      for (const b of upstream.received.slice(before))
        if (digitsReaching(b, (s) => normalize(s).text).includes(RRN_DIGITS))
          throw new Error(`leaked through ${place} written with ${disguise}`);
    }),
    { numRuns: Number(args.runs), ...(args.seed ? { seed: Number(args.seed) } : {}) },
  );
  console.log(
    `${args.runs} requests, none leaked; statuses: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}`,
  );
} finally {
  await server.close();
  await upstream.close();
}
process.exit(0);

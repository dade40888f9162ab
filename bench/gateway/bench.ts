import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { machineLabel, recordRow } from '../record.js';
import { measureAccounting } from './accounting.js';

/**
 * `npm run bench:gateway [-- --record]`: the latency jugwon adds in front of a model. A mock
 * upstream (own process, fixed reply, SSE chunks) is called directly and through the gateway
 * (own process, pipa-strict, the request pseudonymised because it goes to a "foreign" model),
 * with a ~2 KB Korean prompt carrying a name, a phone number and an e-mail address.
 *
 * `-- --postgres postgres://… --redis redis://… --replicas 2`: the gateway on the shared stores,
 * as that many replicas (own processes) that the client takes turns with; also measures the
 * throughput the replicas reach together, and the store's cost per request on Postgres.
 *
 * Beside the gateway it measures the floor any proxy has on this machine (floor-proxy-main.ts): a
 * bare proxy doing no work, and one that also commits a row with an fsync per request, as
 * `store.durability: full` does — so a row says how much of the added latency is jugwon's own.
 */
const { values: args } = parseArgs({
  options: {
    record: { type: 'boolean', default: false },
    sequential: { type: 'string', default: '2000' },
    rates: { type: 'string', default: '200,500,1000' },
    /** store.durability of the gateway under test: full (the default) or normal. */
    durability: { type: 'string', default: 'full' },
    seconds: { type: 'string', default: '5' },
    postgres: { type: 'string' },
    redis: { type: 'string' },
    replicas: { type: 'string', default: '1' },
    /** Write the gateway's CPU profile (node --cpu-prof) into this folder. */
    profile: { type: 'string' },
    /** Skip measuring the floor (a bare proxy, and one with a durable commit) beside the gateway. */
    'skip-floor': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const filler =
  '고객님께서 문의하신 대출 상환 일정과 금리 변경 내용을 아래와 같이 안내드립니다. 변경된 조건은 다음 달부터 적용됩니다. ';
const PROMPT = `상담 기록: 김민준 고객님(연락처 010-1234-5678, 이메일 minjun.kim@example.co.kr)의 요청입니다. ${filler.repeat(14)}위 내용을 요약해 주세요.`;

function startProcess(
  cmd: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  return new Promise((resolve, reject) => {
    // Own process group, so stopping it also stops what it started (npx → vite-node).
    const child = spawn(cmd, argv, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve({ child, match: m });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${cmd} ${argv.join(' ')} exited ${code}: ${out}`)));
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const ms = (x: number) => x.toFixed(3);

async function main() {
  const mock = await startProcess(
    'npx',
    ['vite-node', 'bench/gateway/mock-upstream-main.ts'],
    {},
    /(http:\/\/127\.0\.0\.1:\d+\/v1)/,
  );
  const upstreamUrl = mock.match[1] as string;
  const dir = mkdtempSync(join(tmpdir(), 'jugwon-bench-'));
  const configFile = join(dir, 'jugwon.yaml');
  writeFileSync(
    configFile,
    `server: { host: 127.0.0.1, port: 0 }\nmodels:\n  - { id: abroad, provider: openai-compatible, baseUrl: "${upstreamUrl}", residency: foreign, upstreamModel: mock }\npolicy: { preset: pipa-strict }\nstore: { durability: ${args.durability}${args.postgres ? `, url: "${args.postgres}"` : ''} }\n${args.redis ? `redis: { url: "${args.redis}" }\n` : ''}`,
  );
  const replicas = Number(args.replicas);
  if (replicas > 1 && !(args.postgres && args.redis))
    throw new Error('--replicas needs --postgres and --redis');
  // Requests carry a tenant's API key with quotas, so auth, quota, usage and audit all run.
  const cli = async (...a: string[]) =>
    (
      await startProcess(
        process.execPath,
        ['dist/cli/main.js', ...a, '--config', configFile],
        {},
        /(\{.*\}|created tenant)/,
      )
    ).match[1] as string;
  // A shared store outlives a run: each run has its own tenant.
  const tenant = `bench${Date.now()}`;
  await cli('tenants', 'create', tenant, '--rpm', '10000000', '--tokens-per-day', '1000000000000');
  const apiKey = (JSON.parse(await cli('keys', 'create', '--tenant', tenant, '--json')) as { key: string })
    .key;
  const gateways = [];
  for (let i = 0; i < replicas; i++)
    gateways.push(
      await startProcess(
        process.execPath,
        [
          ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : []),
          'dist/cli/main.js',
          'serve',
          '--config',
          configFile,
        ],
        {},
        /jugwon gateway on (http:\/\/[^\s]+)\/v1/,
      ),
    );
  const upstreamOrigin = new URL(upstreamUrl).origin;
  const floors = args['skip-floor']
    ? []
    : await Promise.all(
        [[], ['--commit']].map((extra) =>
          startProcess(
            'npx',
            ['vite-node', 'bench/gateway/floor-proxy-main.ts', '--', upstreamOrigin, ...extra],
            {},
            /floor proxy on (http:\/\/127\.0\.0\.1:\d+)/,
          ),
        ),
      );
  const floorPools = floors.map((f) => new Pool(f.match[1] as string, { connections: 128 }));
  const gatewayPools = gateways.map((g) => new Pool(g.match[1] as string, { connections: 128 }));
  let turn = 0;
  const targets = {
    direct: {
      pool: () => new Pool(new URL(upstreamUrl).origin, { connections: 128 }),
      path: '/v1/chat/completions',
    },
    gateway: { pool: () => gatewayPools[turn++ % gatewayPools.length] as Pool, path: '/v1/chat/completions' },
  };
  const directPool = targets.direct.pool();
  targets.direct.pool = () => directPool;
  type Target = (typeof targets)['direct'];
  const floorTargets: Record<'bare' | 'durable', Target> | undefined =
    floorPools.length === 2
      ? {
          bare: { pool: () => floorPools[0] as Pool, path: '/v1/chat/completions' },
          durable: { pool: () => floorPools[1] as Pool, path: '/v1/chat/completions' },
        }
      : undefined;
  const measured: Record<string, Target> = { ...targets, ...floorTargets };
  const body = (stream: boolean) =>
    JSON.stringify({ model: 'abroad', stream, messages: [{ role: 'user', content: PROMPT }] });
  const whole = body(false);
  const streamed = body(true);

  async function once(t: (typeof targets)['direct'], payload: string): Promise<void> {
    const res = await t.pool().request({
      method: 'POST',
      path: t.path,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: payload,
    });
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${await res.body.text()}`);
    await res.body.text();
  }

  /** Time to the first SSE event that carries answer text. */
  async function firstByte(t: (typeof targets)['direct']): Promise<number> {
    const t0 = performance.now();
    const res = await t.pool().request({
      method: 'POST',
      path: t.path,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: streamed,
    });
    let first = Number.NaN;
    for await (const chunk of res.body) {
      if (Number.isNaN(first) && String(chunk).includes('"content":"')) first = performance.now() - t0;
    }
    return first;
  }

  // Warm up both paths (JIT, connections).
  for (let i = 0; i < 300; i++) for (const t of Object.values(measured)) await once(t, whole);

  // Interleaved, so a slow spell of this shared machine falls on every target alike.
  const sequential = Number(args.sequential);
  const seq: Record<string, number[]> = Object.fromEntries(Object.keys(measured).map((n) => [n, []]));
  for (let i = 0; i < sequential; i++) {
    for (const [name, t] of Object.entries(measured)) {
      const t0 = performance.now();
      await once(t, whole);
      seq[name]?.push(performance.now() - t0);
    }
  }
  const med = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  const seqAdded = med(seq.gateway ?? []) - med(seq.direct ?? []);
  console.log(
    `sequential (${sequential} requests each): direct median ${ms(med(seq.direct ?? []))} ms, gateway ${ms(med(seq.gateway ?? []))} ms, added ${ms(seqAdded)} ms`,
  );
  const floorSeq = floorTargets
    ? {
        bare: med(seq.bare ?? []) - med(seq.direct ?? []),
        durable: med(seq.durable ?? []) - med(seq.direct ?? []),
      }
    : undefined;
  if (floorSeq)
    console.log(
      `floor, sequential: a bare proxy adds ${ms(floorSeq.bare)} ms, one with an fsynced commit per request ${ms(floorSeq.durable)} ms; the gateway adds ${ms(seqAdded - floorSeq.durable)} ms over the second`,
    );

  const ttfb: Record<string, number[]> = { direct: [], gateway: [] };
  for (let i = 0; i < 300; i++)
    for (const name of ['direct', 'gateway'] as const) ttfb[name]?.push(await firstByte(targets[name]));
  const ttfbAdded = med(ttfb.gateway ?? []) - med(ttfb.direct ?? []);
  console.log(
    `streaming first byte (median of 300): direct ${ms(med(ttfb.direct ?? []))} ms, gateway ${ms(med(ttfb.gateway ?? []))} ms, added ${ms(ttfbAdded)} ms`,
  );

  /** Open loop at a fixed rate: latency counts from the scheduled send time (no coordinated omission). */
  async function atRate(t: (typeof targets)['direct'], rps: number, seconds: number) {
    const total = rps * seconds;
    const latencies: number[] = [];
    let errors = 0;
    const start = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rps;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      // From the scheduled time when sent late (no coordinated omission), else from the send.
      const from = Math.min(due, performance.now());
      pending.push(
        once(t, whole).then(
          () => void latencies.push(performance.now() - from),
          () => void errors++,
        ),
      );
    }
    await Promise.all(pending);
    const sorted = latencies.sort((a, b) => a - b);
    return {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      errors,
      achieved: total / ((performance.now() - start) / 1000),
    };
  }

  const rows: string[] = [];
  const rates = String(args.rates).split(',').map(Number);
  const floorRate: string[] = [];
  for (const rps of rates) {
    const d = await atRate(targets.direct, rps, Number(args.seconds));
    const g = await atRate(targets.gateway, rps, Number(args.seconds));
    const line = `${rps} RPS: direct p50 ${ms(d.p50)} / p99 ${ms(d.p99)} ms; gateway p50 ${ms(g.p50)} / p99 ${ms(g.p99)} ms; added p50 ${ms(g.p50 - d.p50)} / p99 ${ms(g.p99 - d.p99)} ms; errors ${d.errors}/${g.errors}`;
    console.log(line);
    rows.push(`${rps}: +${ms(g.p50 - d.p50)} / +${ms(g.p99 - d.p99)}`);
    // The floor at the highest rate only (the one the p99 goal names), right after the gateway's.
    if (floorTargets && rps === Math.max(...rates)) {
      for (const [name, t] of Object.entries(floorTargets)) {
        const f = await atRate(t, rps, Number(args.seconds));
        floorRate.push(`+${ms(f.p50 - d.p50)} / +${ms(f.p99 - d.p99)}`);
        console.log(
          `floor at ${rps} RPS, ${name === 'bare' ? 'bare proxy' : 'with an fsynced commit'}: p50 ${ms(f.p50)} / p99 ${ms(f.p99)} ms; added p50 ${ms(f.p50 - d.p50)} / p99 ${ms(f.p99 - d.p99)} ms; errors ${f.errors}`,
        );
      }
      floorRate.push(`+${ms(g.p50 - d.p50)} / +${ms(g.p99 - d.p99)}`);
    }
  }

  /** Closed loop: `concurrency` clients sending back to back for `seconds`; requests per second. */
  async function throughput(t: (typeof targets)['direct'], concurrency: number, seconds: number) {
    let done = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          await once(t, whole);
          done++;
        }
      }),
    );
    return done / seconds;
  }
  const most = await throughput(targets.gateway, 64, Number(args.seconds));
  console.log(`throughput, 64 clients: ${most.toFixed(0)} requests/s through ${replicas} replica(s)`);

  const accounting = await measureAccounting(
    5000,
    args.durability === 'normal' ? 'normal' : 'full',
    args.postgres,
  );
  console.log(
    `auth + quota + usage + audit (in process, committed, ${args.postgres ? 'Postgres' : `SQLite durability ${args.durability}`}): median ${ms(accounting.median)} ms, p99 ${ms(accounting.p99)} ms per request`,
  );

  if (args.record && args.postgres) {
    recordRow(
      'docs/benchmarks.md',
      '| date | machine | store | replicas | sequential median added (ms) |',
      `| ${new Date().toISOString().slice(0, 10)} | ${machineLabel()} | Postgres + Redis | ${replicas} | ${ms(seqAdded)} | ${rows.join('; ')} | ${most.toFixed(0)} | ${ms(accounting.median)} / ${ms(accounting.p99)} |`,
    );
    console.log('recorded in docs/benchmarks.md');
  } else if (args.record) {
    const machine = machineLabel();
    recordRow(
      'docs/benchmarks.md',
      '| date | machine | sequential median added (ms) | streaming first byte added (ms) | added p50 / p99 at fixed rates (RPS: ms) | auth',
      `| ${new Date().toISOString().slice(0, 10)} | ${machine} | ${ms(seqAdded)} | ${ms(ttfbAdded)} | ${rows.join('; ')} | ${ms(accounting.median)} / ${ms(accounting.p99)} |`,
    );
    if (floorSeq)
      recordRow(
        'docs/benchmarks.md',
        '| date | machine | floor: bare proxy, sequential added (ms) |',
        `| ${new Date().toISOString().slice(0, 10)} | ${machine} | ${ms(floorSeq.bare)} | ${ms(floorSeq.durable)} | ${ms(seqAdded)} | ${Math.max(...rates)}: ${floorRate.join('; ')} |`,
      );
    console.log('recorded in docs/benchmarks.md');
  }
  await directPool.close();
  for (const p of gatewayPools) await p.close();
  for (const p of floorPools) await p.close();
  for (const c of [...gateways, ...floors].map((g) => g.child).concat(mock.child))
    if (c.pid) process.kill(-c.pid, 'SIGTERM');
}

await main();
process.exit(0);

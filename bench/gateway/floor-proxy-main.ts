import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Agent, request } from 'undici';

/**
 * The least any proxy adds on this machine, for `bench:gateway` to measure beside the gateway:
 * Node's HTTP server and the upstream client jugwon uses (undici), forwarding the body and doing
 * nothing else. With `--commit`, it also commits one ~1 KB row per request before answering, in
 * SQLite with WAL and `synchronous=FULL` (an fsync per commit, as `store.durability: full` does for
 * the audit record), concurrent requests sharing a commit as jugwon's do. Usage: floor-proxy-main.ts UPSTREAM_ORIGIN [--commit]; prints its URL.
 */
const [upstream, mode] = process.argv.slice(2);
if (!upstream) throw new Error('usage: floor-proxy-main.ts UPSTREAM_ORIGIN [--commit]');
const agent = new Agent({ keepAliveTimeout: 30_000 });

let commit = (): Promise<void> | undefined => undefined;
if (mode === '--commit') {
  const dir = mkdtempSync(join(tmpdir(), 'jugwon-floor-'));
  process.on('SIGTERM', () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
  const db = new Database(join(dir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT, record TEXT)');
  const insert = db.prepare('INSERT INTO log (at, record) VALUES (?, ?)');
  const record = 'r'.repeat(1000);
  // Group commit, as jugwon's ledger does: the rows of one turn of the event loop share a
  // transaction and its fsync, and each request answers once its row is committed.
  let waiting: (() => void)[] = [];
  const flush = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run(new Date().toISOString(), record);
  });
  commit = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length > 1) return;
      setImmediate(() => {
        const batch = waiting;
        waiting = [];
        flush.immediate(batch.length);
        for (const r of batch) r();
      });
    });
}

const server = createServer(async (req, res) => {
  try {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const up = await request(`${upstream}${req.url}`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat(chunks),
    });
    const body = await up.body.text();
    await commit();
    res.writeHead(up.statusCode, {
      'content-type': String(up.headers['content-type'] ?? 'application/json'),
    });
    res.end(body);
  } catch (e) {
    res.writeHead(502).end(String(e));
  }
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object')
    process.stdout.write(`floor proxy on http://127.0.0.1:${address.port}\n`);
});

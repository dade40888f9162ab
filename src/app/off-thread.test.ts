import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../core/config.js';
import { OffThread } from './off-thread.js';

// Documents the worker reads for a while: 12, 23 and 46 MB of HTML (~0.35, 0.7 and 1.4 s on a
// 2-core machine).
const SLOW = Buffer.from('<b>가나다 라마</b>'.repeat(1_000_000));
const SMALL = Buffer.from('<b>가나다 라마</b>'.repeat(500_000));
const SLOWER = Buffer.from('<b>가나다 라마</b>'.repeat(2_000_000));
const QUICK = Buffer.from('# 규정\n\n제1조 목적');

let open: OffThread | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

const offThread = (timeoutMs: number) => {
  open = new OffThread(resolveConfig({}).privacy, { memoryMb: 768, timeoutMs });
  return open;
};

describe('work off the event loop', () => {
  it("a document read past its time fails alone: another tenant's scan and the next upload go on", async () => {
    const o = offThread(400);
    const slow = o.parse('slow.html', SLOWER).then(
      () => 'read',
      (e: { code?: string }) => e.code,
    );
    // Sent while the slow document is being read: with one shared worker both waited behind it,
    // then failed with it (JG_POLICY_ERROR, JG_PARSE_FAILED) when its time ran out.
    const scan = o.detectAll(['연락처 010-1234-5678']);
    const next = o.parse('next.md', QUICK);
    const entities = await scan;
    expect(entities[0]?.map((e) => e.type)).toContain('PHONE');
    expect(await slow).toBe('JG_PARSE_FAILED');
    expect((await next)[0]?.doc.blocks.map((b) => b.text)).toEqual(['규정', '제1조 목적']);
  }, 60_000);

  it("a queued job's time starts when its worker starts it, not while it waits", async () => {
    const o = offThread(2_000);
    // Each takes ~0.35 s of the 2 s each may have (room for a busy machine); queued one behind
    // another, sixteen take ~6 s in all, and all are read.
    const names = Array.from({ length: 16 }, (_, i) => `${i}.html`);
    const read = await Promise.all(names.map((name) => o.parse(name, SMALL)));
    expect(read.map((docs) => docs[0]?.doc.blocks.length)).toEqual(names.map(() => 1));
  }, 120_000);

  it('jobs waiting when it closes are refused, not left hanging', async () => {
    const o = offThread(60_000);
    const first = o.parse('a.html', SLOW).catch((e: { code?: string }) => e.code);
    const queued = o.parse('b.md', QUICK).catch((e: { code?: string }) => e.code);
    await o.close();
    expect(await first).toBe('JG_PARSE_FAILED');
    expect(await queued).toBe('JG_PARSE_FAILED');
    await expect(o.detectAll(['x'])).rejects.toMatchObject({ code: 'JG_POLICY_ERROR' });
  }, 60_000);
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { purgeTrail, verifyOnly } from '../../src/app/audit.js';
import { openPlatform, type Platform } from '../../src/app/platform.js';
import { cliActor as operatorActor } from '../../src/cli/platform.js';
import { resolveConfig } from '../../src/core/config.js';
import { requestRecord } from '../support/audit-records.js';
import { run } from '../support/cli.js';
import { freshPostgres, haveServices, services } from '../support/stores.js';

/**
 * 개인정보의 안전성 확보조치 기준 제8조: access records kept at least 1 year (2 with 50,000+ data
 * subjects, unique identifiers or sensitive data). A purge before then is refused; a purge after
 * is recorded and signed, and leaves a chain that still verifies — while a deletion nobody recorded
 * still fails verification.
 */
const day = (d: Date) => d.toISOString().slice(0, 10);
const yearsAgo = (n: number, plusDays = 0) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - n);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d;
};
const record = (time: string) => requestRecord({ time });

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

/** 250 records from three years ago (signed at 100, 200, 250), then 10 from today. */
async function trail(
  store: 'sqlite' | 'postgres',
  years = 2,
): Promise<{ platform: Platform; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jugwon-retention-'));
  let shared = {};
  if (store === 'postgres') {
    const pg = await freshPostgres();
    drops.push(pg.drop);
    shared = { store: { url: pg.url }, redis: { url: services.redis } };
  }
  const platform = await openPlatform(
    resolveConfig({ dataDir, audit: { accessRecordYears: years }, ...shared }),
  );
  const old = yearsAgo(3).toISOString();
  for (let i = 0; i < 250; i++) await platform.ledger.write({ audit: record(old) });
  await platform.ledger.checkpoint();
  for (let i = 0; i < 10; i++) await platform.ledger.write({ audit: record(new Date().toISOString()) });
  await platform.ledger.checkpoint();
  return { platform, dataDir };
}
const seqs = async (p: Platform) =>
  (await p.store.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
/** Deletes records up to `seq` and the checkpoints before it, as someone with the database would. */
async function cut(p: Platform, seq: number) {
  await p.store.db.deleteFrom('audit_log').where('seq', '<=', seq).execute();
  await p.store.db.deleteFrom('audit_checkpoints').where('seq', '<', seq).execute();
}
const purgeRecord = async (p: Platform) =>
  p.store.db
    .selectFrom('audit_log')
    .select(['seq', 'record'])
    .where('record', 'like', '%audit.purge%')
    .executeTakeFirstOrThrow();

const stores = haveServices ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(stores)('access records are kept for their retention period (%s)', (store) => {
  it('refuses to delete records still within the period, and deletes nothing', async () => {
    const { platform } = await trail(store, 2);
    try {
      for (const before of [day(new Date()), day(yearsAgo(2, 1)), day(yearsAgo(1, -30))])
        await expect(purgeTrail(platform, operatorActor(), before)).rejects.toMatchObject({
          code: 'JG_AUDIT_RETENTION',
        });
      expect(await seqs(platform)).toHaveLength(260);
      for (const bad of ['2024-13-01', '2024-02-30', 'yesterday', ''])
        await expect(purgeTrail(platform, operatorActor(), bad)).rejects.toMatchObject({
          code: 'JG_INVALID_VALUE',
        });
    } finally {
      await platform.close();
    }
  });

  it('deletes records past the period at a signed checkpoint, records the purge, and still verifies', async () => {
    const { platform } = await trail(store, 2);
    try {
      const r = await purgeTrail(platform, operatorActor(), day(yearsAgo(2, -1)));
      expect(r).toEqual({ deleted: 250, through: 250 });
      expect((await seqs(platform))[0]).toBe(251);
      const verified = await verifyOnly(platform);
      expect(verified).toMatchObject({ ok: true, records: 11 });
      expect(JSON.parse((await purgeRecord(platform)).record).target).toContain(
        'records 1-250 written before',
      );
    } finally {
      await platform.close();
    }
  });

  it('a one-year period lets records of 13 months ago go', async () => {
    const { platform } = await trail(store, 1);
    try {
      expect((await purgeTrail(platform, operatorActor(), day(yearsAgo(1, -30)))).deleted).toBe(250);
      expect((await verifyOnly(platform)).ok).toBe(true);
    } finally {
      await platform.close();
    }
  });

  it('a purge cut off after its record was signed leaves a chain that verifies, and runs again to the end', async () => {
    const { platform } = await trail(store, 2);
    try {
      const db = platform.store.db as unknown as { transaction: () => unknown };
      const transaction = db.transaction;
      db.transaction = () => {
        throw new Error('the process died here');
      };
      await expect(purgeTrail(platform, operatorActor(), day(yearsAgo(2, -1)))).rejects.toThrow('died');
      db.transaction = transaction;
      expect(await seqs(platform)).toHaveLength(261); // nothing deleted; the purge's record is in
      expect((await verifyOnly(platform)).ok).toBe(true);
      expect(await purgeTrail(platform, operatorActor(), day(yearsAgo(2, -1)))).toEqual({
        deleted: 250,
        through: 250,
      });
      expect((await verifyOnly(platform)).ok).toBe(true);
    } finally {
      await platform.close();
    }
  });

  it('a purge deletes a step at a time, each ending on a signed checkpoint: cut off between steps, the chain verifies', async () => {
    const { platform } = await trail(store, 2);
    try {
      // Steps of at most 100 records: 1-100, 101-200, 201-250 (checkpoints at 100, 200 and 250).
      const db = platform.store.db as unknown as { transaction: () => unknown };
      const transaction = db.transaction.bind(db);
      let steps = 0;
      db.transaction = () => {
        if (++steps > 1) throw new Error('the process died here');
        return transaction();
      };
      await expect(
        purgeTrail(platform, operatorActor(), day(yearsAgo(2, -1)), new Date(), 100),
      ).rejects.toThrow('died');
      db.transaction = transaction;
      expect((await seqs(platform))[0]).toBe(101); // one step done
      expect(await verifyOnly(platform)).toMatchObject({ ok: true });
      expect(await purgeTrail(platform, operatorActor(), day(yearsAgo(2, -1)), new Date(), 100)).toEqual({
        deleted: 150,
        through: 250,
      });
      expect((await seqs(platform))[0]).toBe(251);
      expect(await verifyOnly(platform)).toMatchObject({ ok: true });
    } finally {
      await platform.close();
    }
  });

  it('a deletion nobody recorded does not verify, even when it ends on a signed checkpoint', async () => {
    const { platform } = await trail(store, 2);
    try {
      // Cut at the signed checkpoint 200 without a purge record.
      await cut(platform, 200);
      const v = await verifyOnly(platform);
      expect(v.ok).toBe(false);
      expect(v.firstBad?.problem).toContain('no purge of them is recorded');
    } finally {
      await platform.close();
    }
  });

  it('cutting further than the recorded purge — its own record included — does not verify', async () => {
    const { platform } = await trail(store, 2);
    try {
      await purgeTrail(platform, operatorActor(), day(yearsAgo(2, -1)));
      for (let i = 0; i < 5; i++) await platform.ledger.write({ audit: record(new Date().toISOString()) });
      await platform.ledger.checkpoint();
      const purgeSeq = Number((await purgeRecord(platform)).seq);
      const signed = await platform.store.db
        .selectFrom('audit_checkpoints')
        .select('seq')
        .where('seq', '>=', purgeSeq)
        .orderBy('seq')
        .executeTakeFirstOrThrow();
      await cut(platform, Number(signed.seq));
      const v = await verifyOnly(platform);
      expect(v.ok).toBe(false);
    } finally {
      await platform.close();
    }
  });
});

describe('access records on the command line', () => {
  it('jugwon audit purge refuses with the reason and exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-retention-cli-'));
    writeFileSync(join(dir, 'jugwon.yaml'), 'dataDir: ./data\nmodels: []\naudit: { accessRecordYears: 2 }\n');
    const recent = await run(
      ['audit', 'purge', '--before', day(yearsAgo(1)), '--config', 'jugwon.yaml'],
      dir,
    );
    expect(recent.code).toBe(1);
    expect(recent.stderr).toContain('JG_AUDIT_RETENTION');
    expect(recent.stderr).toContain('kept 2 years');
    const old = await run(['audit', 'purge', '--before', day(yearsAgo(5)), '--config', 'jugwon.yaml'], dir);
    expect(old.code).toBe(0);
    expect(old.stdout).toContain('nothing to delete');
  });
});

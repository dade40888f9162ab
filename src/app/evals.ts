import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JugwonError } from '../core/errors.js';
import { listRuns, type Progress, type RunOptions, type RunRecord, readRun, runEval } from '../eval/run.js';
import type { Principal } from '../tenancy/auth.js';
import { completeFor } from './chat.js';
import type { Platform } from './platform.js';
import { scopeOf } from './request.js';

/**
 * Evaluation runs, from the CLI or the console, always under a principal: only models its tenant
 * may use, its policy preset on every prompt, its budgets, usage and audit records (route
 * `eval <suite names>`). Models scored by log-likelihood (embedded llama.cpp) are checked against
 * the tenant's models like the others; their calls read token probabilities and produce no text.
 */
export async function runEvalAs(
  platform: Platform,
  principal: Principal,
  o: RunOptions,
  onProgress?: (p: Progress) => void,
): Promise<RunRecord> {
  const allowed = scopeOf(principal, platform.config.policy.preset).allowedModels;
  for (const m of o.models) {
    platform.registry.get(m); // an unknown model fails before any work
    if (allowed && !allowed.includes(m)) throw new JugwonError('JG_MODEL_NOT_ALLOWED', { model: m });
  }
  const route = `eval ${o.suites.map((s) => s.split(/[\\/]/).pop()).join(',')}`;
  return runEval(
    platform.config.dataDir,
    { ...o, ...(principal.role === 'operator' ? {} : { tenant: principal.tenantName }) },
    {
      registry: platform.registry,
      chat: (request, signal) =>
        completeFor(platform, principal, route, request, signal, randomUUID(), 'batch'),
    },
    onProgress,
  );
}

/**
 * Evaluation runs started from the console: they run in the server process, and their progress
 * is kept in memory (the results themselves are the run's files, as with `jugwon eval run`).
 * Suites are files the operator placed in <dataDir>/eval-suites (and the bundled samples), named,
 * never given as paths by the client.
 */
export interface EvalJob {
  id: number;
  /** Whose job it is (only that tenant, and the operator, see it). */
  tenant: string;
  suite: string;
  models: string[];
  limit: number | null;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  runId?: string;
  error?: string;
}

const visible = (p: Principal, own: boolean) => p.role === 'operator' || own;

/** Finished runs the caller may see — its tenant's (the operator: all) — without server paths. */
export function runsFor(platform: Platform, p: Principal): RunRecord[] {
  return listRuns(platform.config.dataDir)
    .filter((r) => visible(p, r.options.tenant === p.tenantName))
    .map(withoutPaths);
}

/** One run the caller may see, or JG_EVAL_RUN_NOT_FOUND (another tenant's is not disclosed). */
export function runFor(platform: Platform, p: Principal, runId: string): ReturnType<typeof readRun> {
  const run = readRun(platform.config.dataDir, runId);
  if (!visible(p, run.record.options.tenant === p.tenantName))
    throw new JugwonError('JG_EVAL_RUN_NOT_FOUND', { run: runId });
  return { ...run, record: withoutPaths(run.record) };
}

/** A run as shown over HTTP: suite files by name only, never where they are on the server. */
function withoutPaths(r: RunRecord): RunRecord {
  return {
    ...r,
    options: { ...r.options, suites: r.options.suites.map((s) => basename(s)) },
    suites: r.suites.map((s) => ({ ...s, files: s.files.map((f) => basename(f)) })),
  };
}

const SAMPLES = fileURLToPath(new URL('../../examples/eval/', import.meta.url));
const SUITE_FILE = /\.(csv|tsv|json|jsonl|parquet)$/i;

/** Console evaluation runs in progress at once: per tenant, and on the whole server. */
export const MAX_RUNNING_PER_TENANT = 2;
export const MAX_RUNNING = 6;
/** Console evaluation runs listed (finished ones beyond this are forgotten, oldest first). */
const KEPT_JOBS = 200;

export class EvalJobs {
  private readonly jobs: EvalJob[] = [];
  private next = 1;

  constructor(private readonly platform: Platform) {}

  /** Suite names the server offers, and where each is read from. */
  suites(): Map<string, string> {
    const out = new Map<string, string>();
    for (const dir of [join(this.platform.config.dataDir, 'eval-suites'), SAMPLES]) {
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir).sort())
        if (!name.startsWith('.') && (SUITE_FILE.test(name) || !name.includes('.')) && !out.has(name))
          out.set(name, join(dir, name));
    }
    return out;
  }

  list(principal: Principal): EvalJob[] {
    return [...this.jobs].reverse().filter((j) => visible(principal, j.tenant === principal.tenantName));
  }

  start(principal: Principal, suite: string, models: string[], limit: number | undefined): EvalJob {
    const path = this.suites().get(suite);
    if (!path) throw new JugwonError('JG_INVALID_REQUEST', { problem: `no suite named "${suite}"` });
    if (models.length === 0 || models.length > 8)
      throw new JugwonError('JG_INVALID_REQUEST', { problem: 'choose 1 to 8 models' });
    const allowed = scopeOf(principal, this.platform.config.policy.preset).allowedModels;
    for (const m of models) {
      this.platform.registry.get(m); // unknown or forbidden models fail now, not later
      if (allowed && !allowed.includes(m)) throw new JugwonError('JG_MODEL_NOT_ALLOWED', { model: m });
    }
    // Each run holds its suite in memory and keeps two model calls going: a tenant may not start
    // them without end (a model list in another order was another run), nor all tenants together.
    const running = this.jobs.filter((j) => j.state === 'running');
    const ours = running.filter((j) => j.tenant === principal.tenantName).length;
    if (ours >= MAX_RUNNING_PER_TENANT)
      throw new JugwonError('JG_EVAL_BUSY', { running: ours, scope: 'tenant' });
    if (running.length >= MAX_RUNNING)
      throw new JugwonError('JG_EVAL_BUSY', { running: running.length, scope: 'server' });
    if (
      this.jobs.some(
        (j) =>
          j.state === 'running' &&
          j.tenant === principal.tenantName &&
          j.suite === suite &&
          j.models.join() === models.join(),
      )
    )
      throw new JugwonError('JG_INVALID_REQUEST', { problem: 'this run is already in progress' });
    const job: EvalJob = {
      id: this.next++,
      tenant: principal.tenantName,
      suite,
      models,
      limit: limit ?? null,
      state: 'running',
      done: 0,
      total: 0,
    };
    this.jobs.push(job);
    // The list shows the latest runs; the oldest finished ones are forgotten (their results stay
    // in the run's files).
    for (let i = 0; this.jobs.length > KEPT_JOBS && i < this.jobs.length; )
      if ((this.jobs[i] as EvalJob).state === 'running') i++;
      else this.jobs.splice(i, 1);
    runEvalAs(
      this.platform,
      principal,
      { suites: [path], models, ...(limit ? { limit } : {}), concurrency: 2, seed: 1234 },
      (p) => {
        job.done = p.done;
        job.total = p.total;
      },
    )
      .then((record) => {
        job.state = 'done';
        job.runId = record.runId;
      })
      .catch((e: unknown) => {
        job.state = 'failed';
        job.error = e instanceof JugwonError ? e.clientMessage : 'the run stopped with an internal error';
      });
    return job;
  }
}

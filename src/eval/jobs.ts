import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JugwonError } from '../core/errors.js';
import type { Gateway } from '../gateway/gateway.js';
import type { ModelRegistry } from '../models/registry.js';
import { runEval } from './run.js';

/**
 * Evaluation runs started from the console: they run in the server process, one at a time per
 * suite and model set, and their progress is kept in memory (the results themselves are the
 * run's files, as with `jugwon eval run`). Suites are files the operator placed in
 * <dataDir>/eval-suites (and the bundled samples), named, never given as paths by the client.
 */
export interface EvalJob {
  id: number;
  suite: string;
  models: string[];
  limit: number | null;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  runId?: string;
  error?: string;
}

const SAMPLES = fileURLToPath(new URL('../../examples/eval/', import.meta.url));
const SUITE_FILE = /\.(csv|tsv|json|jsonl|parquet)$/i;

export class EvalJobs {
  private readonly jobs: EvalJob[] = [];
  private next = 1;

  constructor(
    private readonly dataDir: string,
    private readonly deps: { registry: ModelRegistry; gateway: Gateway },
  ) {}

  /** Suite names the server offers, and where each is read from. */
  suites(): Map<string, string> {
    const out = new Map<string, string>();
    for (const dir of [join(this.dataDir, 'eval-suites'), SAMPLES]) {
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir).sort())
        if (!name.startsWith('.') && (SUITE_FILE.test(name) || !name.includes('.')) && !out.has(name))
          out.set(name, join(dir, name));
    }
    return out;
  }

  list(): EvalJob[] {
    return [...this.jobs].reverse();
  }

  start(suite: string, models: string[], limit: number | undefined): EvalJob {
    const path = this.suites().get(suite);
    if (!path) throw new JugwonError('JG_INVALID_REQUEST', { problem: `no suite named "${suite}"` });
    if (models.length === 0 || models.length > 8)
      throw new JugwonError('JG_INVALID_REQUEST', { problem: 'choose 1 to 8 models' });
    for (const m of models) this.deps.registry.get(m); // unknown models fail now, not later
    if (
      this.jobs.some((j) => j.state === 'running' && j.suite === suite && j.models.join() === models.join())
    )
      throw new JugwonError('JG_INVALID_REQUEST', { problem: 'this run is already in progress' });
    const job: EvalJob = {
      id: this.next++,
      suite,
      models,
      limit: limit ?? null,
      state: 'running',
      done: 0,
      total: 0,
    };
    this.jobs.push(job);
    runEval(
      this.dataDir,
      { suites: [path], models, ...(limit ? { limit } : {}), concurrency: 2, seed: 1234 },
      this.deps,
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
        job.error = e instanceof Error ? e.message : String(e);
      });
    return job;
  }
}

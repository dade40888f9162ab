import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { JugwonError } from '../core/errors.js';
import { writeFileAtomic } from '../core/files.js';
import { seeded } from '../core/random.js';
import type { ChatCompletion, ChatRequest } from '../models/chat-types.js';
import type { ModelRegistry } from '../models/registry.js';
import { extractAnswer } from './answer.js';
import { loadSuite } from './loaders.js';
import { type ItemResult, type Summary, summarize } from './score.js';
import type { EvalItem, Protocol, Suite, SuiteFormat } from './suite.js';

export interface RunOptions {
  suites: string[];
  format?: SuiteFormat;
  models: string[];
  limit?: number;
  concurrency: number;
  seed: number;
  /** The tenant the run belongs to (none: the operator's): only its members see it over HTTP. */
  tenant?: string;
  /** How suites are asked (default `official`: as their publishers evaluate them). */
  protocol?: Protocol;
  /** Solved examples before each question (default: the publisher's, when the suite has the split). */
  shots?: number;
}

export interface RunRecord {
  runId: string;
  created: string;
  options: RunOptions;
  suites: {
    name: string;
    format: SuiteFormat;
    files: string[];
    found: number;
    loaded: number;
    sampled: number;
    /** Solved examples before each question (0 in runs from before few-shot prompts). */
    shots?: number;
  }[];
  results: Summary[];
}

/** Deterministic decoding: the same run asks the same question the same way. */
const GENERATE = { temperature: 0, max_tokens: 32 } as const;

export const runsDir = (dataDir: string) => join(dataDir, 'evals');

/**
 * `--limit N` samples N items with a fixed seed across the whole suite (not the first N rows),
 * kept in the suite's order.
 */
export function sample(items: readonly EvalItem[], limit: number | undefined, seed: number): EvalItem[] {
  if (limit === undefined || limit >= items.length) return [...items];
  const random = seeded(seed);
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order
    .slice(0, limit)
    .sort((a, b) => a - b)
    .map((i) => items[i] as EvalItem);
}

/** Same suites (by content), models, limit and seed → same run id: a rerun continues that run. */
function runIdOf(suites: Suite[], o: RunOptions): string {
  const h = createHash('sha256');
  for (const s of suites) for (const f of s.files) h.update(f).update(readFileSync(f));
  h.update(
    JSON.stringify({
      format: o.format ?? null,
      models: o.models,
      limit: o.limit ?? null,
      seed: o.seed,
      // Runs of different tenants never share results (the operator's keep their old ids).
      ...(o.tenant !== undefined ? { tenant: o.tenant } : {}),
      ...(o.protocol && o.protocol !== 'official' ? { protocol: o.protocol } : {}),
      ...(o.shots !== undefined ? { shots: o.shots } : {}),
    }),
  );
  return h.digest('hex').slice(0, 12);
}

/**
 * What a run needs: the models (for log-likelihoods of embedded ones) and a chat call, which the
 * application makes under the caller's tenant (allowed models, preset, budgets, usage, audit).
 */
export interface EvalDeps {
  registry: ModelRegistry;
  chat(request: ChatRequest, signal: AbortSignal): Promise<ChatCompletion>;
}

export interface Progress {
  done: number;
  total: number;
}

/**
 * Runs every model on every suite. Each answered item is appended to the run's items.jsonl as it
 * comes, so an interrupted run continues where it stopped. Models that expose log-probabilities
 * (embedded llama.cpp) are scored by the likelihood of each answer label after the prompt, as
 * lm-evaluation-harness does; the others answer through `deps.chat` (the chat pipeline: the
 * personal-data policy applies) and the answer is read from their text.
 */
export async function runEval(
  dataDir: string,
  o: RunOptions,
  deps: EvalDeps,
  onProgress?: (p: Progress) => void,
): Promise<RunRecord> {
  for (const m of o.models) deps.registry.get(m); // an unknown model fails before any work
  const suites = await Promise.all(
    o.suites.map((s) => loadSuite(s, o.format, o.protocol ?? 'official', o.shots)),
  );
  const names = new Set<string>();
  for (const s of suites) {
    let name = s.name;
    for (let n = 2; names.has(name); n++) name = `${s.name}-${n}`;
    s.name = name;
    names.add(name);
  }
  const runId = runIdOf(suites, o);
  const dir = join(runsDir(dataDir), runId);
  mkdirSync(dir, { recursive: true });
  const itemsFile = join(dir, 'items.jsonl');
  const done = new Map<string, ItemResult>();
  if (existsSync(itemsFile)) {
    const kept = readFileSync(itemsFile, 'utf8');
    // A line cut by a crash is removed: the next answer appended to it would be lost with it.
    if (kept !== '' && !kept.endsWith('\n'))
      truncateSync(itemsFile, Buffer.byteLength(kept.slice(0, kept.lastIndexOf('\n') + 1)));
    for (const line of kept.split('\n')) {
      if (!line.trim()) continue;
      try {
        const r = JSON.parse(line) as ItemResult;
        done.set(`${r.model}\u0000${r.suite}\u0000${r.key}`, r);
      } catch {
        // a line cut by a crash: that item is asked again
      }
    }
  }
  const sampled = suites.map((s) => ({ suite: s, items: sample(s.items, o.limit, o.seed) }));
  const work: { model: string; suite: Suite; item: EvalItem }[] = [];
  for (const model of o.models)
    for (const { suite, items } of sampled)
      for (const item of items)
        if (!done.has(`${model}\u0000${suite.name}\u0000${item.key}`)) work.push({ model, suite, item });
  const total = o.models.length * sampled.reduce((n, s) => n + s.items.length, 0);
  let finished = total - work.length;
  onProgress?.({ done: finished, total });

  const controller = new AbortController();
  // Every request in flight listens to the run's signal (to stop when the run fails): with more
  // than a few at once that is many listeners by design, not a leak.
  setMaxListeners(Math.max(10, 4 * o.concurrency), controller.signal);
  let next = 0;
  const worker = async () => {
    while (next < work.length && !controller.signal.aborted) {
      const w = work[next++] as (typeof work)[number];
      const r = await answer(w.model, w.suite.name, w.item, deps, controller.signal);
      appendFileSync(itemsFile, `${JSON.stringify(r)}\n`);
      done.set(`${w.model}\u0000${w.suite.name}\u0000${w.item.key}`, r);
      onProgress?.({ done: ++finished, total });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, worker));
  } catch (e) {
    controller.abort();
    throw e;
  }

  const results: Summary[] = [];
  for (const model of o.models)
    for (const { suite, items } of sampled) {
      const rs = items.flatMap((i) => done.get(`${model}\u0000${suite.name}\u0000${i.key}`) ?? []);
      results.push({
        ...summarize(model, suite.name, items, rs),
        protocol: o.protocol ?? 'official',
        shots: suite.shots,
      });
    }
  const record: RunRecord = {
    runId,
    created: new Date().toISOString(),
    options: o,
    suites: sampled.map(({ suite, items }) => ({
      name: suite.name,
      format: suite.format,
      files: suite.files,
      found: suite.found,
      loaded: suite.items.length,
      sampled: items.length,
      shots: suite.shots,
    })),
    results,
  };
  writeFileAtomic(join(dir, 'run.json'), `${JSON.stringify(record, null, 2)}\n`);
  return record;
}

async function answer(
  model: string,
  suite: string,
  item: EvalItem,
  deps: EvalDeps,
  signal: AbortSignal,
): Promise<ItemResult> {
  const base = { model, suite, key: item.key, category: item.category, answer: item.answer };
  const provider = deps.registry.get(model);
  if (provider.logLikelihoods) {
    // Each label (or the suite's own continuation, CLIcK: the choice's text) after a space, as
    // lm-evaluation-harness's default target delimiter.
    const scores = await provider.logLikelihoods(
      item.prompt,
      item.continuations ?? item.labels.map((l) => ` ${l}`),
      { signal },
    );
    const predicted = scores.indexOf(Math.max(...scores));
    return { ...base, predicted, correct: predicted === item.answer, method: 'loglik' };
  }
  const completion = await deps.chat(
    { model, messages: [{ role: 'user', content: item.prompt }], ...GENERATE, seed: 1234 },
    signal,
  );
  const content = completion.choices[0]?.message.content;
  const output = typeof content === 'string' ? content : '';
  const predicted = extractAnswer(output, item.labels, item.choices) ?? null;
  return {
    ...base,
    predicted,
    correct: predicted === item.answer,
    method: 'generate',
    output: output.slice(0, 200),
  };
}

/** A finished run and its item results, by id. */
export function readRun(dataDir: string, runId: string): { record: RunRecord; items: ItemResult[] } {
  const dir = join(runsDir(dataDir), runId);
  if (!/^[0-9a-f]{12}$/.test(runId) || !existsSync(join(dir, 'run.json')))
    throw new JugwonError('JG_EVAL_RUN_NOT_FOUND', { run: runId });
  const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunRecord;
  const items = readFileSync(join(dir, 'items.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as ItemResult];
      } catch {
        return [];
      }
    });
  return { record, items };
}

/** Finished runs, newest first. */
export function listRuns(dataDir: string): RunRecord[] {
  const root = runsDir(dataDir);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((d) => existsSync(join(root, d, 'run.json')))
    .map((d) => JSON.parse(readFileSync(join(root, d, 'run.json'), 'utf8')) as RunRecord)
    .sort((a, b) => b.created.localeCompare(a.created));
}

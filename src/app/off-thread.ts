import { Worker } from 'node:worker_threads';
import type { PrivacyConfig } from '../core/config.js';
import { type ErrorCode, errorSpecs, JugwonError } from '../core/errors.js';
import type { SourceDocument } from '../knowledge/parsers/index.js';
import type { Entity } from '../privacy/types.js';
import type { Job } from './off-thread-worker.js';

/** Texts longer than this (in all) are scanned off the event loop; shorter ones cost less than the hand-over. */
export const OFF_THREAD_CHARS = 64 * 1024;

// Built to dist/app; tests that run the sources use the built worker (npm test builds first).
const WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/app/off-thread-worker.js', import.meta.url)
  : new URL('./off-thread-worker.js', import.meta.url);

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

type Wire = {
  id: number;
  result?: unknown;
  error?: { code?: string; message?: string; clientMessage?: string; jugwon?: boolean };
};

type Pending = {
  job: DistributiveOmit<Job, 'id'>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onLoss: () => JugwonError;
};

/**
 * Work that must not hold up the server: detecting personal data in large texts and parsing
 * uploaded documents run in worker threads with their own memory limit and a time limit. A
 * document that would expand past the limit (a decompression bomb) or runs too long ends its
 * worker — which is started again for the next job — and its upload is refused; the server's
 * event loop keeps answering meanwhile.
 *
 * Detection and parsing each have their own worker, and a worker takes one job at a time, timed
 * from when it starts: a document that takes minutes to read (one tenant's upload) neither delays
 * the scan of another tenant's chat request nor, when its worker is ended, fails the jobs queued
 * behind it — with one shared worker it did both, and a queued job's clock ran while it waited.
 */
export class OffThread {
  private readonly lanes: { detect: Lane; parse: Lane };

  constructor(
    privacy: PrivacyConfig,
    private readonly limits: { memoryMb: number; timeoutMs: number } = { memoryMb: 768, timeoutMs: 120_000 },
  ) {
    this.lanes = { detect: new Lane(privacy, limits), parse: new Lane(privacy, limits) };
  }

  /** Each text's entities. A worker lost mid-way refuses the request (fail closed). */
  detectAll(texts: string[], maxFindings?: number): Promise<Entity[][]> {
    return this.lanes.detect.run(
      { kind: 'detect', texts, ...(maxFindings !== undefined ? { maxFindings } : {}) },
      () => new JugwonError('JG_POLICY_ERROR'),
    );
  }

  parse(file: string, bytes: Uint8Array): Promise<SourceDocument[]> {
    return this.lanes.parse.run(
      { kind: 'parse', file, bytes },
      () =>
        new JugwonError('JG_PARSE_FAILED', {
          file,
          reason: `reading it needed more than ${this.limits.memoryMb} MB or ${this.limits.timeoutMs / 1000} s`,
        }),
    );
  }

  async close(): Promise<void> {
    await Promise.all([this.lanes.detect.close(), this.lanes.parse.close()]);
  }
}

/** One worker and the jobs waiting for it, run one at a time in the order they came. */
class Lane {
  private worker: Worker | undefined;
  private current: { id: number; job: Pending; timer: NodeJS.Timeout } | undefined;
  private readonly queue: Pending[] = [];
  private next = 1;
  private closed = false;

  constructor(
    private readonly privacy: PrivacyConfig,
    private readonly o: { memoryMb: number; timeoutMs: number },
  ) {}

  run<T>(job: DistributiveOmit<Job, 'id'>, onLoss: () => JugwonError): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) return reject(onLoss());
      this.queue.push({ job, resolve: resolve as (v: unknown) => void, reject, onLoss });
      this.pump();
    });
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.worker ??= this.spawn();
    const worker = this.worker;
    const id = this.next++;
    // A job past its time ends the worker (and with it the job); the next job starts a new one.
    const timer = setTimeout(() => void worker.terminate(), this.o.timeoutMs);
    timer.unref();
    this.current = { id, job, timer };
    worker.postMessage({ ...job.job, id } as Job);
  }

  /** Ends the job in flight (answered, or its worker lost) and starts the next. */
  private finish(id: number, outcome: (job: Pending) => void): void {
    const c = this.current;
    if (c?.id !== id) return;
    clearTimeout(c.timer);
    this.current = undefined;
    outcome(c.job);
    this.pump();
  }

  private spawn(): Worker {
    const w = new Worker(WORKER, {
      workerData: { privacy: this.privacy },
      resourceLimits: { maxOldGenerationSizeMb: this.o.memoryMb },
    });
    w.on('message', (m: Wire) =>
      this.finish(m.id, (job) => (m.error ? job.reject(fromWire(m.error)) : job.resolve(m.result))),
    );
    const lost = () => {
      if (this.worker !== w) return;
      this.worker = undefined;
      if (this.current) this.finish(this.current.id, (job) => job.reject(job.onLoss()));
    };
    w.on('error', lost);
    w.on('exit', lost);
    w.unref();
    return w;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(job.onLoss());
    await this.worker?.terminate();
  }
}

/** The worker's error as the server raises it: a JugwonError keeps its code and message. */
function fromWire(e: NonNullable<Wire['error']>): JugwonError {
  if (!e.jugwon || !e.code || !(e.code in errorSpecs)) return new JugwonError('JG_INTERNAL');
  const err = new JugwonError('JG_INTERNAL');
  const spec = errorSpecs[e.code as ErrorCode];
  return Object.assign(err, {
    code: e.code,
    message: e.message ?? err.message,
    clientMessage: e.clientMessage ?? e.message ?? err.clientMessage,
    status: spec.status,
    type: spec.type,
  });
}

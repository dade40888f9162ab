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

type Wire = { id: number; result?: unknown; error?: { code?: string; message?: string; jugwon?: boolean } };

/**
 * Work that must not hold up the server: detecting personal data in large texts and parsing
 * uploaded documents run in a worker thread with its own memory limit and a time limit. A
 * document that would expand past the limit (a decompression bomb) or runs too long ends the
 * worker — which is started again for the next job — and its upload is refused; the server's
 * event loop keeps answering meanwhile.
 */
export class OffThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void; onLoss: () => JugwonError }
  >();
  private next = 1;

  constructor(
    private readonly privacy: PrivacyConfig,
    private readonly o: { memoryMb: number; timeoutMs: number } = { memoryMb: 768, timeoutMs: 120_000 },
  ) {}

  private spawn(): Worker {
    const w = new Worker(WORKER, {
      workerData: { privacy: this.privacy },
      resourceLimits: { maxOldGenerationSizeMb: this.o.memoryMb },
    });
    w.on('message', (m: Wire) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error) p.reject(fromWire(m.error));
      else p.resolve(m.result);
    });
    const lost = () => {
      if (this.worker === w) this.worker = undefined;
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        p.reject(p.onLoss());
      }
    };
    w.on('error', lost);
    w.on('exit', lost);
    w.unref();
    return w;
  }

  private run<T>(job: DistributiveOmit<Job, 'id'>, onLoss: () => JugwonError): Promise<T> {
    this.worker ??= this.spawn();
    const worker = this.worker;
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A job past its time ends the worker (and with it the job); the next job starts a new one.
        void worker.terminate();
      }, this.o.timeoutMs);
      timer.unref();
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
        onLoss,
      });
      worker.postMessage({ ...job, id } as Job);
    });
  }

  /** Each text's entities. A worker lost mid-way refuses the request (fail closed). */
  detectAll(texts: string[], maxFindings?: number): Promise<Entity[][]> {
    return this.run(
      { kind: 'detect', texts, ...(maxFindings !== undefined ? { maxFindings } : {}) },
      () => new JugwonError('JG_POLICY_ERROR'),
    );
  }

  parse(file: string, bytes: Uint8Array): Promise<SourceDocument[]> {
    return this.run(
      { kind: 'parse', file, bytes },
      () =>
        new JugwonError('JG_PARSE_FAILED', {
          file,
          reason: `reading it needed more than ${this.o.memoryMb} MB or ${this.o.timeoutMs / 1000} s`,
        }),
    );
  }

  async close(): Promise<void> {
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
    status: spec.status,
    type: spec.type,
  });
}

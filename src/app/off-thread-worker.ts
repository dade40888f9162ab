import { parentPort, workerData } from 'node:worker_threads';
import type { PrivacyConfig } from '../core/config.js';
import { parseBytes } from '../knowledge/parsers/index.js';
import { detectorFromConfig } from '../privacy/from-config.js';

/**
 * The worker behind OffThread (off-thread.ts): detection of large texts and parsing of uploaded
 * documents, so neither can hold up the server's event loop, and a document that expands beyond
 * the worker's memory limit ends the worker, not the server.
 */
export type Job =
  | { id: number; kind: 'detect'; texts: string[] }
  | { id: number; kind: 'parse'; file: string; bytes: Uint8Array };

const detector = detectorFromConfig((workerData as { privacy: PrivacyConfig }).privacy);

parentPort?.on('message', async (job: Job) => {
  try {
    const result =
      job.kind === 'detect'
        ? job.texts.map((t) => detector.detect(t))
        : await parseBytes(job.file, job.bytes);
    parentPort?.postMessage({ id: job.id, result });
  } catch (e) {
    const err = e as { code?: string; message?: string; name?: string };
    parentPort?.postMessage({
      id: job.id,
      error: {
        code: err.code,
        message: err.message,
        jugwon: err.name === 'JugwonError',
        params: (e as { params?: unknown }).params,
      },
    });
  }
});

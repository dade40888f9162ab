import { parentPort, workerData } from 'node:worker_threads';
import type { PrivacyConfig } from '../core/config.js';
import { JugwonError } from '../core/errors.js';
import { parseBytes } from '../knowledge/parsers/index.js';
import { detectorFromConfig } from '../privacy/from-config.js';

/**
 * The worker behind OffThread (off-thread.ts): detection of large texts and parsing of uploaded
 * documents, so neither can hold up the server's event loop, and a document that expands beyond
 * the worker's memory limit ends the worker, not the server.
 */
export type Job =
  | { id: number; kind: 'detect'; texts: string[]; maxFindings?: number }
  | { id: number; kind: 'parse'; file: string; bytes: Uint8Array };

const detector = detectorFromConfig((workerData as { privacy: PrivacyConfig }).privacy);

/**
 * Each text's entities, or — past `maxFindings` in all — only an empty answer and the count: the
 * caller refuses the request, and hundreds of thousands of entities are never sent back to the
 * server's thread to be read there.
 */
function detectUpTo(texts: string[], maxFindings = Number.POSITIVE_INFINITY) {
  const lists = texts.map((t) => detector.detect(t));
  const n = lists.reduce((sum, l) => sum + l.length, 0);
  if (n > maxFindings) throw new JugwonError('JG_TOO_MANY_FINDINGS', { limit: maxFindings });
  return lists;
}

parentPort?.on('message', async (job: Job) => {
  try {
    const result =
      job.kind === 'detect' ? detectUpTo(job.texts, job.maxFindings) : await parseBytes(job.file, job.bytes);
    parentPort?.postMessage({ id: job.id, result });
  } catch (e) {
    const err = e as { code?: string; message?: string; clientMessage?: string; name?: string };
    parentPort?.postMessage({
      id: job.id,
      error: {
        code: err.code,
        message: err.message,
        clientMessage: err.clientMessage,
        jugwon: err.name === 'JugwonError',
        params: (e as { params?: unknown }).params,
      },
    });
  }
});

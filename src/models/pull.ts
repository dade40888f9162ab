import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Agent, interceptors, request } from 'undici';
import { JugwonError } from '../core/errors.js';

export interface PullOptions {
  /** Folder the file goes to. */
  dir: string;
  /** Hub base URL (a mirror inside the organisation, or the public hub). */
  endpoint: string;
  revision?: string;
  onProgress?: (received: number, total: number | undefined) => void;
  signal?: AbortSignal;
}

const SPEC = /^([A-Za-z0-9][\w.-]*\/[\w.-]+)\/([\w.-]+\.gguf)$/;

/** "owner/repo/file.gguf" → its parts, or a usage error naming the expected form. */
export function parseModelSpec(spec: string): { repo: string; file: string } {
  const m = SPEC.exec(spec);
  if (!m)
    throw new JugwonError('JG_INVALID_VALUE', {
      what: 'model file',
      problem: `expected <owner>/<repo>/<file>.gguf, got "${spec}"`,
    });
  return { repo: m[1] as string, file: m[2] as string };
}

/**
 * Downloads a GGUF file from a Hugging Face–style hub (`hub.url`: the hub or a mirror), to a `.part`
 * file first, checks it is GGUF, then renames it into place: an interrupted download never
 * leaves a file that looks complete.
 */
export async function pullModel(spec: string, options: PullOptions): Promise<string> {
  const { repo, file } = parseModelSpec(spec);
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const url = `${endpoint}/${repo}/resolve/${options.revision ?? 'main'}/${file}`;
  const target = join(options.dir, basename(file));
  const part = `${target}.part`;
  // Private like the data folder it is usually inside, which this may be the first to create.
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  let res: Awaited<ReturnType<typeof request>>;
  try {
    // Hubs answer with redirects to their file storage.
    const dispatcher = new Agent().compose(interceptors.redirect({ maxRedirections: 5 }));
    res = await request(url, {
      method: 'GET',
      dispatcher,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    throw new JugwonError('JG_DOWNLOAD_FAILED', {
      source: url,
      problem: (e as { code?: string }).code ?? (e as Error).message,
    });
  }
  if (res.statusCode !== 200) {
    await res.body.dump();
    const problem =
      res.statusCode === 404
        ? 'not found (check the repository and file name)'
        : res.statusCode === 401 || res.statusCode === 403
          ? `HTTP ${res.statusCode} (the model may need accepting its licence or a token)`
          : `HTTP ${res.statusCode}`;
    throw new JugwonError('JG_DOWNLOAD_FAILED', { source: url, problem });
  }
  const total = Number(res.headers['content-length']) || undefined;
  let received = 0;
  const progress = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      options.onProgress?.(received, total);
      done(null, chunk);
    },
  });
  try {
    await pipeline(res.body, progress, createWriteStream(part));
    if (total !== undefined && received !== total) throw new Error(`received ${received} of ${total} bytes`);
    const fh = await open(part, 'r');
    const magic = Buffer.alloc(4);
    await fh.read(magic, 0, 4, 0);
    await fh.close();
    if (magic.toString('ascii') !== 'GGUF') throw new Error('the file is not in GGUF format');
    await rename(part, target);
  } catch (e) {
    await rm(part, { force: true });
    if (e instanceof JugwonError) throw e;
    throw new JugwonError('JG_DOWNLOAD_FAILED', { source: url, problem: (e as Error).message });
  }
  return target;
}

import { readFileSync, statSync } from 'node:fs';
import { JugwonError } from '../core/errors.js';

export const MAX_TEXT_BYTES = 256 * 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes a whole input as UTF-8 text, refusing binary data with a clear error. */
export function decodeText(bytes: Buffer, source: string): string {
  if (bytes.includes(0)) throw new JugwonError('JG_INPUT_NOT_TEXT', { source });
  try {
    return decoder.decode(bytes);
  } catch {
    throw new JugwonError('JG_INPUT_NOT_TEXT', { source });
  }
}

export function readTextFile(file: string, limit = MAX_TEXT_BYTES): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory())
      throw new JugwonError('JG_USAGE', { problem: `${file} is a directory; pass a file.` });
    size = st.size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new JugwonError('JG_FILE_NOT_FOUND', { file });
    throw e;
  }
  if (size > limit) throw new JugwonError('JG_INPUT_TOO_LARGE', { what: file, limit });
  return decodeText(readFileSync(file), file);
}

export async function readStdinText(limit = MAX_TEXT_BYTES): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new JugwonError('JG_INPUT_TOO_LARGE', { what: 'standard input', limit });
    parts.push(chunk);
  }
  return decodeText(Buffer.concat(parts), 'standard input');
}

/** Writes to stdout honouring back-pressure, so piping 10 GB through `jq` does not balloon memory. */
export function write(out: NodeJS.WritableStream, s: string): Promise<void> | undefined {
  if (out.write(s)) return undefined;
  return new Promise((resolve) => out.once('drain', () => resolve()));
}

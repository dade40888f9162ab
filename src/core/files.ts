import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file whole or not at all: the text goes to a temporary file beside it, fsynced, which
 * then replaces it, so a reader (another process, or this one after a crash or a power loss) never
 * sees half of it — without the fsync, a power loss can leave the new name pointing at an empty
 * file. The temporary name carries the process id: two processes writing at once do not share one.
 */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeSynced(tmp, 'w', text);
  } catch (e) {
    // The file in place stays as it was (a full disk): the half-written copy goes.
    rmSync(tmp, { force: true });
    throw e;
  }
  renameSync(tmp, path);
  writeSynced(dirname(path), 'r');
}

/**
 * Opens `path` (with `flag`), writes `text` if given and fsyncs it. A folder opened with 'r' and
 * synced makes a new or renamed name in it survive power loss.
 */
function writeSynced(path: string, flag: 'w' | 'wx' | 'r', text?: string, mode?: number): void {
  const fd = openSync(path, flag, mode);
  try {
    if (text !== undefined) writeAll(fd, Buffer.from(text));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes every byte: one write may take only part of them (the disk filling up as it writes),
 * and a file cut short would then replace a whole one.
 */
function writeAll(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.length; ) {
    const n = writeSync(fd, bytes, at, bytes.length - at);
    if (n <= 0) throw Object.assign(new Error('no space left to write the file'), { code: 'ENOSPC' });
    at += n;
  }
}

/**
 * Creates `path` holding `text` unless it exists, in one step other processes cannot see half of:
 * the text is written and fsynced under a temporary name, then hard-linked to `path` (which fails
 * if another process created it first). Returns whether this call created it. For files created
 * once and then only read, such as keys: two processes starting on one fresh data folder each
 * generated a key and one read the other's half-written file.
 */
export function createFileOnce(path: string, text: string, mode = 0o600): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeSynced(tmp, 'wx', text, mode);
  try {
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    unlinkSync(tmp);
  }
  writeSynced(dirname(path), 'r');
  return true;
}

/**
 * Creates the data folder (and any folder above it) readable by this user only, if it does not
 * exist: it holds the database (password and key hashes, the audit trail), indexed documents and
 * eval answers, which other local users of the machine must not read. An existing folder keeps
 * the permissions its operator gave it.
 */
export function makePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
}

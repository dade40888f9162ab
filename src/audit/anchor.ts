import {
  appendFileSync,
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** One signed checkpoint as written outside the database. */
export interface AnchorLine {
  seq: number;
  hash: string;
  signature: string;
  time: string;
}

/**
 * The audit trail's anchor: every signed checkpoint is also appended to a file outside the
 * database (audit.anchor; default <dataDir>/audit-anchor.jsonl), which can live on WORM storage
 * or be shipped to syslog as it grows. A database whose tail was cut, rewritten or emptied no
 * longer holds the records the anchor names, so `audit verify` fails while the anchor is intact.
 */
export class AuditAnchor {
  constructor(readonly path: string) {}

  append(line: AnchorLine): void {
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${JSON.stringify(line)}\n`, { mode: 0o640 });
  }

  /** The anchored checkpoints; a line cut off by a crash is ignored. */
  read(): AnchorLine[] {
    if (!existsSync(this.path)) return [];
    return readFileSync(this.path, 'utf8').split('\n').flatMap(parseLine);
  }

  /**
   * The last anchored checkpoint, read from the end of the file (every server start reads it; the
   * anchor only grows).
   */
  last(): AnchorLine | undefined {
    if (!existsSync(this.path)) return undefined;
    const fd = openSync(this.path, 'r');
    try {
      let end = fstatSync(fd).size;
      let tail = '';
      while (end > 0) {
        const start = Math.max(0, end - TAIL_BLOCK);
        const block = Buffer.alloc(end - start);
        readSync(fd, block, 0, block.length, start);
        end = start;
        // Whole lines only: the block may start inside a line (or inside a character).
        const text = block.toString('latin1') + tail;
        const cut = end > 0 ? text.indexOf('\n') : -1;
        if (end > 0 && cut < 0) {
          tail = text; // no line starts in this block
          continue;
        }
        tail = cut >= 0 ? text.slice(0, cut) : '';
        const lines = text.slice(cut + 1).split('\n');
        for (let i = lines.length - 1; i >= 0; i--) {
          const a = parseLine(Buffer.from(lines[i] as string, 'latin1').toString('utf8'));
          if (a.length) return a[0];
        }
      }
      return undefined;
    } finally {
      closeSync(fd);
    }
  }
}

const TAIL_BLOCK = 64 * 1024;

function parseLine(l: string): AnchorLine[] {
  try {
    const a = JSON.parse(l) as AnchorLine;
    return typeof a.seq === 'number' && typeof a.hash === 'string' ? [a] : [];
  } catch {
    return [];
  }
}

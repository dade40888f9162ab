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
  /** Whether this process has checked that the file ends with a whole line. */
  private ended = false;

  constructor(readonly path: string) {}

  append(line: AnchorLine): void {
    mkdirSync(dirname(this.path), { recursive: true });
    // A line cut by a crash would take the next checkpoint with it (glued, neither reads): the
    // next one starts on a line of its own. The cut bytes stay — the anchor is only appended to.
    const start = this.ended || endsWithNewline(this.path) ? '' : '\n';
    appendFileSync(this.path, `${start}${JSON.stringify(line)}\n`, { mode: 0o640 });
    this.ended = true;
  }

  /** The anchored checkpoints; a line cut off by a crash is ignored. */
  read(): AnchorLine[] {
    if (!existsSync(this.path)) return [];
    return readFileSync(this.path, 'utf8').split('\n').flatMap(parseLine);
  }

  /**
   * The last anchored checkpoint, read from the last 64 KB of the file (every server start reads
   * it; the anchor only grows). Lines are ~200 bytes; only an anchor whose last 64 KB hold no whole
   * line (a damaged one) is read in full.
   */
  last(): AnchorLine | undefined {
    if (!existsSync(this.path)) return undefined;
    const fd = openSync(this.path, 'r');
    let lines: string[];
    let whole: boolean;
    try {
      const size = fstatSync(fd).size;
      const block = Buffer.alloc(Math.min(size, TAIL_BLOCK));
      readSync(fd, block, 0, block.length, size - block.length);
      whole = block.length === size;
      lines = block.toString('utf8').split('\n');
      if (!whole) lines.shift(); // the block may start inside a line
    } finally {
      closeSync(fd);
    }
    for (let i = lines.length - 1; i >= 0; i--) {
      const a = parseLine(lines[i] as string);
      if (a.length) return a[0];
    }
    return whole ? undefined : this.read().at(-1);
  }
}

const TAIL_BLOCK = 64 * 1024;

/** Whether the file is absent, empty or ends with a newline. */
function endsWithNewline(path: string): boolean {
  if (!existsSync(path)) return true;
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

function parseLine(l: string): AnchorLine[] {
  try {
    const a = JSON.parse(l) as AnchorLine;
    return typeof a.seq === 'number' && typeof a.hash === 'string' ? [a] : [];
  } catch {
    return [];
  }
}

import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
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
    return readFileSync(this.path, 'utf8')
      .split('\n')
      .flatMap((l) => {
        try {
          const a = JSON.parse(l) as AnchorLine;
          return typeof a.seq === 'number' && typeof a.hash === 'string' ? [a] : [];
        } catch {
          return [];
        }
      });
  }

  last(): AnchorLine | undefined {
    return this.read().at(-1);
  }
}

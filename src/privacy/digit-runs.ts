import type { DigitRunFinder, Pattern, RunSpec } from './types.js';

/** Digits of one match are at most this many characters apart (Pattern.digitRuns). */
const GAP = 6;

/** The spec for patterns scanned together, if every one of them declares where it starts. */
export function runSpec(patterns: readonly Pattern[], source: string, flags: string): RunSpec | undefined {
  if (!patterns.every((p) => p.digitRuns)) return undefined;
  let lengths = 0;
  for (const p of patterns) for (const n of p.digitRuns?.firstRun ?? []) if (n <= 30) lengths |= 1 << n;
  return {
    sticky: new RegExp(source, `${flags.replace(/[gy]/g, '')}y`),
    min: Math.min(...patterns.map((p) => p.digitRuns?.min ?? 0)),
    lengths,
    lead: Math.max(...patterns.map((p) => p.digitRuns?.lead ?? 0)),
  };
}

/**
 * The runs of ASCII digits of a text, found once in one pass: where each starts, how long it is,
 * and how many digits its cluster holds (digits at most GAP apart). A digit-led pattern is then
 * tried only where a run of a length it can start with begins, in a cluster with enough digits,
 * instead of at every character: most of a PII-dense text's positions are digits that no
 * identifier starts at, and each regex scan paid for each of them.
 */
export class DigitRuns implements DigitRunFinder {
  private starts = new Int32Array(256);
  private lengths = new Int32Array(256);
  private clusters = new Int32Array(256);
  private count = 0;

  constructor(private readonly text: string) {
    let clusterFirst = 0;
    let clusterDigits = 0;
    let end = -GAP - 2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x39 || c < 0x30) continue;
      if (i !== end) {
        if (i - end > GAP) {
          this.clusters.fill(clusterDigits, clusterFirst, this.count);
          clusterFirst = this.count;
          clusterDigits = 0;
        }
        if (this.count === this.starts.length) this.grow();
        this.starts[this.count++] = i;
      }
      (this.lengths[this.count - 1] as number)++;
      clusterDigits++;
      end = i + 1;
    }
    this.clusters.fill(clusterDigits, clusterFirst, this.count);
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const copy = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.starts = copy(this.starts);
    this.lengths = copy(this.lengths);
    this.clusters = copy(this.clusters);
  }

  /**
   * A finder over the text for one scan: `find(from)` is the first match starting at `from` or
   * later, as `regex.exec` with `lastIndex = from` would give. Calls must come with `from` never
   * decreasing (a scan moves forward).
   */
  finder(spec: RunSpec): (from: number) => RegExpExecArray | null {
    let k = 0;
    const { sticky, min, lengths, lead } = spec;
    return (from) => {
      for (; k < this.count; k++) {
        const start = this.starts[k] as number;
        // A match starts at most `lead` characters before its run: none at `from` or later here.
        if (start < from) continue;
        if ((this.clusters[k] as number) < min) continue;
        const length = this.lengths[k] as number;
        if (length > 30 || ((lengths >>> length) & 1) === 0) continue;
        // Not advancing k on a match: a match dropped by its recogniser is searched again from
        // its next character, which may still be in this run's lead.
        for (let q = Math.max(start - lead, from); q <= start; q++) {
          sticky.lastIndex = q;
          const m = sticky.exec(this.text);
          if (m) return m;
        }
      }
      return null;
    };
  }
}

/** Every match a finder gives, each taken (the next searched from the end of the last). */
export function* eachMatch(find: (from: number) => RegExpExecArray | null): Generator<RegExpExecArray> {
  for (let m = find(0); m !== null; m = find(m.index + m[0].length)) yield m;
}

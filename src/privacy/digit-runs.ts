import type { DigitRunFinder, Pattern, RunSpec } from './types.js';

/** Digits of one match are at most this many characters apart (Pattern.digitRuns). */
const GAP = 6;
/** Below this many runs (a chat message, a form) the runs are simply read in order. */
const FEW_RUNS = 512;

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

  /** Run indices grouped by run length (0 for runs longer than 30), each group in text order. */
  private byLength: { order: Int32Array; from: Int32Array } | undefined;

  private groups(): { order: Int32Array; from: Int32Array } {
    if (this.byLength) return this.byLength;
    const from = new Int32Array(32);
    const bucket = (k: number) => {
      const length = this.lengths[k] as number;
      return length > 30 ? 0 : length;
    };
    for (let k = 0; k < this.count; k++) (from[bucket(k) + 1] as number)++;
    for (let b = 1; b < 32; b++) from[b] = (from[b] as number) + (from[b - 1] as number);
    const next = from.slice();
    const order = new Int32Array(this.count);
    for (let k = 0; k < this.count; k++) order[(next[bucket(k)] as number)++] = k;
    this.byLength = { order, from };
    return this.byLength;
  }

  /**
   * A finder over the text for one scan: `find(from)` is the first match starting at `from` or
   * later, as `regex.exec` with `lastIndex = from` would give. Calls must come with `from` never
   * decreasing (a scan moves forward). Only the runs of a length the scan can start with, in
   * clusters with enough digits, are visited: most runs in a PII-dense text are dates, times and
   * amounts of a few digits.
   */
  finder(spec: RunSpec): (from: number) => RegExpExecArray | null {
    const { sticky, min, lengths, lead } = spec;
    const starts = this.count < FEW_RUNS ? this.starts.subarray(0, this.count) : this.eligible(spec);
    const few = this.count < FEW_RUNS;
    let i = 0;
    return (from) => {
      for (; i < starts.length; i++) {
        const start = starts[i] as number;
        // A match starts at most `lead` characters before its run: none at `from` or later here.
        if (start < from) continue;
        if (few) {
          const length = this.lengths[i] as number;
          if ((this.clusters[i] as number) < min || length > 30 || ((lengths >>> length) & 1) === 0) continue;
        }
        // Not advancing on a match: a match dropped by its recogniser is searched again from its
        // next character, which may still be in this run's lead.
        for (let q = Math.max(start - lead, from); q <= start; q++) {
          sticky.lastIndex = q;
          const m = sticky.exec(this.text);
          if (m) return m;
        }
      }
      return null;
    };
  }

  /** The starts of the runs a scan can begin at, in text order, from the groups by length. */
  private eligible(spec: RunSpec): Int32Array {
    const { min, lengths } = spec;
    const { order, from: groupStart } = this.groups();
    let size = 0;
    for (let n = 1; n <= 30; n++)
      if ((lengths >>> n) & 1) size += (groupStart[n + 1] as number) - (groupStart[n] as number);
    const runs = new Int32Array(size);
    let j = 0;
    for (let n = 1; n <= 30; n++) {
      if (((lengths >>> n) & 1) === 0) continue;
      for (let g = groupStart[n] as number; g < (groupStart[n + 1] as number); g++) {
        const k = order[g] as number;
        if ((this.clusters[k] as number) >= min) runs[j++] = this.starts[k] as number;
      }
    }
    return runs.subarray(0, j).sort();
  }
}

/** Every match a finder gives, each taken (the next searched from the end of the last). */
export function* eachMatch(find: (from: number) => RegExpExecArray | null): Generator<RegExpExecArray> {
  for (let m = find(0); m !== null; m = find(m.index + m[0].length)) yield m;
}

import type { DigitRunFinder, Pattern, RunSpec } from './types.js';

/** Digits of one match are at most this many characters apart (Pattern.digitRuns). */
const GAP = 6;
/** Below this many runs (a chat message, a form) the runs are simply read in order. */
const FEW_RUNS = 512;
/**
 * Trying a pattern at one run costs about as much as a scan over this many characters: when a
 * text has more eligible runs than its length over this (a text made of short numbers, "1 1 1 …",
 * "12-12-…"), one scan of every position is cheaper, and keeps such input as fast as before.
 */
const RUN_COST_IN_CHARACTERS = 16;

/** The spec for patterns scanned together, if every one of them declares where it starts. */
export function runSpec(patterns: readonly Pattern[], source: string, flags: string): RunSpec | undefined {
  if (!patterns.every((p) => p.digitRuns)) return undefined;
  let lengths = 0;
  for (const p of patterns) for (const n of p.digitRuns?.firstRun ?? []) if (n <= 30) lengths |= 1 << n;
  return {
    sticky: new RegExp(source, `${flags.replace(/[gy]/g, '')}y`),
    everywhere: new RegExp(source, `${flags.replace(/[gy]/g, '')}g`),
    min: Math.min(...patterns.map((p) => p.digitRuns?.min ?? 0)),
    lengths,
    lead: Math.max(...patterns.map((p) => p.digitRuns?.lead ?? 0)),
  };
}

/**
 * Where the one pass writes (start, length, cluster digits) per run, reused by every text: scans
 * are synchronous, one at a time, and copy out what they found. Creating typed arrays costs more
 * than a chat message's whole scan; kept small after a long text.
 */
let scratch = new Int32Array(3 * 1024);
const SCRATCH_KEPT = 3 * 65_536;

/**
 * The runs of ASCII digits of a text, found once in one pass: where each starts, how long it is,
 * and how many digits its cluster holds (digits at most GAP apart). A digit-led pattern is then
 * tried only where a run of a length it can start with begins, in a cluster with enough digits,
 * instead of at every character: most of a PII-dense text's positions are digits that no
 * identifier starts at, and each regex scan paid for each of them.
 */
export class DigitRuns implements DigitRunFinder {
  /**
   * (start, length, cluster digits) of each run, three numbers per run: a text with few runs gets
   * a plain array (cheap to create), a long one keeps the buffer it was found into (no copy).
   */
  private readonly runs: number[] | Int32Array;
  private readonly count: number;

  constructor(private readonly text: string) {
    let runs = scratch;
    let n = 0;
    let clusterFirst = 0;
    let clusterDigits = 0;
    let end = -GAP - 2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if ((c - 0x30) >>> 0 > 9) continue; // one unsigned comparison: not an ASCII digit
      if (i === end) (runs[3 * n - 2] as number)++;
      else {
        if (i - end > GAP) {
          for (let k = clusterFirst; k < n; k++) runs[3 * k + 2] = clusterDigits;
          clusterFirst = n;
          clusterDigits = 0;
        }
        if (3 * n + 3 > runs.length) {
          const bigger = new Int32Array(runs.length * 2);
          bigger.set(runs);
          runs = bigger;
        }
        runs[3 * n] = i;
        runs[3 * n + 1] = 1;
        n++;
      }
      clusterDigits++;
      end = i + 1;
    }
    for (let k = clusterFirst; k < n; k++) runs[3 * k + 2] = clusterDigits;
    this.count = n;
    if (n < FEW_RUNS) {
      const copy = new Array<number>(3 * n);
      for (let k = 0; k < 3 * n; k++) copy[k] = runs[k] as number;
      this.runs = copy;
      scratch = runs.length > SCRATCH_KEPT ? new Int32Array(3 * 1024) : runs;
    } else {
      this.runs = runs; // this text's now; the next one starts a buffer of its own
      scratch = new Int32Array(3 * 1024);
    }
  }

  /** Run indices grouped by run length (0 for runs longer than 30), each group in text order. */
  private byLength: { order: Int32Array; from: Int32Array } | undefined;

  private groups(): { order: Int32Array; from: Int32Array } {
    if (this.byLength) return this.byLength;
    const from = new Int32Array(32);
    const bucket = (k: number) => {
      const length = this.runs[3 * k + 1] as number;
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
    const few = this.count < FEW_RUNS;
    const eligible = few ? undefined : this.eligible(spec);
    if (!few && !eligible) {
      const { everywhere } = spec;
      return (from) => {
        everywhere.lastIndex = from;
        return everywhere.exec(this.text);
      };
    }
    const total = eligible ? eligible.length : this.count;
    const runs = this.runs;
    let i = 0;
    return (from) => {
      for (; i < total; i++) {
        let start: number;
        if (eligible) start = eligible[i] as number;
        else {
          start = runs[3 * i] as number;
          const length = runs[3 * i + 1] as number;
          if ((runs[3 * i + 2] as number) < min || length > 30 || ((lengths >>> length) & 1) === 0) continue;
        }
        // A match starts at most `lead` characters before its run: none at `from` or later here.
        if (start < from) continue;
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
  /**
   * The starts of the runs a scan can begin at, in text order, from the groups by length; or
   * undefined when there are so many that one scan of every position is cheaper.
   */
  private eligible(spec: RunSpec): Int32Array | undefined {
    const { min, lengths } = spec;
    const { order, from: groupStart } = this.groups();
    let size = 0;
    let groups = 0;
    for (let n = 1; n <= 30; n++) {
      if (((lengths >>> n) & 1) === 0) continue;
      const count = (groupStart[n + 1] as number) - (groupStart[n] as number);
      size += count;
      if (count > 0) groups++;
    }
    if (size * RUN_COST_IN_CHARACTERS > this.text.length) return undefined;
    const runs = new Int32Array(size);
    let j = 0;
    for (let n = 1; n <= 30; n++) {
      if (((lengths >>> n) & 1) === 0) continue;
      for (let g = groupStart[n] as number; g < (groupStart[n + 1] as number); g++) {
        const k = order[g] as number;
        if ((this.runs[3 * k + 2] as number) >= min) runs[j++] = this.runs[3 * k] as number;
      }
    }
    // Each group is in text order already: only runs of several lengths need sorting together.
    return groups > 1 ? runs.subarray(0, j).sort() : runs.subarray(0, j);
  }
}

/** Every match a finder gives, each taken (the next searched from the end of the last). */
export function* eachMatch(find: (from: number) => RegExpExecArray | null): Generator<RegExpExecArray> {
  for (let m = find(0); m !== null; m = find(m.index + m[0].length)) yield m;
}

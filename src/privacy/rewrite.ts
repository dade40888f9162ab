/** A text read differently, and where each of its offsets stands in the text it was read from. */
export interface Rewritten {
  text: string;
  /** Maps an offset of `text` to the original (its length + 1 entries). */
  offsets: Int32Array;
}

/**
 * The text with spans replaced — `edits` holds (from, to, replacement) in order, not overlapping —
 * and the map back: a replacement's characters map to its span's start, the rest to themselves.
 * The readings after the first (markup, digit words) each end in one of these.
 */
export function rewrite(text: string, edits: readonly (readonly [number, number, string])[]): Rewritten {
  const out: string[] = [];
  const map: number[] = [];
  let copied = 0;
  for (const [from, to, by] of edits) {
    out.push(text.slice(copied, from), by);
    for (let k = copied; k < from; k++) map.push(k);
    for (let k = 0; k < by.length; k++) map.push(from);
    copied = to;
  }
  out.push(text.slice(copied));
  for (let k = copied; k <= text.length; k++) map.push(k);
  return { text: out.join(''), offsets: Int32Array.from(map) };
}

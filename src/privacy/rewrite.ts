/** A text read differently, and where each of its offsets stands in the text it was read from. */
export interface Rewritten {
  text: string;
  /** Maps an offset of `text` to the original (its length + 1 entries). */
  offsets: Int32Array;
}

/**
 * Spans to replace, added in order and not overlapping. Kept flat (small integers and shared
 * strings, no object per span): an endless run of digit words has an edit every few characters,
 * and arrays of tuples that long kept the collector copying them young (time grew faster than the
 * text).
 */
export class Edits {
  private readonly spans: number[] = [];
  private readonly by: string[] = [];

  /** Replace text[from, to) by `by`. */
  add(from: number, to: number, by: string): void {
    this.spans.push(from, to);
    this.by.push(by);
  }

  get size(): number {
    return this.by.length;
  }

  /**
   * The text with the spans replaced, and the map back: a replacement's characters map to its
   * span's start, the rest to themselves; undefined when there is nothing to replace. The readings
   * after the first (markup, digit words) each end in one of these.
   */
  apply(text: string): Rewritten | undefined {
    const { spans, by } = this;
    if (by.length === 0) return undefined;
    // The text and its map are written character by character into arrays sized first: slices
    // joined cost ~8× as much on a long text with an edit every few characters.
    let length = text.length;
    for (let e = 0; e < by.length; e++)
      length += (by[e] as string).length - ((spans[2 * e + 1] as number) - (spans[2 * e] as number));
    const offsets = new Int32Array(length + 1);
    const chars = new Uint16Array(length);
    let copied = 0;
    let j = 0;
    for (let e = 0; e < by.length; e++) {
      const from = spans[2 * e] as number;
      const replacement = by[e] as string;
      for (let k = copied; k < from; k++) {
        chars[j] = text.charCodeAt(k);
        offsets[j++] = k;
      }
      for (let k = 0; k < replacement.length; k++) {
        chars[j] = replacement.charCodeAt(k);
        offsets[j++] = from;
      }
      copied = spans[2 * e + 1] as number;
    }
    for (let k = copied; k < text.length; k++) {
      chars[j] = text.charCodeAt(k);
      offsets[j++] = k;
    }
    offsets[j] = text.length;
    return { text: fromCodeUnits(chars), offsets };
  }
}

/**
 * The string of UTF-16 code units, lone surrogates kept as they are (a TextDecoder would replace
 * them), in chunks small enough to pass as arguments.
 */
export function fromCodeUnits(units: Uint16Array): string {
  let text = '';
  for (let i = 0; i < units.length; i += 8192)
    text += String.fromCharCode.apply(null, units.subarray(i, i + 8192) as unknown as number[]);
  return text;
}

/**
 * A set of short Korean words that answers "is text[start, end) one of them?" without slicing:
 * a word of up to three syllables becomes one number (base 11,173 per syllable), so the hot name
 * scanner hashes numbers instead of fresh strings. Longer or non-Hangul words use a string set.
 */
const FIRST = 0xac00;
const SYLLABLES = 11172;

function keyOf(text: string, start: number, end: number): number {
  let k = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) - FIRST;
    if (c < 0 || c >= SYLLABLES) return -1;
    k = k * (SYLLABLES + 1) + c + 1; // +1: "가" and "가가" must not share a key
  }
  return k;
}

export class SyllableWordSet {
  private readonly short = new Set<number>();
  private readonly long = new Set<string>();

  constructor(words: Iterable<string>) {
    for (const w of words) {
      const k = w.length >= 1 && w.length <= 3 ? keyOf(w, 0, w.length) : -1;
      if (k > 0) this.short.add(k);
      else this.long.add(w);
    }
  }

  has(text: string, start: number, end: number): boolean {
    if (end - start <= 3) {
      const k = keyOf(text, start, end);
      if (k >= 0) return this.short.has(k);
    }
    return this.long.size > 0 && this.long.has(text.slice(start, end));
  }
}

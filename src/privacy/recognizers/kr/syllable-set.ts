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

const allSyllables = (text: string, from: number) => {
  for (let i = from; i < text.length; i++) if ((text.charCodeAt(i) - FIRST) >>> 0 >= SYLLABLES) return false;
  return true;
};

/**
 * A large fixed set of three-syllable words written in groups, one line per first two syllables
 * followed by every third ("김민건겸…" is 김민건, 김민겸…). The scanner asks it of most words that
 * start with a surname, so a word is ruled out by two array reads — is its first syllable one that
 * starts a line, then are its first two — before a map gives the line's third syllables.
 */
export class GroupedSyllableWords {
  /** Per first syllable, its row in `pairs`, or -1. */
  private readonly rowOf = new Int16Array(SYLLABLES).fill(-1);
  /** One byte per (row, second syllable): whether a line starts with the two. */
  private readonly pairs: Uint8Array;
  private readonly thirds = new Map<number, string>();
  readonly size: number;

  constructor(lines: string) {
    const groups: string[] = [];
    let rows = 0;
    for (const line of lines.split('\n')) {
      if (line === '') continue;
      const a = line.charCodeAt(0) - FIRST;
      const b = line.charCodeAt(1) - FIRST;
      if (line.length < 3 || !allSyllables(line, 0) || this.thirds.has(a * SYLLABLES + b))
        throw new Error(`not two Hangul syllables and the third ones, once each: ${line}`);
      if (this.rowOf[a] === -1) this.rowOf[a] = rows++;
      this.thirds.set(a * SYLLABLES + b, line.slice(2));
      groups.push(line);
    }
    this.pairs = new Uint8Array(rows * SYLLABLES);
    let size = 0;
    for (const line of groups) {
      const a = line.charCodeAt(0) - FIRST;
      this.pairs[(this.rowOf[a] as number) * SYLLABLES + line.charCodeAt(1) - FIRST] = 1;
      size += line.length - 2;
    }
    this.size = size;
  }

  has(text: string, start: number, end: number): boolean {
    if (end - start !== 3) return false;
    const a = text.charCodeAt(start) - FIRST;
    const b = text.charCodeAt(start + 1) - FIRST;
    const c = text.charCodeAt(start + 2);
    if (a >>> 0 >= SYLLABLES || b >>> 0 >= SYLLABLES || (c - FIRST) >>> 0 >= SYLLABLES) return false;
    const row = this.rowOf[a] as number;
    if (row < 0 || this.pairs[row * SYLLABLES + b] === 0) return false;
    const thirds = this.thirds.get(a * SYLLABLES + b) as string;
    for (let i = 0; i < thirds.length; i++) if (thirds.charCodeAt(i) === c) return true;
    return false;
  }
}

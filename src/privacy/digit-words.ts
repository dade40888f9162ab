/**
 * Numbers spelt out in English words, as someone reads one aloud or writes it past a filter:
 * "zero one zero, one two three four, five six seven eight", "nine oh oh one oh one dash one two
 * three…". A run of at least RUN_WORDS digit words (with "dash" or "hyphen" between them too)
 * reads as its digits, each word as one character and the separators as they are (a comma as a
 * space), so the recognisers see "0 1 0  1 2 3 4 …". Shorter runs stay words: "one or two".
 */

const WORDS: [word: string, reads: string][] = [
  ['zero', '0'],
  ['oh', '0'],
  ['one', '1'],
  ['two', '2'],
  ['three', '3'],
  ['four', '4'],
  ['five', '5'],
  ['six', '6'],
  ['seven', '7'],
  ['eight', '8'],
  ['nine', '9'],
  ['dash', '-'],
  ['hyphen', '-'],
];
/** Eight digit words at least: as long as the shortest number worth hiding. */
const RUN_WORDS = 8;

const isLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

const TEXTS = WORDS.map(([w]) => w);
const READS = WORDS.map(([, r]) => r);

/** The digit words by their first letter (lower case, 0–25), as indexes into WORDS. */
const BY_FIRST: number[][] = Array.from({ length: 26 }, () => []);
for (let n = 0; n < WORDS.length; n++)
  BY_FIRST[(WORDS[n] as [string, string])[0].charCodeAt(0) - 0x61]?.push(n);

/** The index in WORDS of the digit word at `p` (not followed by a letter), else -1. */
function wordAt(text: string, p: number): number {
  const candidates = BY_FIRST[(text.charCodeAt(p) | 0x20) - 0x61];
  if (candidates === undefined) return -1;
  for (let c = 0; c < candidates.length; c++) {
    const n = candidates[c] as number;
    const word = TEXTS[n] as string;
    let k = 1;
    while (k < word.length && (text.charCodeAt(p + k) | 0x20) === word.charCodeAt(k)) k++;
    if (k === word.length && !isLetter(text.charCodeAt(p + k))) return n;
  }
  return -1;
}

/** The end of the separator between two words at `p` (", ", ",", " - ", "-", " "), else -1. */
function separatorEnd(text: string, p: number): number {
  const c = text.charCodeAt(p);
  if (c === 0x2c) return text.charCodeAt(p + 1) === 0x20 ? p + 2 : p + 1;
  if (c === 0x2d) return text.charCodeAt(p + 1) === 0x20 ? p + 2 : p + 1;
  if (c !== 0x20) return -1;
  if (text.charCodeAt(p + 1) === 0x2d) return text.charCodeAt(p + 2) === 0x20 ? p + 3 : p + 2;
  return p + 1;
}

/** The words of a run, as [digits, end]: how many digit words (not dashes) it holds and where they end. */
function digitWordsFrom(text: string, i: number): [digits: number, end: number] {
  let p = i;
  let digits = 0;
  let end = i;
  for (;;) {
    const n = wordAt(text, p);
    if (n < 0) break;
    if (READS[n] !== '-') digits++;
    p += (TEXTS[n] as string).length;
    end = p;
    const next = separatorEnd(text, p);
    if (next < 0) break;
    p = next;
  }
  return [digits, end];
}

const WORD = `(?:${WORDS.map(([w]) => w).join('|')})`;
/**
 * A run's shape, found by the regex engine (one scan, ~1 ns a character here): the letter before
 * it is checked after, so no look-behind slows every position.
 */
const RUN = new RegExp(`${WORD}(?:(?:, ?| ?- ?| )${WORD}){${RUN_WORDS - 1},64}(?![A-Za-z])`, 'gi');

export interface DigitWords {
  text: string;
  /** Maps an offset of `text` to the original (its length + 1 entries). */
  offsets: Int32Array;
}

/** The text with its runs of digit words read as digits, or undefined when it has none. */
export function readDigitWords(text: string): DigitWords | undefined {
  const out: string[] = [];
  const map: number[] = [];
  let copied = 0;
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) {
    const from = m.index;
    // Inside a word ("someone two three…"): try again from the next character.
    if (from > 0 && isLetter(text.charCodeAt(from - 1))) {
      RUN.lastIndex = from + 1;
      continue;
    }
    const [digits, to] = digitWordsFrom(text, from);
    if (digits < RUN_WORDS) continue;
    out.push(text.slice(copied, from));
    for (let k = copied; k < from; k++) map.push(k);
    let p = from;
    while (p < to) {
      const n = wordAt(text, p);
      if (n >= 0) {
        out.push(READS[n] as string);
        map.push(p);
        p += (TEXTS[n] as string).length;
      } else {
        out.push(text.charCodeAt(p) === 0x2c ? ' ' : text.charAt(p));
        map.push(p++);
      }
    }
    copied = to;
    RUN.lastIndex = to;
  }
  if (out.length === 0) return undefined;
  out.push(text.slice(copied));
  for (let k = copied; k <= text.length; k++) map.push(k);
  return { text: out.join(''), offsets: Int32Array.from(map) };
}

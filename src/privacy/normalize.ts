import { matches } from './matches.js';

/**
 * Folds the look-alike and invisible characters people (and PDFs, and attackers) put into
 * identifiers, so one set of patterns matches "９００１０１－１２３４５６８", "9001\u200E01-1234568",
 * "٩٠٠١٠١-١٢٣٤٥٦٨" and "900101-1234568" alike: every Unicode decimal digit and circled, super- and
 * subscript digit becomes its ASCII digit, every dash "-", every space " ", full-width ASCII its
 * ASCII, and invisible characters (format controls such as U+200E, combining marks such as U+034F,
 * variation selectors, Hangul fillers, the soft hyphen) are removed. The offset map turns spans
 * back into ORIGINAL offsets. One pass over the text, linear.
 */

// Set subtraction (the v flag): decimal digits but 0-9, dashes but "-", spaces but " ".
const FOLDING_SOURCE = String.raw`[[\p{Nd}--[0-9]][\p{Pd}--[\-]][\p{Zs}--[ ]]\p{Cf}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0\u00B2\u00B3\u00B9\u2070\u2074-\u2079\u2080-\u2089\u2212\u2460-\u2468\u24EA\u24F5-\u24FD\u2776-\u277E\u2780-\u2788\u278A-\u2792\uFE58\uFE63\uFF01-\uFF5E]`;
const FOLDABLE = new RegExp(FOLDING_SOURCE, 'gv');
const NEEDS_FOLDING = new RegExp(FOLDING_SOURCE, 'v');
const DIGIT = /\p{Nd}/u;
const INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0]/u;

export interface Normalized {
  text: string;
  /** Maps a normalised offset to the original offset; undefined when the mapping is the identity. */
  readonly offsets: Int32Array | undefined;
  readonly originalLength: number;
}

/** The digits that are not decimal digits (\p{No}), by the first code point of each run of 1–9 or 0. */
const OTHER_DIGITS: [from: number, to: number, first: number][] = [
  [0x00b2, 0x00b3, 2],
  [0x00b9, 0x00b9, 1],
  [0x2070, 0x2070, 0],
  [0x2074, 0x2079, 4],
  [0x2080, 0x2089, 0],
  [0x2460, 0x2468, 1], // ①–⑨
  [0x24ea, 0x24ea, 0], // ⓪
  [0x24f5, 0x24fd, 1], // ⓵–⓽
  [0x2776, 0x277e, 1], // ❶–❾
  [0x2780, 0x2788, 1], // ➀–➈
  [0x278a, 0x2792, 1], // ➊–➒
];

const digitValues = new Map<number, number>();
/** A decimal digit's value: its distance from the start of its run of digits, modulo 10. */
function digitValue(c: number): number {
  let v = digitValues.get(c);
  if (v === undefined) {
    let start = c;
    while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
    v = (c - start) % 10;
    digitValues.set(c, v);
  }
  return v;
}

/** The folded character, or undefined to remove the character. */
function fold(ch: string): string | undefined {
  const c = ch.codePointAt(0) as number;
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0); // full-width ASCII
  for (const [from, to, first] of OTHER_DIGITS) if (c >= from && c <= to) return String(first + c - from);
  if (c === 0x00ad || INVISIBLE.test(ch)) return undefined;
  if (DIGIT.test(ch)) return String(digitValue(c));
  if (c === 0x2212 || c === 0xfe58 || c === 0xfe63 || /\p{Pd}/u.test(ch)) return '-';
  return ' '; // a space separator
}

export function normalize(original: string): Normalized {
  if (!NEEDS_FOLDING.test(original))
    return { text: original, offsets: undefined, originalLength: original.length };
  // Touch only the characters that fold; long runs of ordinary text are copied as slices.
  const out: string[] = [];
  const dropped: number[] = [];
  let runStart = 0;
  for (const m of matches(FOLDABLE, original)) {
    const i = m.index;
    const f = fold(m[0]);
    if (runStart < i) out.push(original.slice(runStart, i));
    runStart = i + m[0].length;
    if (f === undefined) for (let k = 0; k < m[0].length; k++) dropped.push(i + k);
    else {
      out.push(f);
      // A character of two code units folds to one: its second unit is gone.
      for (let k = f.length; k < m[0].length; k++) dropped.push(i + k);
    }
  }
  if (runStart < original.length) out.push(original.slice(runStart));
  const text = out.join('');
  return {
    text,
    offsets: dropped.length > 0 ? offsetMap(original.length, text.length, dropped) : undefined,
    originalLength: original.length,
  };
}

/** Built only when characters were removed: the common case keeps offsets as they are. */
function offsetMap(originalLength: number, normalizedLength: number, dropped: readonly number[]): Int32Array {
  const map = new Int32Array(normalizedLength + 1);
  let n = 0;
  let from = 0;
  for (const d of [...dropped, originalLength]) {
    for (let i = from; i < d; i++) map[n++] = i;
    from = d + 1;
  }
  map[n] = originalLength;
  return map;
}

/** Converts a normalised span to the original text, covering any removed characters inside and just after it. */
export function toOriginalSpan(n: Normalized, start: number, end: number): [number, number] {
  const m = n.offsets;
  if (!m) return [start, end];
  const s = m[start] as number;
  // Up to the next kept character: the span covers a folded character's second code unit and
  // any invisible characters right after it (they are part of the disguise).
  const e = end > start ? (m[end] as number) : s;
  return [s, e];
}

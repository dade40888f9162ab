/**
 * Folds the look-alike and invisible characters people (and PDFs, and attackers) put into
 * identifiers, so one set of patterns matches "９００１０１－１２３４５６８", "9001\u200E01-1234568",
 * "٩٠٠١٠١-١٢٣٤٥٦٨" and "900101-1234568" alike: every Unicode decimal digit and circled, super- and
 * subscript digit becomes its ASCII digit, every dash (and ㅡ typed for one) "-", every space " ",
 * an ideographic full stop ".", full-width ASCII its ASCII, and invisible characters (format controls such as U+200E, combining marks such as U+034F,
 * variation selectors, Hangul fillers, the soft hyphen) are removed. Numbers spelt digit by digit
 * in Hangul or hanja ("공일공-일이삼사-오육칠팔", "九〇〇一〇一-…") read as digits too, when the
 * run is long enough to be a number (see WORD_DIGITS). Text pasted from code, logs and web pages
 * carries its characters escaped — `\uD64D\uAE38\uB3D9` (JSON written with ASCII only, Python's
 * default), `hong%40example.com` and `%ED%99%8D` (URLs), `&#64;` (HTML, and the old way of hiding
 * an address from spam robots) — so escapes read as the characters they stand for (see escapeAt).
 * A number broken over two lines after one of its dashes (`900101-` / `1234568`, as PDFs and
 * narrow columns wrap it) reads as one. Hangul in conjoining letters (NFD: macOS, some PDFs) is
 * composed into syllables, and so is Hangul typed letter by letter (hangul-letters.ts). The offset map turns spans back into ORIGINAL offsets.
 * One pass over the text, linear.
 */

import { isDigit as isAsciiDigit } from './chars.js';
import { readDigitWords } from './digit-words.js';
import { composeLetters, isConsonantLetter, isVowelLetter } from './hangul-letters.js';
import { readEmphasis, readMarkup } from './markup.js';
import { IEUNG, isThousandsComma, REWRITTEN_UNITS, readNumberTokens } from './number-tokens.js';
import { fromCodeUnits } from './rewrite.js';

// Set subtraction (the v flag): decimal digits but 0-9, dashes but "-", spaces but " ".
const FOLDING_SOURCE = String.raw`[[\p{Nd}--[0-9]][\p{Pd}--[\-]][\p{Zs}--[ ]]\p{Cf}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0\u00B2\u00B3\u00B9\u2070\u2074-\u2079\u2080-\u2089\u2212\u2460-\u2468\u24EA\u24F5-\u24FD\u2776-\u277E\u2780-\u2788\u278A-\u2792\uFE58\uFE63\uFF01-\uFF5E\u3161\u3002\uFF61]`;
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

/**
 * Digits written as words: Sino-Korean digit syllables and hanja numerals, one code unit each.
 * They are common syllables of ordinary words (이, 사, 일…), so they fold only inside a run of at
 * least WORD_RUN_DIGITS digits — ASCII or spelt — joined by at most one space, "-" or "." between
 * two of them, with at least WORD_RUN_SPELT spelt (or two in a group with an ASCII one, "공1공"):
 * as long as the shortest number worth hiding.
 */
const WORD_DIGITS: Record<string, number> = {
  공: 0,
  영: 0,
  일: 1,
  이: 2,
  삼: 3,
  사: 4,
  오: 5,
  육: 6,
  륙: 6,
  칠: 7,
  팔: 8,
  구: 9,
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const WORD_RUN_DIGITS = 8;
/** Spelt digits a run needs: one or two after a number are a word ("15일", "1844이에요"). */
const WORD_RUN_SPELT = 3;

/** A joiner: ASCII space, "-" or ".", or a character that folds to one (kind 4: other dashes and spaces, ㅡ, 。). */
const isJoinerIn = (t: Uint8Array, c: number) => c === 0x20 || c === 0x2d || c === 0x2e || t[c] === 4;

const EH = 0xc5d0; // 에
const UI = 0xc758; // 의, as 에 is written for it when a number is said ("공일공의 일이삼사")

/**
 * Words said between a number's groups where it has a dash, as call transcripts write them: 다시
 * (the dash, as Korean reads it out), 대시, 하이픈, and 하고 or 그리고 (and): "공일공 다시 일이삼사",
 * "010 하이픈 1234", "010하고 1234하고 5678". Glued to the group before or after a space, with
 * one space after.
 */
const JOINER_WORDS = ['다시', '대시', '하이픈', '하고', '그리고'];
/** "And" joins numbers too ("2019하고 2020", "1234 그리고 5678"): between ASCII groups, one more digit. */
const AND_WORDS = ['하고', '그리고'];
/** Their first syllables (table kind 9, with 에 and 의), and every syllable in them. */
const JOINER_FIRSTS = new Set(JOINER_WORDS.map((w) => w.charCodeAt(0)));
const JOINER_SYLLABLES = new Set([...JOINER_WORDS.join('')].map((c) => c.charCodeAt(0)));

/**
 * The end of 에 (or 의) or one of JOINER_WORDS at `k`, as a number is said aloud and transcribed
 * between its groups ("공일공에 일이삼사", "공일공 다시 일이삼사": a space allowed before the word,
 * and one after either), else -1.
 */
function spokenJoinerAt(text: string, k: number): number {
  const c = text.charCodeAt(k);
  if (c === EH || c === UI) return text.charCodeAt(k + 1) === 0x20 ? k + 2 : k + 1;
  const at = c === 0x20 ? k + 1 : k;
  if (!JOINER_FIRSTS.has(text.charCodeAt(at))) return -1;
  for (const w of JOINER_WORDS)
    if (text.startsWith(w, at))
      return text.charCodeAt(at + w.length) === 0x20 ? at + w.length + 1 : at + w.length;
  return -1;
}

/** The end of the joiner at `i` between two groups of a number (one character, or said aloud), else -1. */
function joinerEnd(text: string, i: number, t: Uint8Array): number {
  const spoken = spokenJoinerAt(text, i);
  if (spoken > 0) return spoken;
  return isJoinerIn(t, text.charCodeAt(i)) ? i + 1 : -1;
}

/** How far around a spoken joiner digits of the same number are counted (bounded: linear). */
const SPOKEN_REACH = 24;
const inNumber = (c: number) =>
  isAsciiDigit(c) ||
  c === 0x20 ||
  c === 0x2d ||
  c === 0x2e ||
  c === EH ||
  c === UI ||
  JOINER_SYLLABLES.has(c);

/**
 * 에 or a joiner word at `i` said between two groups of ASCII digits of one number ("010에 1234에
 * 5678", "4111 다시 1111 …", "010 하고 1234"), as [from, to) to read as one dash, when the number
 * around holds at least WORD_RUN_DIGITS digits (one more after "and"): "100에 200을 더하면" is arithmetic.
 */
function spokenJoinBetweenDigits(text: string, i: number, runStart: number): [number, number] | undefined {
  const from =
    text.charCodeAt(i - 1) === 0x20 && i - 1 >= runStart && JOINER_FIRSTS.has(text.charCodeAt(i)) ? i - 1 : i;
  const to = spokenJoinerAt(text, from);
  if (to < 0) return undefined;
  if (!isAsciiDigit(text.charCodeAt(from - 1)) || !isAsciiDigit(text.charCodeAt(to))) return undefined;
  let digits = 0;
  for (let k = from - 1; k >= 0 && from - k <= SPOKEN_REACH && inNumber(text.charCodeAt(k)); k--)
    if (isAsciiDigit(text.charCodeAt(k))) digits++;
  for (let k = to; k < text.length && k - to < SPOKEN_REACH && inNumber(text.charCodeAt(k)); k++)
    if (isAsciiDigit(text.charCodeAt(k))) digits++;
  const word = text.charCodeAt(from) === 0x20 ? from + 1 : from;
  const least = AND_WORDS.some((w) => text.startsWith(w, word)) ? WORD_RUN_DIGITS + 1 : WORD_RUN_DIGITS;
  return digits >= least ? [from, to] : undefined;
}

/**
 * The end of the run of digits (ASCII or spelt, table kind 3) from the spelt digit at `i`, joined
 * by at most one joiner between two digits, when it is long enough to fold; else -1. A run that
 * does not fold holds fewer than eight digits or fewer than three spelt ones, so reading its
 * characters one by one afterwards stays linear.
 */
function wordDigitRun(text: string, i: number, t: Uint8Array): number {
  let digits = 0;
  // ASCII digits just before it belong to the run ("010-일이삼사-…"); spelt ones were seen already.
  for (let k = i - 1; k >= 0; k--) {
    const c = text.charCodeAt(k);
    if (isAsciiDigit(c)) digits++;
    else if (!(isJoinerIn(t, c) && k > 0 && isAsciiDigit(text.charCodeAt(k - 1)))) break;
  }
  let spelt = 0;
  // A group (between joiners) holding two spelt digits and an ASCII one ("공1공", "구0공1공1"): a
  // number half spelt to slip past a pattern. A plate holds one syllable ("715구9603"), and a word
  // after a number stands at its end ("15일").
  let mixed = false;
  let groupSpelt = 0;
  let groupAscii = 0;
  for (let k = i - 1; k >= 0 && isAsciiDigit(text.charCodeAt(k)); k--) groupAscii++;
  let end = i;
  const length = text.length;
  while (end < length) {
    const c = text.charCodeAt(end);
    if (t[c] === 3) {
      spelt++;
      groupSpelt++;
    } else if (isAsciiDigit(c)) groupAscii++;
    else {
      const next = joinerEnd(text, end, t);
      const d = next > 0 && next < length ? text.charCodeAt(next) : 0;
      if (isAsciiDigit(d) || t[d] === 3) {
        mixed ||= groupSpelt >= 2 && groupAscii > 0;
        groupSpelt = 0;
        groupAscii = 0;
        end = next;
        continue;
      }
      break;
    }
    digits++;
    end++;
  }
  // "…오육칠팔이에요", "…1844이에요": a 이 right before more Hangul is the copula or a particle.
  const next = end < length ? text.charCodeAt(end) : 0;
  if (text.charCodeAt(end - 1) === 0xc774 && next >= 0xac00 && next <= 0xd7a3) {
    end--;
    digits--;
    spelt--;
    groupSpelt--;
  }
  mixed ||= groupSpelt >= 2 && groupAscii > 0;
  const enough = spelt >= WORD_RUN_SPELT || mixed;
  return digits >= WORD_RUN_DIGITS && enough ? end : -1;
}

/** The folded character, or undefined to remove the character. */
function fold(ch: string): string | undefined {
  const c = ch.codePointAt(0) as number;
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0); // full-width ASCII
  for (const [from, to, first] of OTHER_DIGITS) if (c >= from && c <= to) return String(first + c - from);
  if (c === 0x00ad || INVISIBLE.test(ch)) return undefined;
  if (DIGIT.test(ch)) return String(digitValue(c));
  // ㅡ (the Hangul letter eu) is typed for a dash: "010ㅡ1234ㅡ5678".
  if (c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0x3161 || /\p{Pd}/u.test(ch)) return '-';
  if (c === 0x3002 || c === 0xff61) return '.'; // ideographic full stops, as in "example。co。kr"
  return ' '; // a space separator
}

/**
 * Which UTF-16 code units may start a character that folds: 1 folds, 2 is a high surrogate whose
 * pair must be tested. Built on first use from the same character class, so one loop over the
 * text's code units replaces two regex scans (most text is Hangul and ASCII that never folds).
 */
let foldTable: Uint8Array | undefined;
function table(): Uint8Array {
  if (foldTable) return foldTable;
  const t = new Uint8Array(0x10000);
  t.fill(2, 0xd800, 0xdc00);
  // One scan of the class over every other code unit, in two runs around the surrogates: a test
  // per code unit cost ~20 ms of every process's first scan (`jugwon pii scan`'s start-up).
  const folding = new RegExp(FOLDING_SOURCE, 'gv');
  for (const [from, to] of [
    [0, 0xd800],
    [0xe000, 0x10000],
  ] as const) {
    const units = new Uint16Array(to - from);
    for (let i = 0; i < units.length; i++) units[i] = from + i;
    const run = new TextDecoder('utf-16le').decode(units);
    for (const m of run.matchAll(folding)) {
      // A digit folds to a digit: asked first, as its value (digitValue) is slow to find.
      t[from + m.index] = !DIGIT.test(m[0]) && '- .'.includes(fold(m[0]) ?? '') ? 4 : 1;
    }
  }
  for (const w of Object.keys(WORD_DIGITS)) t[w.charCodeAt(0)] = 3;
  for (const c of '\\%&') t[c.charCodeAt(0)] = 5; // may start an escape
  t[0x0a] = 6; // a line break, perhaps inside a number
  t[EH] = 9; // 에 (의) and the joiner words, perhaps said between the groups of a number
  t[UI] = 9;
  for (const c of JOINER_FIRSTS) t[c] = 9;
  for (let c = JAMO_L; c < JAMO_L + 19; c++) t[c] = 7; // a leading consonant of a decomposed syllable
  for (let c = JAMO_T + 1; c < JAMO_T + 28; c++) t[c] = 8; // a final consonant
  // O, l and a middle dot or slash, perhaps in a number (number-tokens.ts).
  for (const c of REWRITTEN_UNITS) if (t[c] === 0) t[c] = 10;
  // A Hangul consonant typed as a letter (compatibility jamo), perhaps starting a word (hangul-letters.ts).
  for (let c = 0x3131; c <= 0x314e; c++) if (isConsonantLetter(c)) t[c] = 11;
  foldTable = t;
  return t;
}

let doubledTable: Uint8Array | undefined;
/**
 * The table with "-" and "." read too (kind 12: perhaps doubled between a number's groups), for
 * text that holds "--" or "..": both are among the commonest characters of text with numbers, and
 * a test at each cost ~5 % of detection's time on text that has no doubled one.
 */
function doubledSeparatorTable(): Uint8Array {
  if (doubledTable) return doubledTable;
  const t = table().slice();
  t[0x2d] = 12;
  t[0x2e] = 12;
  doubledTable = t;
  return t;
}

/**
 * Whether the character at `i` has a digit next to it (past one space), as written or perhaps
 * once folded or decoded (kinds 1 and 2 hold the other digits, 5 escapes; a low surrogate ends
 * an astral digit).
 */
function nextToDigit(text: string, i: number, t: Uint8Array): boolean {
  let p = text.charCodeAt(i - 1);
  if (p === 0x20) p = text.charCodeAt(i - 2);
  let q = text.charCodeAt(i + 1);
  if (q === 0x20) q = text.charCodeAt(i + 2);
  return mayBeDigit(p, t) || mayBeDigit(q, t);
}

/**
 * The end of two or three of the same dash or dot from `i` (the first at `i`) between digits, a
 * space allowed on either side, else -1: "1---2", a line of them or a dotted leader is no number's.
 */
function doubledSeparatorEnd(text: string, i: number, t: Uint8Array): number {
  const c = text.charCodeAt(i);
  let end = i + 1;
  while (end - i < 3 && text.charCodeAt(end) === c) end++;
  if (end - i < 2 || text.charCodeAt(end) === c) return -1;
  const before = text.charCodeAt(i - 1) === 0x20 ? text.charCodeAt(i - 2) : text.charCodeAt(i - 1);
  const after = text.charCodeAt(end) === 0x20 ? text.charCodeAt(end + 1) : text.charCodeAt(end);
  return mayBeDigit(before, t) && mayBeDigit(after, t) ? end : -1;
}

/** A digit, or a character that may fold or decode into one (one function, not one per call). */
function mayBeDigit(c: number, t: Uint8Array): boolean {
  const k = t[c];
  return isAsciiDigit(c) || k === 1 || k === 2 || k === 5 || (c >= 0xdc00 && c <= 0xdfff);
}

/** The readings after the first: the markup ones only where the text holds a mark (most has none). */
const WITH_MARKUP = [readEmphasis, readMarkup, readDigitWords];
const WITHOUT_MARKUP = [readDigitWords];
const MARKUP = /[*`~<]/;

export function normalize(original: string): Normalized {
  let n = normalizeCharacters(original);
  // Then Markdown emphasis and markup between the parts of a number (markup.ts) are removed, and
  // numbers spelt in English words (digit-words.ts) become digits; each step's offset map is
  // composed with the ones before.
  for (const step of MARKUP.test(n.text) ? WITH_MARKUP : WITHOUT_MARKUP) {
    const next = step(n.text);
    if (!next) continue;
    const outer = n.offsets;
    const offsets = outer ? Int32Array.from(next.offsets, (k) => outer[k] as number) : next.offsets;
    n = { text: next.text, offsets, originalLength: original.length };
  }
  return n;
}

/** Folds look-alike characters, reads escapes and numbers (see the file's comment). */
function normalizeCharacters(original: string): Normalized {
  const t = original.includes('--') || original.includes('..') ? doubledSeparatorTable() : table();
  // Touch only the characters that fold; long runs of ordinary text are copied as slices.
  let out: string[] | undefined;
  const dropped: number[] = [];
  let runStart = 0;
  // Where a letter or separator stands next to a digit (normalised offsets): numbers to read again.
  const numbers: number[] = [];
  const length = original.length;
  for (let i = 0; i < length; i++) {
    const kind = t[original.charCodeAt(i)];
    if (kind === 0) continue;
    if (kind === 12) {
      // A dash or dot typed two or three times between a number's groups reads as one
      // ("900101--1234568", "010..1234..5678"): nearly every one stands alone, passed at once.
      const c = original.charCodeAt(i);
      if (original.charCodeAt(i + 1) !== c) continue;
      const end = doubledSeparatorEnd(original, i, t);
      if (end < 0) continue;
      out ??= [];
      runStart = replaceSpan(original, out, dropped, runStart, i, end, original.charAt(i));
      i = end - 1;
      continue;
    }
    if (kind === 10) {
      if (nextToDigit(original, i, t) && !isThousandsComma(original, i)) numbers.push(i - dropped.length);
      continue;
    }
    // 에 and 다 are among the commonest syllables: nearly all follow a syllable, not a digit or a space.
    if (kind === 9 && original.charCodeAt(i - 1) > 0x39) continue;
    if (kind === 3) {
      // Nearly always a syllable of a word (이사, 공사): a run holds three spelt digits, or two in
      // a group with an ASCII one ("공1공"), so the next is spelt (past at most one joiner) or an ASCII
      // digit right after it, and the one after is a digit (past at most one joiner).
      let j = i + 1;
      if (isJoinerIn(t, original.charCodeAt(j))) j++;
      const next = original.charCodeAt(j);
      if (t[next] !== 3 && !(j === i + 1 && isAsciiDigit(next))) continue;
      j++;
      if (isJoinerIn(t, original.charCodeAt(j))) j++;
      const c = original.charCodeAt(j);
      if (t[c] !== 3 && !isAsciiDigit(c)) continue;
      const runEnd = wordDigitRun(original, i, t);
      if (runEnd < 0) continue; // words: its characters are read one by one, as any
      // One code unit for one (spelt digits, joiners): the offsets stay as they are.
      out ??= [];
      if (runStart < i) out.push(original.slice(runStart, i));
      for (let k = i; k < runEnd; k++) {
        // 에 or 다시 said between the groups reads as the dash: "공일공 다시 일이삼사" → "010-1234".
        const spoken = spokenJoinerAt(original, k);
        if (spoken > 0) {
          out.push('-');
          for (let d = k + 1; d < spoken; d++) dropped.push(d);
          k = spoken - 1;
          continue;
        }
        const ch = original.charAt(k);
        const kindAt = t[ch.charCodeAt(0)];
        out.push(kindAt === 4 ? (fold(ch) as string) : kindAt === 3 ? String(WORD_DIGITS[ch]) : ch);
      }
      runStart = runEnd;
      i = runEnd - 1;
      continue;
    }
    if (kind === 9) {
      // Nearly every 에 and 다 follows a syllable: only one after a digit (and a space) is read on.
      const before = original.charCodeAt(i - 1);
      if (!isAsciiDigit(before) && !(before === 0x20 && isAsciiDigit(original.charCodeAt(i - 2)))) continue;
      const join = spokenJoinBetweenDigits(original, i, runStart);
      if (!join) continue;
      const [from, to] = join;
      out ??= [];
      runStart = replaceSpan(original, out, dropped, runStart, from, to, '-');
      i = to - 1;
      continue;
    }
    if (kind === 11) {
      // Nearly always ㅋ, ㅎ, ㅇ of chat (ㅋㅋ): only a consonant before a vowel is read on, and
      // ㅇ beside a digit, perhaps a zero ("ㅇ1ㅇ-1234-5678", number-tokens.ts).
      if (!isVowelLetter(original.charCodeAt(i + 1))) {
        if (original.charCodeAt(i) === IEUNG && nextToDigit(original, i, t)) numbers.push(i - dropped.length);
        continue;
      }
      const count = composeLetters(original, i, syllables);
      if (count === 0) continue;
      // The syllables follow one another: the run is copied out as one string, each syllable
      // standing on its first letter and the others dropped.
      out ??= [];
      const first = syllables[1] as number;
      if (runStart < first) out.push(original.slice(runStart, first));
      const units = new Uint16Array(count);
      for (let k = 0; k < count; k++) {
        units[k] = syllables[3 * k] as number;
        for (let d = (syllables[3 * k + 1] as number) + 1; d < (syllables[3 * k + 2] as number); d++)
          dropped.push(d);
      }
      out.push(fromCodeUnits(units));
      runStart = syllables[3 * count - 1] as number;
      i = runStart - 1;
      continue;
    }
    if (kind === 7 || kind === 8) {
      const composed = kind === 7 ? composeFrom(original, i) : finalAfter(original, i, runStart);
      if (!composed) continue;
      const [syllable, from, to] = composed;
      out ??= [];
      runStart = replaceSpan(original, out, dropped, runStart, from, to, syllable);
      i = to - 1;
      continue;
    }
    if (kind === 5) {
      // Escaped text escaped again (JSON in a JSON string) doubles the backslashes: "\\\\u0039" is
      // one escape whatever their number. A run of them is passed over at once.
      let at = i;
      if (original.charCodeAt(i) === 0x5c) while (original.charCodeAt(at + 1) === 0x5c) at++;
      const escaped = escapeAt(original, at);
      if (!escaped) {
        // "\n" in JSON text is a line break too: perhaps inside a number.
        const breakEnd = escapedBreakEnd(original, at);
        const join = breakEnd < 0 ? undefined : wrappedNumber(original, i, breakEnd, runStart, t);
        // Or an escaped tab, "\t".
        const space =
          breakEnd >= 0
            ? breakEnd
            : original.charCodeAt(i) === 0x5c && original.charCodeAt(at + 1) === 0x74
              ? at + 2
              : -1;
        if (join) {
          out ??= [];
          runStart = replaceSpan(original, out, dropped, runStart, join[0], join[1], '');
          i = runStart - 1;
        } else if (
          space >= 0 &&
          isAsciiDigit(original.charCodeAt(i - 1)) &&
          isAsciiDigit(original.charCodeAt(space))
        ) {
          // An escaped line break or tab between digits reads as one: "900101\n1234568" in a tool
          // call's JSON arguments is a number split over two lines, as a model reads it, and a tab
          // is a separator between its groups (number-tokens.ts).
          const reads = space === breakEnd ? '\n' : '\t';
          if (reads === '\t') numbers.push(i - dropped.length);
          out ??= [];
          runStart = replaceSpan(original, out, dropped, runStart, i, space, reads);
          i = space - 1;
        } else {
          // No escape: "&", "%" or "\\" between a number's groups separates them (number-tokens.ts).
          if (nextToDigit(original, i, t)) numbers.push(i - dropped.length);
          i = at;
        }
        continue;
      }
      const [decoded, length] = escaped;
      const units = at - i + length;
      // What it stands for may fold in turn (an escaped full-width digit, an invisible character).
      const f = NEEDS_FOLDING.test(decoded) ? fold(decoded) : decoded;
      if (f !== undefined && t[f.charCodeAt(0)] === 10) numbers.push(i - dropped.length);
      out ??= [];
      runStart = replaceSpan(original, out, dropped, runStart, i, i + units, f ?? '');
      i += units - 1;
      continue;
    }
    if (kind === 6) {
      // Nearly every line break ends a line of words: only one after a dash or a space is read on.
      const before = original.charCodeAt(i - 1);
      if (before !== 0x2d && before !== 0x20 && before !== 0x0d && before !== 0x09 && t[before] !== 4)
        continue;
      const join = wrappedNumber(original, i, i + 1, runStart, t);
      if (!join) continue;
      out ??= [];
      runStart = replaceSpan(original, out, dropped, runStart, join[0], join[1], '');
      i = runStart - 1;
      continue;
    }
    let ch: string;
    if (kind === 2) {
      const low = original.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) continue; // a lone surrogate is left as it is
      ch = original.slice(i, i + 2);
      if (!NEEDS_FOLDING.test(ch)) {
        i++;
        continue;
      }
    } else ch = original.charAt(i);
    out ??= [];
    // Removed, or folded (a character of two code units to one: its second unit is gone).
    runStart = replaceSpan(original, out, dropped, runStart, i, i + ch.length, fold(ch) ?? '');
    i += ch.length - 1;
  }
  if (!out) {
    const text = numbers.length > 0 ? readNumberTokens(original, numbers) : original;
    return { text, offsets: undefined, originalLength: length };
  }
  if (runStart < length) out.push(original.slice(runStart));
  const joined = out.join('');
  const text = numbers.length > 0 ? readNumberTokens(joined, numbers) : joined;
  return {
    text,
    offsets: dropped.length > 0 ? offsetMap(length, text.length, dropped) : undefined,
    originalLength: length,
  };
}

const hexDigit = (c: number) =>
  c >= 0x30 && c <= 0x39
    ? c - 0x30
    : c >= 0x41 && c <= 0x46
      ? c - 0x37
      : c >= 0x61 && c <= 0x66
        ? c - 0x57
        : -1;

/** The value of `count` hex digits at `from`, or -1. */
function hexAt(text: string, from: number, count: number): number {
  let v = 0;
  for (let k = from; k < from + count; k++) {
    const d = hexDigit(text.charCodeAt(k));
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/** The least code point a UTF-8 sequence of 1 + n bytes may carry (shorter forms are invalid). */
const SHORTEST = [0, 0x80, 0x800, 0x10000];

/**
 * Bytes escaped as `%XX` (URLs) or `\xXX` (Python's bytes), from `i`: one printable ASCII
 * character, or one whole UTF-8 sequence ("%ED%99%8D" is 홍) — anything else is left as written.
 */
function escapedBytesAt(text: string, i: number, width: 3 | 4): [string, number] | undefined {
  // "%" then two hex digits, or "\x" then two.
  const byte = (at: number) =>
    width === 3
      ? text.charCodeAt(at) === 0x25
        ? hexAt(text, at + 1, 2)
        : -1
      : text.charCodeAt(at) === 0x5c && text.charCodeAt(at + 1) === 0x78
        ? hexAt(text, at + 2, 2)
        : -1;
  const lead = byte(i);
  // After a digit, "%" and two digits that make a letter is a separator between a number's groups
  // ("010%1234%5678", where %56 is V): digits hidden as escapes are %30–%39.
  if (width === 3 && isAsciiDigit(text.charCodeAt(i - 1)) && (lead | 0x20) >= 0x61 && (lead | 0x20) <= 0x7a)
    return undefined;
  if (lead >= 0x20 && lead < 0x7f) return [String.fromCharCode(lead), width];
  const more =
    lead >= 0xc2 && lead <= 0xdf
      ? 1
      : lead >= 0xe0 && lead <= 0xef
        ? 2
        : lead >= 0xf0 && lead <= 0xf4
          ? 3
          : 0;
  if (more === 0) return undefined;
  let cp = lead & (0x3f >> more);
  for (let k = 1; k <= more; k++) {
    const at = i + k * width;
    const b = byte(at);
    if (b < 0x80 || b > 0xbf) return undefined;
    cp = (cp << 6) | (b & 0x3f);
  }
  // Overlong forms and surrogates are no characters.
  if (cp < (SHORTEST[more] as number) || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return undefined;
  return [String.fromCodePoint(cp), (more + 1) * width];
}

/** HTML's named references for the characters identifiers are written with. */
const ENTITIES: Record<string, string> = {
  commat: '@',
  period: '.',
  hyphen: '-',
  dash: '-',
  minus: '-',
  ndash: '-',
  mdash: '-',
  lowbar: '_',
  plus: '+',
  lpar: '(',
  rpar: ')',
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  amp: '&',
};

const LONGEST_ENTITY = Math.max(...Object.keys(ENTITIES).map((name) => name.length)) + 1;

/** `&#64;`, `&#x40;`, `&commat;` from `i` (the `;` required, as browsers need it mid-word). */
function entityAt(text: string, i: number): [string, number] | undefined {
  if (text.charCodeAt(i + 1) === 0x23) {
    const hex = (text.charCodeAt(i + 2) | 0x20) === 0x78;
    let k = i + (hex ? 3 : 2);
    let cp = 0;
    const first = k;
    for (; k < first + 7; k++) {
      const c = text.charCodeAt(k);
      const d = hex ? hexDigit(c) : c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
      if (d < 0) break;
      cp = cp * (hex ? 16 : 10) + d;
    }
    if (k === first || text.charCodeAt(k) !== 0x3b || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return;
    return cp === 0 ? undefined : [String.fromCodePoint(cp), k + 1 - i];
  }
  // Looked for within the longest name only: an "&" with no ";" after it costs no scan to the end.
  let end = i + 2;
  while (end <= i + LONGEST_ENTITY && text.charCodeAt(end) !== 0x3b) end++;
  if (text.charCodeAt(end) !== 0x3b) return undefined;
  const c = ENTITIES[text.slice(i + 1, end)];
  return c === undefined ? undefined : [c, end + 1 - i];
}

/**
 * The escape starting at `i` (a `\`, `%` or `&`), as [what it stands for, its length in code
 * units]: `\uXXXX` (a lone surrogate too: JSON writes others as two escapes, each read alone),
 * `\xXX` and `%XX` bytes, and HTML references.
 */
function escapeAt(text: string, i: number): [string, number] | undefined {
  const c = text.charCodeAt(i);
  if (c === 0x26) return entityAt(text, i);
  if (c === 0x25) return escapedBytesAt(text, i, 3);
  const kind = text.charCodeAt(i + 1);
  // A quote escaped inside a JSON string (JSON in a tool call's arguments): labels and values read
  // as they would unescaped, `{\"password\": \"…\"}`.
  if (kind === 0x22) return ['"', 2];
  if (kind === 0x75) {
    const v = hexAt(text, i + 2, 4);
    return v > 0 ? [String.fromCharCode(v), 6] : undefined;
  }
  return kind === 0x78 ? escapedBytesAt(text, i, 4) : undefined;
}

// Hangul written as conjoining letters (NFD, as macOS and some PDFs hand text over): a leading
// consonant, a vowel and perhaps a final consonant are one syllable, as in NFC.
const JAMO_L = 0x1100;
const JAMO_V = 0x1161;
/** One before the first final consonant: final index 0 is "none". */
const JAMO_T = 0x11a7;
const SYLLABLES = 0xac00;

/** The syllable that the letters from the leading consonant at `i` make, as [syllable, from, to). */
function composeFrom(text: string, i: number): [string, number, number] | undefined {
  const v = text.charCodeAt(i + 1) - JAMO_V;
  if (!(v >= 0 && v < 21)) return undefined;
  const tail = text.charCodeAt(i + 2) - JAMO_T;
  const t = tail > 0 && tail < 28 ? tail : 0;
  const l = text.charCodeAt(i) - JAMO_L;
  return [String.fromCharCode(SYLLABLES + (l * 21 + v) * 28 + t), i, i + (t ? 3 : 2)];
}

/** A final consonant at `i` after a syllable without one (not yet copied out): the two as one. */
function finalAfter(text: string, i: number, runStart: number): [string, number, number] | undefined {
  const s = text.charCodeAt(i - 1) - SYLLABLES;
  if (i - 1 < runStart || !(s >= 0 && s < 11172) || s % 28 !== 0) return undefined;
  return [String.fromCharCode(SYLLABLES + s + text.charCodeAt(i) - JAMO_T), i - 1, i + 1];
}

/** Spaces or tabs a wrapped line may end or start with. */
const WRAP_SPACES = 4;

/** The end of "\n" or "\r\n" written as escapes, from the last backslash at `at`; else -1. */
function escapedBreakEnd(text: string, at: number): number {
  const c = text.charCodeAt(at + 1);
  if (c === 0x6e) return at + 2;
  if (c !== 0x72) return -1;
  let j = at + 2;
  while (j - at < 8 && text.charCodeAt(j) === 0x5c) j++;
  return j > at + 2 && text.charCodeAt(j) === 0x6e ? j + 1 : -1;
}

/**
 * Copies out the text before `from`, writes `replacement` for [from, to) and records the units it
 * does not cover as dropped (one for one from `from`); returns where copying resumes (`to`).
 */
function replaceSpan(
  text: string,
  out: string[],
  dropped: number[],
  runStart: number,
  from: number,
  to: number,
  replacement: string,
): number {
  if (runStart < from) out.push(text.slice(runStart, from));
  if (replacement !== '') out.push(replacement);
  for (let k = from + replacement.length; k < to; k++) dropped.push(k);
  return to;
}

/**
 * A number wrapped after one of its dashes: the line break [i, breakEnd) — "\n", or its escape —
 * with the spaces around it, as [from, to) to remove, when a dash (as written or folded) right
 * after an ASCII digit ends the line and an ASCII digit starts the next; else undefined. Only
 * spaces not yet copied out (from `runStart` on) are removed, so the output stays in step with
 * the offsets.
 */
function wrappedNumber(
  text: string,
  i: number,
  breakEnd: number,
  runStart: number,
  t: Uint8Array,
): [number, number] | undefined {
  let from = i;
  while (from > runStart && i - from < WRAP_SPACES) {
    const c = text.charCodeAt(from - 1);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
    from--;
  }
  const dash = text.charCodeAt(from - 1);
  if (!(dash === 0x2d || (t[dash] === 4 && fold(text.charAt(from - 1)) === '-'))) return undefined;
  if (!isAsciiDigit(text.charCodeAt(from - 2))) return undefined;
  let to = breakEnd;
  while (to - breakEnd < WRAP_SPACES && (text.charCodeAt(to) === 0x20 || text.charCodeAt(to) === 0x09)) to++;
  return isAsciiDigit(text.charCodeAt(to)) ? [from, to] : undefined;
}

/** Where composeLetters writes the syllables of letters typed one by one (reused: scans are synchronous). */
const syllables: number[] = [];

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

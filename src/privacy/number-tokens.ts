/**
 * Numbers written with what a keyboard, a word processor or OCR puts in place of digits and dashes:
 * the letters O and l for 0 and 1 ("O1O-l234-5678", as scans are read and as some type to slip
 * past a filter) and a middle dot, slash or underscore between the groups ("010·1234·5678", common
 * in Korean typography; "4111/1111/1111/1111", "010_1234_5678"). Read as digits and dashes, one
 * code unit for one, only inside a number-shaped token (see `tokenAt`): the letters of words and
 * the slashes of dates and paths stay as they are.
 *
 * Runs over text already normalised (other look-alikes folded), from the first place a token may
 * start; each token is read once, so the pass is linear.
 */

import { isDigit } from './chars.js';

/** The Hangul letter ㅇ, round as a zero: "ㅇ1ㅇ-1234-5678", as Korean chat writes a number past a filter. */
export const IEUNG = 0x3147;
/** O, o and ㅇ read as 0, l and I as 1 (one code unit each). */
const letterDigit = (c: number) =>
  c === 0x4f || c === 0x6f || c === IEUNG ? 0x30 : c === 0x6c || c === 0x49 ? 0x31 : 0;
const isUnit = (c: number) => isDigit(c) || letterDigit(c) !== 0;
const isAsciiAlnum = (c: number) => isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
/** The separators numbers are written with already: the recognisers read them as they are. */
const isPlainSeparator = (c: number) => c === 0x2d || c === 0x2e || c === 0x20;
/**
 * Other separators read as "-": slash, underscore, middle dots (·, •, ∙, ・, ･, ‧, and ㆍ, which
 * Korean keyboards type for one) and what Japanese and Korean input methods and word processors
 * put for a dash (ー and ｰ, the prolonged sound marks; ─ and ━, box-drawing lines; ➖, ˗, ⁃; ᅳ, the
 * vowel eu as a conjoining letter). Not 一 (the hanja digit one); ":" only as a guarded one.
 */
const FREE_SEPARATORS = [
  0x2f, 0x5f, 0xb7, 0x2022, 0x2219, 0x30fb, 0xff65, 0x2027, 0x318d, 0x30fc, 0xff70, 0x2500, 0x2501, 0x2796,
  0x02d7, 0x2043, 0x1173,
];
/**
 * Separators ordinary numbers are written with too — "," (thousands), "~" (ranges), "+" and "*"
 * (sums, products), "|" (table cells), ㅣ (the vowel i, typed for a bar) — read as "-" only in a
 * number laid out as an identifier is (`identifierLayout`): "010,1234,5678" is a phone,
 * "1,234,567,890" a sum and "1234|5678|9012" three cells.
 */
const LAID_OUT = [0x2c, 0x7e, 0x2b, 0x2a, 0x7c, 0x3163];
/**
 * Brackets around a group, in pairs: "010(1234)5678", "4111[1111]1111[1111]", and a last group
 * closed where the number ends, "900101(1234568)". Strict separators (one kind, "(" for all four);
 * a bracket that closes none or opens a second is no separator ("(010)1234-5678" is read as written).
 */
const OPEN_PAREN = 0x28;
const CLOSER = new Map([
  [0x28, 0x29],
  [0x5b, 0x5d],
]);
const BRACKETS = [0x28, 0x29, 0x5b, 0x5d];
const isBracket = (c: number) => c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d;
/**
 * Any other mark a keyboard types between groups that a reader sees past — ":" (times, IPv6
 * addresses), "'" (a year cut short), ";" "=" "#" '"' "^" "&" "!" "?" "@" "$" "%" "\\" "<" ">"
 * and a tab (code, cells), and brackets in pairs — read as "-" only between a phone's, a card's
 * or a 주민등록번호's groups (`strictLayout`), and not after one of them: "12:30:45.123456" and
 * "…:0000:0000:0000:0001", the end of an IPv6 address, stay as they are.
 */
const STRICT_SEPARATORS = [
  0x3a, 0x27, 0x3b, 0x3d, 0x23, 0x22, 0x5e, 0x26, 0x21, 0x3f, 0x40, 0x24, 0x25, 0x5c, 0x3c, 0x3e, 0x09,
];
const STRICT_SET = new Set([...STRICT_SEPARATORS, ...BRACKETS]);
const GUARDED_SEPARATORS = [...LAID_OUT, ...STRICT_SEPARATORS, ...BRACKETS];
const GUARDED_SET = new Set(GUARDED_SEPARATORS);
const OTHER_SEPARATORS = [...FREE_SEPARATORS, ...GUARDED_SEPARATORS];
const OTHER_SEPARATOR_SET = new Set(OTHER_SEPARATORS);
export const isOtherSeparator = (c: number) => OTHER_SEPARATOR_SET.has(c);

/** The most groups an identifier is written in (a card's four). */
const MOST_GROUPS = 4;

/**
 * Whether groups of these lengths (units) are those of the identifiers a strict separator is read
 * in: a 주민/외국인등록번호 (6-7), a phone (2-3 starting with 0, then 3-4, then 4) or a card (4-4-4-4).
 */
function strictLayout(lengths: readonly number[], leadingZero: boolean): boolean {
  const [a = 0, b = 0, c = 0, d = 0] = lengths;
  const n = lengths.length;
  if (n === 2) return a === 6 && b === 7;
  if (n === 3) return leadingZero && (a === 2 || a === 3) && (b === 3 || b === 4) && c === 4;
  return n === 4 && a === 4 && b === 4 && c === 4 && d === 4;
}

/**
 * Whether groups of these lengths are an identifier's: one of `strictLayout`'s, a 사업자등록번호
 * (3-2-5), or an account (three or four groups, 10-14 digits, one group of five or more for its
 * serial).
 */
function identifierLayout(lengths: readonly number[], leadingZero: boolean): boolean {
  if (strictLayout(lengths, leadingZero)) return true;
  const [a = 0, b = 0, c = 0, d = 0] = lengths;
  const n = lengths.length;
  if (n === 3 && a === 3 && b === 2 && c === 5) return true;
  const total = a + b + c + d;
  return (n === 3 || n === 4) && total >= 10 && total <= 14 && Math.max(a, b, c, d) >= 5;
}

/**
 * A comma before three digits and no fourth ("1,234,567원"): an amount's, common and never a place
 * to read a number from — every layout `identifierLayout` takes has a group of another length,
 * whose own separator is read.
 */
export function isThousandsComma(text: string, i: number): boolean {
  return (
    text.charCodeAt(i) === 0x2c &&
    isDigit(text.charCodeAt(i + 1)) &&
    isDigit(text.charCodeAt(i + 2)) &&
    isDigit(text.charCodeAt(i + 3)) &&
    !isDigit(text.charCodeAt(i + 4))
  );
}

const SLASH = 0x2f;
const DASH = 0x2d;
const isZero = (c: number) => c === 0x30 || letterDigit(c) === 0x30;

/** Whether `c`, next to a digit, may be part of a number this pass rewrites. */
export const mayRewrite = (c: number) => letterDigit(c) !== 0 || isOtherSeparator(c);
/** Every code unit `mayRewrite` holds for (for tables built without testing all 65,536). */
export const REWRITTEN_UNITS = [0x4f, 0x6f, IEUNG, 0x6c, 0x49, ...OTHER_SEPARATORS];

/** The longest group read as part of a number (an account's longest group, a 주민등록번호's half). */
const MAX_GROUP = 8;
/** The longest number written without separators (a card's 16 digits). */
const MAX_RUN = 16;
/** Digits (real or read) a number needs: as long as the shortest worth hiding. */
const MIN_UNITS = 8;

/**
 * The end of the separator at `k` (one plain separator, or a dash or another with a space on either
 * side), else -1. Not a slash with a space beside it: " / " separates a table's cells and a form's fields
 * ("1968.04.22 / 2020.01.05" is two dates, not one number).
 */
function separatorEnd(text: string, k: number): number {
  const c = text.charCodeAt(k);
  if (c === SLASH) return k + 1;
  if (isOtherSeparator(c)) return text.charCodeAt(k + 1) === 0x20 ? k + 2 : k + 1;
  if (!isPlainSeparator(c)) return -1;
  const next = text.charCodeAt(k + 1);
  // A dash with a space on either side or both ("9OO1O1 - l234568"), as a plain number has.
  if (c === 0x20 && ((isOtherSeparator(next) && next !== SLASH) || next === DASH))
    return text.charCodeAt(k + 2) === 0x20 ? k + 3 : k + 2;
  if (c === DASH && next === 0x20) return k + 2;
  return k + 1;
}

interface Token {
  start: number;
  end: number;
  ok: boolean;
}

/** The end of the group of units from `k`, and how many of them are real digits. */
function groupAt(text: string, k: number): [end: number, digits: number] {
  let digits = 0;
  let e = k;
  for (let c = text.charCodeAt(e); isUnit(c); c = text.charCodeAt(++e)) if (isDigit(c)) digits++;
  return [e, digits];
}

/**
 * The token from the unit at `start`: groups of digits and letters read as digits, joined by one
 * separator each, from a first group with a real digit ("I 010·1234·5678": the word is not part of
 * it) to the last; a later group may be letters only ("55OO-OOOO-…", every 0 typed as O), but not
 * after a space ("… 5678 lol" ends with a word) nor of one letter. It qualifies as a number when
 * it stands alone (no letter or digit glued to either end), holds at least MIN_UNITS units, has groups of at most MAX_GROUP units
 * (MAX_RUN when it is the only one) and at most one kind of other separator, and is not one letter
 * before digits alone (M12345678, O12345678: a passport's shape). Words are made of other letters
 * too: a run of eight or more of O, l and I with digits between is a number.
 */
function tokenAt(text: string, start: number, guarded = true): Token {
  let [k, digits] = groupAt(text, start);
  if (digits === 0) return { start, end: k, ok: false };
  // Two letters or more before the first digit are a word glued to a number ("ㅇㅇ010-…", chat's
  // yes): the number, if any, starts at its first digit.
  if (!isDigit(text.charCodeAt(start)) && !isDigit(text.charCodeAt(start + 1))) {
    let first = start + 2;
    while (!isDigit(text.charCodeAt(first))) first++;
    return { start, end: first, ok: false };
  }
  let letters = k - start - digits;
  let groups = 1;
  let longest = k - start;
  let ok = start === 0 || !isAsciiAlnum(text.charCodeAt(start - 1));
  let other = -1;
  /** The closer of the bracket open between groups, or 0. */
  let open = 0;
  const lengths = [k - start];
  for (;;) {
    // More groups than an identifier has: decided (and each group is read from few starts: linear).
    if (GUARDED_SET.has(other) && groups > MOST_GROUPS) break;
    const sepEnd = separatorEnd(text, k);
    if (sepEnd < 0 || !isUnit(text.charCodeAt(sepEnd))) break;
    const [e, d] = groupAt(text, sepEnd);
    // Letters alone after a space are a word ("… 5678 lol"), and so is one letter ("I", "O"); not
    // after a dash with spaces around ("4lll - llll-…").
    const spaced = text.charCodeAt(k) === 0x20 || text.charCodeAt(sepEnd - 1) === 0x20;
    if (
      d === 0 &&
      (e - sepEnd < 2 || (spaced && text.charCodeAt(k + 1) !== DASH && text.charCodeAt(k) !== DASH))
    )
      break;
    let kind = -1;
    let bracket = 0;
    for (let s = k; s < sepEnd; s++) {
      const c = text.charCodeAt(s);
      if (isBracket(c)) bracket = c;
      if (isOtherSeparator(c)) kind = isBracket(c) ? OPEN_PAREN : c;
    }
    if (bracket !== 0) {
      // An opener with none open, or the closer of the one open.
      const closer = CLOSER.get(bracket);
      if (closer !== undefined ? open !== 0 : bracket !== open) break;
      open = closer ?? 0;
    }
    // A guarded separator beside another kind ends the number ("1588·1234, 12·34": a list).
    if (GUARDED_SET.has(kind) && !guarded) break;
    if (kind >= 0 && other >= 0 && kind !== other && (GUARDED_SET.has(kind) || GUARDED_SET.has(other))) break;
    if (kind >= 0) {
      if (other >= 0 && other !== kind) ok = false;
      other = kind;
    }
    groups++;
    digits += d;
    letters += e - sepEnd - d;
    longest = Math.max(longest, e - sepEnd);
    if (groups <= MOST_GROUPS) lengths.push(e - sepEnd);
    k = e;
  }
  if (isAsciiAlnum(text.charCodeAt(k))) ok = false;
  // A bracket still open is closed right after the last group, or the brackets are no separators.
  if (open !== 0 && text.charCodeAt(k) !== open) ok = false;
  if (digits + letters < MIN_UNITS) ok = false;
  if (longest > (groups === 1 ? MAX_RUN : MAX_GROUP)) ok = false;
  if (groups === 1 && letters === 1 && letterDigit(text.charCodeAt(start)) !== 0) ok = false;
  if (letters === 0 && other < 0) ok = false; // nothing to read differently
  if (
    GUARDED_SET.has(other) &&
    (groups > MOST_GROUPS || !identifierLayout(lengths, isZero(text.charCodeAt(start))))
  )
    ok = false;
  if (
    STRICT_SET.has(other) &&
    (text.charCodeAt(start - 1) === other || !strictLayout(lengths, isZero(text.charCodeAt(start))))
  )
    ok = false;
  // Not a number with them: perhaps one before the first ("O1O-1234-5678, 1234"), read once more.
  if (!ok && GUARDED_SET.has(other)) return tokenAt(text, start, false);
  return { start, end: k, ok };
}

/**
 * The text with every qualifying number token read as digits and dashes (same length: offsets are
 * unchanged). `at` holds, in increasing order, places where a letter or separator stood next to a
 * digit; each number around one is read from its start, and a place inside a number already read
 * costs nothing.
 */
export function readNumberTokens(text: string, at: readonly number[]): string {
  const n = text.length;
  let out: string[] | undefined;
  let copied = 0;
  let readUntil = 0;
  // Where a token may start inside a run of units: after letters glued before its first digit.
  let glued = -1;
  for (const p of at) {
    if (p < readUntil) continue;
    // Back to where the number around `p` starts (units and separators), not into one read before.
    let i = p;
    while (i > readUntil) {
      const c = text.charCodeAt(i - 1);
      if (!isUnit(c) && !isPlainSeparator(c) && !isOtherSeparator(c)) break;
      i--;
    }
    // Token by token up to the one that reaches past `p`, each from the start of a run of units
    // (one glued to a word is read to its end, and does not qualify).
    while (i <= p && i < n) {
      if (!isUnit(text.charCodeAt(i)) || (i > 0 && isUnit(text.charCodeAt(i - 1)) && i !== glued)) {
        i++;
        continue;
      }
      const token = tokenAt(text, i);
      if (!token.ok && isDigit(text.charCodeAt(token.end)) && isUnit(text.charCodeAt(token.end - 1)))
        glued = token.end;
      if (token.ok) {
        out ??= [];
        if (copied < token.start) out.push(text.slice(copied, token.start));
        let piece = '';
        for (let k = token.start; k < token.end; k++) {
          const u = text.charCodeAt(k);
          const d = letterDigit(u);
          piece += d !== 0 ? String.fromCharCode(d) : isOtherSeparator(u) ? '-' : text.charAt(k);
        }
        out.push(piece);
        copied = token.end;
      }
      i = Math.max(token.end, i + 1);
    }
    readUntil = Math.max(readUntil, i);
  }
  if (!out) return text;
  if (copied < n) out.push(text.slice(copied));
  return out.join('');
}

import { JugwonError } from '../core/errors.js';
import { createRng, type Rng } from './random.js';
import { makeSurrogate } from './surrogates.js';

export type PseudonymMode = 'tag' | 'surrogate';

export interface VaultOptions {
  mode?: PseudonymMode;
  /** Seed for surrogate generation (tests, reproducible runs); random by default. */
  seed?: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Brackets a model may put around a tag when it writes one back: it was given 〔PHONE_1〕 but
 * answers with [PHONE_1] or 【PHONE_1】, which restore as the tag does. The first pair is the one
 * tags are made with.
 */
const TAG_BRACKETS = ['〔〕', '[]', '［］', '【】', '〖〗', '〘〙', '「」', '『』'] as const;
const OPENINGS = TAG_BRACKETS.map((b) => b[0]).join('');
const CLOSINGS = TAG_BRACKETS.map((b) => b[1]).join('');
const inClass = (chars: string) => chars.replace(/[\]\\^-]/g, '\\$&');

/**
 * What looks like a tag in a text, in any of those brackets (its inside is captured): found once
 * per text, so checking a new tag costs nothing.
 */
const TAG_LIKE = new RegExp(
  `[${inClass(OPENINGS)}]([^${inClass(OPENINGS + CLOSINGS)}\\n]{1,64})[${inClass(CLOSINGS)}]`,
  'g',
);

/**
 * A tag written back without its brackets ("PERSON_1님께"), for types of capital letters, digits
 * and `_` (every built-in one): not inside a longer word or number.
 */
const BARE_TYPE = /^[A-Z][A-Z0-9_]*$/;
const WORD_BEFORE = '(?<![A-Za-z0-9_])';
const WORD_AFTER = '(?![A-Za-z0-9_])';
const BARE_LIKE = new RegExp(`${WORD_BEFORE}([A-Z][A-Z0-9_]*_\\d+)${WORD_AFTER}`, 'g');
/** What WORD_BEFORE and WORD_AFTER call a word's character: A-Z, a-z, 0-9 and _. */
const isWordChar = (c: number) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

/**
 * A surrogate number (a phone, 주민등록번호, card or account number, a date of birth) is restored
 * however a model re-punctuates it: "010 5555 1234", "010.5555.1234" or "01055551234" for
 * "010-5555-1234". Numbers of at least LOOSE_DIGITS digits, with separators only; found as any
 * number of their length, then looked up by their digits (a pattern per surrogate would make a
 * vault of hundreds scan every answer for seconds).
 */
const LOOSE_DIGITS = 8;
const NUMERIC = /^[+(]?\d[\d\-. ()]*$/;
/** Between two digits of such a number: up to three of - . and space. */
const MAX_LOOSE_SEP = 3;
const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;
const isLooseSep = (c: number) => c === 0x2d || c === 0x2e || c === 0x20;

/** The digits of a surrogate that is a number, else undefined. */
function looseDigits(pseudonym: string): string | undefined {
  if (!NUMERIC.test(pseudonym)) return undefined;
  const digits = pseudonym.replace(/\D/g, '');
  return digits.length >= LOOSE_DIGITS ? digits : undefined;
}

/**
 * A number of `length` digits however punctuated, its leading + optional; not inside a longer
 * number, nor one that goes on past a dash or a dot ("1-010…", "…1234-5"). The two characters
 * before a match and the two after decide: a stream keeps two of context (stream-restore.ts).
 */
const numberOfLength = (length: number) =>
  `(?<![0-9]|[0-9][-.])\\+?[0-9](?:[-. ]{0,${MAX_LOOSE_SEP}}[0-9]){${length - 1}}(?![0-9]|[-.][0-9])`;

/** A stand-in found in a text: where, as written, and the value it restores to (none: not ours). */
export interface StandInHit {
  index: number;
  match: string;
  value: string | undefined;
}

/**
 * Characters of `avoid` text one vault may scan to check surrogates (each candidate is looked for
 * in the whole text): past it, values get tags, whose check is a set lookup. Without a bound a
 * request holding thousands of values would be checked in quadratic time.
 */
const SURROGATE_SCAN_BUDGET = 32 * 1024 * 1024;

/** Finds stand-ins in a model's answer, as restore() and the stream restorer need them. */
export interface StandInMatcher {
  /**
   * The leftmost stand-in at or after `from`: a surrogate as written or a surrogate number however
   * punctuated, or anything tag-shaped of the vault's types in any of the brackets (value undefined
   * for a tag the vault never made).
   */
  next(text: string, from: number): StandInHit | undefined;
  /** Start of the longest suffix of text[from..] that could still grow into a stand-in, or -1. */
  heldFrom(text: string, from: number): number;
}

/**
 * One request's map between personal values and their stand-ins. The same value always gets the
 * same stand-in, and stand-ins never prefix one another, so a restorer can tell when one is complete.
 */
export class PseudonymVault {
  readonly mode: PseudonymMode;
  private readonly rng: Rng;
  private readonly byValue = new Map<string, string>();
  private readonly byPseudonym = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private matcherCache: { size: number; matcher: StandInMatcher } | undefined;
  /** Every proper prefix of a stand-in: with `byPseudonym`, prefix-freedom in O(length). */
  private readonly prefixes = new Set<string>();
  /** Surrogate numbers by their digits, and every proper prefix of those digits (looseDigits). */
  private readonly byDigits = new Map<string, string>();
  private readonly digitPrefixes = new Set<string>();
  /** The tags an `avoid` text holds, for the last text asked about (one request's, each time). */
  private avoidTags: { text: string; tags: Set<string> } | undefined;
  private surrogateScan = 0;

  constructor(options: VaultOptions = {}) {
    this.mode = options.mode ?? 'tag';
    this.rng = createRng(options.seed);
  }

  /**
   * Rebuilds a vault from saved [pseudonym, original, type] rows (a conversation's earlier turns).
   * Throws when stand-ins repeat or prefix one another, which would make restoring ambiguous.
   */
  static fromEntries(
    rows: readonly (readonly [pseudonym: string, original: string, type: string])[],
    options: VaultOptions = {},
  ): PseudonymVault {
    const vault = new PseudonymVault(options);
    for (const [pseudonym, original, type] of rows) {
      if (pseudonym === '' || !vault.prefixFree(pseudonym)) {
        throw new JugwonError('JG_INVALID_VALUE', {
          what: 'saved vault',
          problem: 'stand-ins must be non-empty and must not prefix one another',
        });
      }
      vault.byValue.set(`${type}\u0000${original}`, pseudonym);
      vault.add(pseudonym, original);
      const n = /_(\d+)〕$/.exec(pseudonym);
      if (n) vault.counters.set(type, Math.max(vault.counters.get(type) ?? 0, Number(n[1])));
    }
    return vault;
  }

  get size(): number {
    return this.byPseudonym.size;
  }

  /** The stand-in for `value`; `avoid` is text the stand-in must not already occur in. */
  pseudonym(type: string, value: string, avoid = ''): string {
    const key = `${type}\u0000${value}`;
    const known = this.byValue.get(key);
    if (known !== undefined) return known;
    const made = (this.mode === 'surrogate' && this.surrogate(type, value, avoid)) || this.tag(type, avoid);
    this.byValue.set(key, made);
    this.add(made, value);
    return made;
  }

  private add(pseudonym: string, value: string): void {
    this.byPseudonym.set(pseudonym, value);
    // A tag (〔TYPE_N〕) is no proper prefix of anything a vault holds or makes: its closing
    // bracket ends it, and surrogates never start with its opening one.
    if (pseudonym.startsWith('〔')) return;
    for (let i = 1; i < pseudonym.length; i++) this.prefixes.add(pseudonym.slice(0, i));
    const digits = looseDigits(pseudonym);
    if (digits !== undefined && this.digitsFree(digits)) {
      this.byDigits.set(digits, pseudonym);
      for (let i = 1; i < digits.length; i++) this.digitPrefixes.add(digits.slice(0, i));
    }
  }

  /** Whether no surrogate number's digits equal, prefix or are prefixed by `digits`. */
  private digitsFree(digits: string): boolean {
    if (this.byDigits.has(digits) || this.digitPrefixes.has(digits)) return false;
    for (let i = LOOSE_DIGITS; i < digits.length; i++)
      if (this.byDigits.has(digits.slice(0, i))) return false;
    return true;
  }

  original(pseudonym: string): string | undefined {
    return this.byPseudonym.get(pseudonym);
  }

  entries(): [pseudonym: string, original: string][] {
    return [...this.byPseudonym];
  }

  /**
   * What restoring needs: surrogates are looked for as they are (each with its prefixes, for a
   * stream to hold back), tags by their shape — one pattern however many the vault holds, so a
   * request with thousands of values and eight kinds of brackets costs no more than one with few.
   */
  matcher(): StandInMatcher | undefined {
    if (this.size === 0) return undefined;
    if (this.matcherCache?.size === this.size) return this.matcherCache.matcher;
    const literals: string[] = [];
    const types = new Set<string>();
    let digits = 0;
    for (const pseudonym of this.byPseudonym.keys()) {
      const tag = /^〔(.+)_(\d+)〕$/.exec(pseudonym);
      if (!tag) literals.push(pseudonym);
      else {
        types.add(tag[1] as string);
        digits = Math.max(digits, (tag[2] as string).length);
      }
    }
    literals.sort((a, b) => b.length - a.length);
    const prefixes = new Set<string>();
    for (const k of literals) for (let i = 1; i < k.length; i++) prefixes.add(k.slice(0, i));
    const longest = literals[0]?.length ?? 0;
    // Surrogate numbers however punctuated: any number of one of their lengths (longest first),
    // then each length tried where one starts, and kept when its digits are a surrogate's.
    const byPseudonym = this.byPseudonym;
    const byDigits = this.byDigits;
    const digitPrefixes = this.digitPrefixes;
    const lengths = [...new Set([...byDigits.keys()].map((d) => d.length))].sort((a, b) => b - a);
    const numbers = lengths.length ? new RegExp(lengths.map(numberOfLength).join('|'), 'g') : undefined;
    const numberAt = lengths.map((n) => new RegExp(numberOfLength(n), 'y'));
    const longestDigits = lengths[0] ?? 0;
    const looseLength = 1 + longestDigits + (longestDigits - 1) * MAX_LOOSE_SEP;
    /** The value of the surrogate number `match` spells, keeping a + the text has and it lacks. */
    const numberValue = (match: string): string | undefined => {
      const surrogate = byDigits.get(match.replace(/\D/g, ''));
      const value = surrogate === undefined ? undefined : byPseudonym.get(surrogate);
      if (value === undefined) return undefined;
      return match.startsWith('+') && !value.startsWith('+') ? `+${value}` : value;
    };
    /** The first surrogate number starting in [from, before). */
    const nextNumber = (text: string, from: number, before: number): StandInHit | undefined => {
      if (!numbers) return undefined;
      for (let at = from; at < before; ) {
        numbers.lastIndex = at;
        const found = numbers.exec(text);
        if (!found || found.index >= before) return undefined;
        for (const sticky of numberAt) {
          sticky.lastIndex = found.index;
          const m = sticky.exec(text);
          const value = m ? numberValue(m[0]) : undefined;
          if (m && value !== undefined) return { index: found.index, match: m[0], value };
        }
        at = found.index + 1;
      }
      return undefined;
    };
    const typeList = [...types].map(escapeRegExp).join('|');
    const bare = [...types].filter((t) => BARE_TYPE.test(t));
    const shapes = types.size
      ? [`[${inClass(OPENINGS)}](?:${typeList})_\\d{1,${digits}}[${inClass(CLOSINGS)}]`]
      : [];
    if (bare.length) shapes.push(`${WORD_BEFORE}(?:${bare.join('|')})_\\d{1,${digits}}${WORD_AFTER}`);
    const typeNames = [...types];
    // A tag still being written, after its opening bracket or at the start of a word: a prefix of
    // TYPE_ and up to its digits — complete ones too, as a digit or letter may still follow.
    const mayGrow = (inside: string, bracketed: boolean) =>
      (bracketed ? typeNames : bare).some((t) => {
        if (inside.length <= t.length) return `${t}_`.startsWith(inside);
        if (!inside.startsWith(`${t}_`)) return false;
        const number = inside.slice(t.length + 1);
        return number.length <= digits && /^\d*$/.test(number);
      });
    const growingLength = 2 + Math.max(0, ...typeNames.map((t) => t.length)) + digits;
    const regex = new RegExp([...literals.map(escapeRegExp), ...shapes].join('|'), 'g');
    const original = (match: string): string | undefined => {
      const open = OPENINGS.indexOf(match[0] ?? '');
      if (open < 0) return byPseudonym.get(match) ?? byPseudonym.get(`〔${match}〕`);
      // Brackets of one pair only: `[PHONE_1〕` is no tag.
      if (CLOSINGS.indexOf(match.at(-1) ?? '') !== open) return undefined;
      return byPseudonym.get(`〔${match.slice(1, -1)}〕`);
    };
    let found: { text: string; from: number; hit: RegExpExecArray | null } | undefined;
    const matcher: StandInMatcher = {
      next(text, from) {
        // The stand-in found last time is still the next one while `from` has not passed it: a
        // text with many surrogate numbers before it (or none after them) is scanned for stand-ins
        // once, not once per number.
        let hit: RegExpExecArray | null;
        if (found && found.text === text && found.from <= from && (found.hit?.index ?? text.length) >= from)
          hit = found.hit;
        else {
          regex.lastIndex = from;
          hit = regex.exec(text);
          found = { text, from, hit };
        }
        // A number starting before it wins; at the same place, the stand-in as written does.
        const number = nextNumber(text, from, hit ? hit.index : text.length);
        if (number) return number;
        return hit ? { index: hit.index, match: hit[0], value: original(hit[0]) } : undefined;
      },
      heldFrom(text, from) {
        let held = -1;
        for (let k = Math.min(longest - 1, text.length - from); k > 0; k--) {
          if (prefixes.has(text.slice(text.length - k))) {
            held = text.length - k;
            break;
          }
        }
        if (byDigits.size > 0) {
          const number = heldNumber(text, Math.max(from, text.length - looseLength), digitPrefixes, byDigits);
          if (number >= 0 && (held < 0 || number < held)) held = number;
        }
        if (types.size === 0) return held;
        const tail = Math.max(from, text.length - growingLength);
        // The last opening bracket in the tail, and the word the text ends with (the character
        // before it, even one already let go, decides whether it starts a word).
        let bracket = -1;
        for (let i = text.length - 1; i >= tail && bracket < 0; i--)
          if (OPENINGS.includes(text.charAt(i))) bracket = i;
        let word = text.length;
        while (word > tail && isWordChar(text.charCodeAt(word - 1))) word--;
        const startsWord = word < text.length && (word === 0 || !isWordChar(text.charCodeAt(word - 1)));
        const grows = [
          ...(bracket >= 0 && mayGrow(text.slice(bracket + 1), true) ? [bracket] : []),
          ...(startsWord && mayGrow(text.slice(word), false) ? [word] : []),
        ];
        for (const g of grows) if (held < 0 || g < held) held = g;
        return held;
      },
    };
    this.matcherCache = { size: this.size, matcher };
    return matcher;
  }

  /**
   * The next free tag of the type. One the text already holds, in any brackets or none, is skipped:
   * restoring would turn that literal text into someone's value.
   */
  private tag(type: string, avoid: string): string {
    if (this.avoidTags?.text !== avoid)
      this.avoidTags = {
        text: avoid,
        tags: new Set([...avoid.matchAll(TAG_LIKE), ...avoid.matchAll(BARE_LIKE)].map((m) => m[1] ?? '')),
      };
    const held = this.avoidTags.tags;
    for (;;) {
      const n = (this.counters.get(type) ?? 0) + 1;
      this.counters.set(type, n);
      if (!held.has(`${type}_${n}`)) return `〔${type}_${n}〕`;
    }
  }

  private surrogate(type: string, value: string, avoid: string): string | undefined {
    for (let attempt = 0; attempt < 20; attempt++) {
      const s = makeSurrogate(type, value, this.rng);
      if (s === undefined) return undefined;
      this.surrogateScan += avoid.length;
      if (this.surrogateScan > SURROGATE_SCAN_BUDGET) return undefined;
      if (s === value || avoid.includes(s) || !this.prefixFree(s)) continue;
      // A number must not occur in the request however punctuated either, nor share its digits.
      const digits = looseDigits(s);
      if (digits === undefined) return s;
      this.surrogateScan += avoid.length;
      if (this.digitsFree(digits) && !heldAnywhere(avoid, digits)) return s;
    }
    return undefined; // falls back to a tag, which is always unique
  }

  private prefixFree(candidate: string): boolean {
    if (this.byPseudonym.has(candidate) || this.prefixes.has(candidate)) return false;
    for (let i = 1; i < candidate.length; i++) if (this.byPseudonym.has(candidate.slice(0, i))) return false;
    return true;
  }
}

/**
 * Where, from `from` on, the text ends with what may still grow into a surrogate number however
 * punctuated (or complete one a digit may yet follow): the earliest start whose digits to the end
 * are a prefix of, or all of, a surrogate's digits. -1 when none.
 */
function heldNumber(
  text: string,
  from: number,
  digitPrefixes: ReadonlySet<string>,
  byDigits: ReadonlyMap<string, string>,
): number {
  for (let p = from; p < text.length; p++) {
    const c = text.charCodeAt(p);
    const opens = c === 0x2b; // +
    if (!opens && !isDigitCode(c)) continue;
    if (p > 0 && isDigitCode(text.charCodeAt(p - 1))) continue;
    let digits = '';
    let seps = 0;
    let k = opens ? p + 1 : p;
    for (; k < text.length; k++) {
      const d = text.charCodeAt(k);
      if (isDigitCode(d)) {
        digits += text.charAt(k);
        seps = 0;
      } else if (isLooseSep(d) && digits !== '' && ++seps <= MAX_LOOSE_SEP) continue;
      else break;
    }
    if (k === text.length && (digits === '' || digitPrefixes.has(digits) || byDigits.has(digits))) return p;
  }
  return -1;
}

/**
 * Whether `text` holds a number of exactly these digits however punctuated, where restoring would
 * find one: tried from every place a number of that length starts, overlapping ones too.
 */
function heldAnywhere(text: string, digits: string): boolean {
  const any = new RegExp(numberOfLength(digits.length), 'g');
  for (let m = any.exec(text); m !== null; m = any.exec(text)) {
    if (m[0].replace(/\D/g, '') === digits) return true;
    any.lastIndex = m.index + 1;
  }
  return false;
}

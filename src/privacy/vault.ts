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
 * Characters of `avoid` text one vault may scan to check surrogates (each candidate is looked for
 * in the whole text): past it, values get tags, whose check is a set lookup. Without a bound a
 * request holding thousands of values would be checked in quadratic time.
 */
const SURROGATE_SCAN_BUDGET = 32 * 1024 * 1024;

/** Finds stand-ins in a model's answer, as restore() and the stream restorer need them. */
export interface StandInMatcher {
  /** Every stand-in, and anything tag-shaped of the vault's types in any of the brackets. */
  regex: RegExp;
  /** The value a match of `regex` restores to; undefined for a tag the vault never made. */
  original(match: string): string | undefined;
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
    const byPseudonym = this.byPseudonym;
    const matcher: StandInMatcher = {
      regex: new RegExp([...literals.map(escapeRegExp), ...shapes].join('|'), 'g'),
      original(match) {
        const open = OPENINGS.indexOf(match[0] ?? '');
        if (open < 0) return byPseudonym.get(match) ?? byPseudonym.get(`〔${match}〕`);
        // Brackets of one pair only: `[PHONE_1〕` is no tag.
        if (CLOSINGS.indexOf(match.at(-1) ?? '') !== open) return undefined;
        return byPseudonym.get(`〔${match.slice(1, -1)}〕`);
      },
      heldFrom(text, from) {
        let held = -1;
        for (let k = Math.min(longest - 1, text.length - from); k > 0; k--) {
          if (prefixes.has(text.slice(text.length - k))) {
            held = text.length - k;
            break;
          }
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
      if (s !== value && !avoid.includes(s) && this.prefixFree(s)) return s;
    }
    return undefined; // falls back to a tag, which is always unique
  }

  private prefixFree(candidate: string): boolean {
    if (this.byPseudonym.has(candidate) || this.prefixes.has(candidate)) return false;
    for (let i = 1; i < candidate.length; i++) if (this.byPseudonym.has(candidate.slice(0, i))) return false;
    return true;
  }
}

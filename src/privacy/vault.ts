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

/** What looks like a tag in a text: found once per text, so checking a new tag costs nothing. */
const TAG_LIKE = /〔[^〔〕\n]{1,64}〕/g;

/**
 * Characters of `avoid` text one vault may scan to check surrogates (each candidate is looked for
 * in the whole text): past it, values get tags, whose check is a set lookup. Without a bound a
 * request holding thousands of values would be checked in quadratic time.
 */
const SURROGATE_SCAN_BUDGET = 32 * 1024 * 1024;

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
  private matcherCache: { size: number; regex: RegExp; prefixes: Set<string>; maxLength: number } | undefined;
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

  /** A regex over all stand-ins plus the set of their proper prefixes (for stream restoring). */
  matcher(): { regex: RegExp; prefixes: Set<string>; maxLength: number } | undefined {
    if (this.size === 0) return undefined;
    if (this.matcherCache?.size !== this.size) {
      const keys = [...this.byPseudonym.keys()].sort((a, b) => b.length - a.length);
      const prefixes = new Set<string>();
      for (const k of keys) for (let i = 1; i < k.length; i++) prefixes.add(k.slice(0, i));
      this.matcherCache = {
        size: this.size,
        regex: new RegExp(keys.map(escapeRegExp).join('|'), 'g'),
        prefixes,
        maxLength: keys[0]?.length ?? 0,
      };
    }
    return this.matcherCache;
  }

  /**
   * The next free tag of the type. One the text already holds is skipped: restoring would turn
   * that literal text into someone's value.
   */
  private tag(type: string, avoid: string): string {
    if (this.avoidTags?.text !== avoid)
      this.avoidTags = { text: avoid, tags: new Set(avoid.match(TAG_LIKE) ?? []) };
    const held = this.avoidTags.tags;
    for (;;) {
      const n = (this.counters.get(type) ?? 0) + 1;
      this.counters.set(type, n);
      const tag = `〔${type}_${n}〕`;
      if (!held.has(tag)) return tag;
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

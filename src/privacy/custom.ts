import { createRequire } from 'node:module';
import type { Matcher, RE2JS } from 're2js';
import { JugwonError } from '../core/errors.js';
import { namedValidators, onlyDigits, type ValidatorName } from './checksums/index.js';
import type { Category, PatternRecognizer } from './types.js';

/** A deployment's own recogniser, as written in the configuration file. */
export interface CustomRecognizerSpec {
  type: string;
  category?: Category;
  patterns: readonly { regex: string; score?: number; flags?: string }[];
  context?: readonly string[];
  /** Name of a built-in check-digit validator (rrn, brn, crn, luhn). */
  validator?: string;
}

const TYPE_NAME = /^[A-Z][A-Z0-9_]{1,40}$/;

/** Loaded only when a deployment has recognisers of its own (commands without them start faster). */
let re2: typeof RE2JS | undefined;
const engine = () => {
  re2 ??= (createRequire(import.meta.url)('re2js') as { RE2JS: typeof RE2JS }).RE2JS;
  return re2;
};

/**
 * A deployment's own pattern, matched by a linear-time engine (RE2): a regex written in a
 * configuration file must never backtrack without end on a request's text — in JavaScript's engine
 * `(?:[A-Z]+)+-\d{6}` took 1.7 s on 26 capital letters and doubled with each letter more, with
 * the event loop (every tenant's requests) held meanwhile. It is a RegExp to the scan that runs it
 * (`lastIndex`, `exec`, `test`), with RE2's syntax: no look-around, no back-references.
 */
export class LinearRegExp extends RegExp {
  private readonly re: RE2JS;
  private readonly pattern: string;
  private readonly options: string;
  private current: { text: string; matcher: Matcher } | undefined;

  constructor(pattern: string, flags: string) {
    super('(?!)', 'g'); // matches nothing: exec below does all the matching
    const RE2 = engine();
    const bits = { i: RE2.CASE_INSENSITIVE, m: RE2.MULTILINE, s: RE2.DOTALL } as Record<string, number>;
    this.pattern = pattern;
    this.options = [...new Set(flags)].filter((f) => f in bits).join('');
    this.re = RE2.compile(
      RE2.translateRegExp(pattern),
      [...this.options].reduce((n, f) => n | (bits[f] as number), 0),
    );
  }

  override get source(): string {
    return this.pattern;
  }

  override get flags(): string {
    return `${this.options}g`;
  }

  /** The first match at `lastIndex` or after, as a global RegExp's exec gives it. */
  override exec(text: string): RegExpExecArray | null {
    if (this.current?.text !== text) this.current = { text, matcher: this.re.matcher(text) };
    const m = this.current.matcher;
    if (this.lastIndex > text.length || !m.find(this.lastIndex)) {
      this.lastIndex = 0;
      this.current = undefined; // the scan is over: a large text is not held until the next one
      return null;
    }
    const found = Object.assign([m.group() ?? ''], { index: m.start(), input: text, groups: undefined });
    this.lastIndex = m.end();
    return found as RegExpExecArray;
  }

  override test(text: string): boolean {
    return this.exec(text) !== null;
  }
}

/** What RE2 cannot run, named in words a configuration's author can act on. */
function unsupported(regex: string): string | undefined {
  if (/\\(?:[1-9]|k<)/.test(regex)) return 'back-references (\\1, \\k<name>) are not supported';
  if (/\(\?<?[=!]/.test(regex))
    return 'look-ahead and look-behind ((?=…), (?<!…)) are not supported: use \\b, or make the boundary part of the match';
  return undefined;
}

export function compileCustomRecognizer(spec: CustomRecognizerSpec): PatternRecognizer {
  const name = spec.type;
  if (!TYPE_NAME.test(name)) {
    throw new JugwonError('JG_PII_RECOGNIZER_INVALID', {
      name,
      problem: 'type must be UPPER_SNAKE_CASE, 2-41 characters',
    });
  }
  if (spec.patterns.length === 0) {
    throw new JugwonError('JG_PII_RECOGNIZER_INVALID', { name, problem: 'at least one pattern is required' });
  }
  const patterns = spec.patterns.map((p, i) => {
    const flags = (p.flags ?? '').replace(/[gyu]/g, '');
    const invalid = (problem: string) =>
      new JugwonError('JG_PII_RECOGNIZER_INVALID', { name, problem: `pattern ${i + 1}: ${problem}` });
    if (/[^ims]/.test(flags)) throw invalid(`flags may be i, m and s (got "${p.flags}")`);
    const notLinear = unsupported(p.regex);
    if (notLinear) throw invalid(notLinear);
    let regex: RegExp;
    try {
      new RegExp(p.regex, flags); // JavaScript's syntax, as the documentation and users write it
      regex = new LinearRegExp(p.regex, flags);
    } catch (e) {
      throw invalid((e as Error).message);
    }
    if (regex.test('')) {
      throw new JugwonError('JG_PII_RECOGNIZER_INVALID', {
        name,
        problem: `pattern ${i + 1} matches the empty string`,
      });
    }
    const score = p.score ?? 0.6;
    if (!(score >= 0 && score <= 1)) {
      throw new JugwonError('JG_PII_RECOGNIZER_INVALID', {
        name,
        problem: `pattern ${i + 1}: score must be 0-1`,
      });
    }
    return { name: `${name.toLowerCase()}-${i + 1}`, regex, score };
  });
  let validate: PatternRecognizer['validate'];
  if (spec.validator !== undefined) {
    const check = namedValidators[spec.validator as ValidatorName];
    if (!check) {
      throw new JugwonError('JG_PII_VALIDATOR_UNKNOWN', {
        name: spec.validator,
        known: Object.keys(namedValidators).join(', '),
      });
    }
    validate = (m) => (check(onlyDigits(m)) ? 'valid' : 'invalid');
  }
  return {
    kind: 'pattern',
    type: name,
    category: spec.category ?? 'personal',
    patterns,
    context: spec.context ?? [],
    ...(validate ? { validate, validScore: 0.95 } : {}),
  };
}

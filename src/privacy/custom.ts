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
    const flags = `${(p.flags ?? '').replace(/[gy]/g, '')}g`;
    let regex: RegExp;
    try {
      regex = new RegExp(p.regex, flags);
    } catch (e) {
      throw new JugwonError('JG_PII_RECOGNIZER_INVALID', {
        name,
        problem: `pattern ${i + 1}: ${(e as Error).message}`,
      });
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

import { isJugwonError, JugwonError } from '../core/errors.js';
import { DATA_CLASSES, type DataClass, isDataClass } from '../core/names.js';
import { checkKey, checkValue, type SearchFilter } from '../knowledge/filter.js';

/** Reports a wrong option as the command line does (JG_USAGE, exit code 2). */
export function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isJugwonError(e) && e.status === 400 && e.code !== 'JG_USAGE')
      throw new JugwonError('JG_USAGE', { problem: e.message });
    throw e;
  }
}

/** `--where key=value` options from the command line (a key given twice: either value). */
export function filterFromOptions(pairs: readonly string[]): SearchFilter | undefined {
  if (pairs.length === 0) return undefined;
  const filter: SearchFilter = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new JugwonError('JG_USAGE', { problem: `--where takes key=value (got "${pair}")` });
    const key = asUsage(() => checkKey(pair.slice(0, at)));
    filter[key] = [...(filter[key] ?? []), asUsage(() => checkValue(key, pair.slice(at + 1)))];
  }
  return filter;
}

/** A whole number option at least `min`, or JG_USAGE naming the flag. */
export function wholeNumber(
  flag: string,
  value: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new JugwonError('JG_USAGE', {
      problem:
        max === Number.MAX_SAFE_INTEGER
          ? `${flag} must be a whole number ≥ ${min}`
          : `${flag} must be a whole number from ${min} to ${max}`,
    });
  return n;
}

/** The configuration file a command reads when --config is not given, if it exists. */
export const DEFAULT_CONFIG_FILE = 'jugwon.yaml';

/** `--data-class C|S|O|credit`, or `none` to clear it. */
export function dataClassFlag(v: string): DataClass | null {
  if (v === 'none') return null;
  if (!isDataClass(v))
    throw new JugwonError('JG_USAGE', { problem: `--data-class must be ${DATA_CLASSES.join(', ')} or none` });
  return v;
}

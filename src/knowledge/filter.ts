import { JugwonError } from '../core/errors.js';

/**
 * Metadata filters on a search: each key names a chunk field, its values are alternatives (OR);
 * different keys must all hold (AND). The filter applies before ranking, so a filtered search
 * returns the best matches inside the filter, not the filtered remains of the global top k.
 */
const FIELDS = {
  docId: 'doc_id',
  source: 'source',
  title: 'title',
  heading: 'heading',
  article: 'article',
  page: 'page',
} as const;
export type FilterKey = keyof typeof FIELDS;
export type SearchFilter = Partial<Record<FilterKey, (string | number)[]>>;

const KEYS = Object.keys(FIELDS) as FilterKey[];
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

function usage(code: 'JG_USAGE' | 'JG_INVALID_REQUEST', problem: string): JugwonError {
  return code === 'JG_USAGE'
    ? new JugwonError('JG_USAGE', { problem })
    : new JugwonError('JG_INVALID_REQUEST', { problem });
}

function checkValue(
  key: FilterKey,
  value: unknown,
  code: 'JG_USAGE' | 'JG_INVALID_REQUEST',
): string | number {
  if (key === 'page') {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0)
      throw usage(code, `filter "page" takes whole page numbers (got ${JSON.stringify(value)})`);
    return n;
  }
  if (typeof value !== 'string' || value === '' || value.length > 1000)
    throw usage(code, `filter "${key}" takes non-empty text values (got ${JSON.stringify(value)})`);
  return value;
}

function checkKey(key: string, code: 'JG_USAGE' | 'JG_INVALID_REQUEST'): FilterKey {
  if (!(KEYS as string[]).includes(key))
    throw usage(code, `unknown filter "${key}" (filters: ${KEYS.join(', ')})`);
  return key as FilterKey;
}

/** `--where key=value` options from the command line (a key given twice: either value). */
export function filterFromOptions(pairs: readonly string[]): SearchFilter | undefined {
  if (pairs.length === 0) return undefined;
  const filter: SearchFilter = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw usage('JG_USAGE', `--where takes key=value (got "${pair}")`);
    const key = checkKey(pair.slice(0, at), 'JG_USAGE');
    filter[key] = [...(filter[key] ?? []), checkValue(key, pair.slice(at + 1), 'JG_USAGE')];
  }
  return filter;
}

/** `{"docId": "a"}` or `{"docId": ["a", "b"], "page": 3}` from a request body. */
export function filterFromJson(value: unknown): SearchFilter | undefined {
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw usage(
      'JG_INVALID_REQUEST',
      `"filter" must be an object such as {"docId": "…"} (filters: ${KEYS.join(', ')})`,
    );
  const filter: SearchFilter = {};
  for (const [k, v] of Object.entries(value)) {
    const key = checkKey(k, 'JG_INVALID_REQUEST');
    const values = Array.isArray(v) ? v : [v];
    if (values.length === 0 || values.length > 100)
      throw usage('JG_INVALID_REQUEST', `filter "${key}" takes 1 to 100 values`);
    filter[key] = values.map((x) => checkValue(key, x, 'JG_INVALID_REQUEST'));
  }
  return Object.keys(filter).length > 0 ? filter : undefined;
}

/** The SQL predicate LanceDB applies; values are quoted, keys come from a fixed list. */
export function filterSql(filter: SearchFilter): string {
  return KEYS.filter((k) => filter[k]?.length)
    .map((k) => {
      const values = filter[k] as (string | number)[];
      return `${FIELDS[k]} IN (${values.map((v) => (typeof v === 'number' ? String(v) : quote(v))).join(', ')})`;
    })
    .join(' AND ');
}

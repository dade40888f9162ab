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

const usage = (problem: string) => new JugwonError('JG_INVALID_REQUEST', { problem });

export function checkValue(key: FilterKey, value: unknown): string | number {
  if (key === 'page') {
    // A JSON number, or digits (the command line's text): `true`, `[2]` or 1e21 are no page.
    const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
      throw usage(`filter "page" takes whole page numbers (got ${JSON.stringify(value)})`);
    return n;
  }
  if (typeof value !== 'string' || value === '' || value.length > 1000)
    throw usage(`filter "${key}" takes non-empty text values (got ${JSON.stringify(value)})`);
  return value;
}

export function checkKey(key: string): FilterKey {
  if (!(KEYS as string[]).includes(key)) throw usage(`unknown filter "${key}" (filters: ${KEYS.join(', ')})`);
  return key as FilterKey;
}

/** `{"docId": "a"}` or `{"docId": ["a", "b"], "page": 3}` from a request body. */
export function filterFromJson(value: unknown): SearchFilter | undefined {
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw usage(`"filter" must be an object such as {"docId": "…"} (filters: ${KEYS.join(', ')})`);
  const filter: SearchFilter = {};
  for (const [k, v] of Object.entries(value)) {
    const key = checkKey(k);
    const values = Array.isArray(v) ? v : [v];
    if (values.length === 0 || values.length > 100) throw usage(`filter "${key}" takes 1 to 100 values`);
    filter[key] = values.map((x) => checkValue(key, x));
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

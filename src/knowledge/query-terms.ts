import { readFileSync, rmSync, statSync } from 'node:fs';
import type { Table } from '@lancedb/lancedb';
import { writeFileAtomic } from '../core/files.js';

/**
 * BM25 is given at most this many of a question's terms: the rarest in the collection. A long
 * question (half of KorQuAD's analyse to more than 20 distinct terms) otherwise walks the posting
 * lists of "년", "것", "대통령"… which are the longest, so the slowest, and tell passages apart
 * least. The re-ranking still counts every term. Measured (docs/benchmarks.md): at a million
 * chunks the BM25 step's p95 ~40 → ~33 ms; on KorQuAD ranking is unchanged or a little better
 * (common words of long questions no longer outvote the rare ones).
 */
export const MAX_QUERY_TERMS = 20;
/** Rows read to count terms: spread over the table, so early and late documents both count. */
const SAMPLE_WINDOWS = 20;
const SAMPLE_ROWS = 500;

/** How many sampled chunks hold each term (terms held by fewer than two are left out: rare). */
export interface TermCounts {
  rows: number;
  counts: Record<string, number>;
}

/**
 * Counts terms over the whole table when it has at most 10,000 chunks, otherwise over 10,000
 * chunks in 20 evenly spaced runs: a term's share is then known to within about a percentage
 * point, which is all the choice of rarest terms needs.
 */
export async function sampleTermCounts(table: Table): Promise<TermCounts> {
  const total = await table.countRows();
  const windows = total <= SAMPLE_WINDOWS * SAMPLE_ROWS ? 1 : SAMPLE_WINDOWS;
  const perWindow = windows === 1 ? total : SAMPLE_ROWS;
  const df = new Map<string, number>();
  let rows = 0;
  for (let w = 0; w < windows && perWindow > 0; w++) {
    const batch = (await table
      .query()
      .select(['terms'])
      .offset(Math.floor((w * total) / windows))
      .limit(perWindow)
      .toArray()) as { terms: string }[];
    for (const r of batch) {
      rows++;
      for (const t of new Set(r.terms.split(' '))) if (t) df.set(t, (df.get(t) ?? 0) + 1);
    }
  }
  // fromEntries defines own properties: a term spelt "__proto__" stays a term.
  return { rows, counts: Object.fromEntries([...df].filter(([, n]) => n >= 2)) };
}

/**
 * The `max` rarest of the query's terms (fewest sampled chunks first; a term never sampled is
 * rarest; ties keep the question's order), in the question's order.
 */
export function rarestTerms(
  terms: readonly string[],
  counts: Readonly<Record<string, number>>,
  max = MAX_QUERY_TERMS,
): string[] {
  if (terms.length <= max) return [...terms];
  const count = (t: string) => (Object.hasOwn(counts, t) ? (counts[t] as number) : 0);
  const keep = new Set(
    terms
      .map((t, i) => ({ t, i }))
      .sort((a, b) => count(a.t) - count(b.t) || a.i - b.i)
      .slice(0, max)
      .map((x) => x.t),
  );
  return terms.filter((t) => keep.has(t));
}

/**
 * Each collection's term counts in a JSON file beside its table, written after each (re)index and
 * read again only when it changed, so a server sees another process's ingest.
 */
export class TermCountFiles {
  private readonly cache = new Map<string, { mtimeMs: number; counts: Record<string, number> | undefined }>();

  constructor(private readonly path: (collection: string) => string) {}

  write(collection: string, counts: TermCounts): void {
    writeFileAtomic(this.path(collection), JSON.stringify(counts));
  }

  remove(collection: string): void {
    rmSync(this.path(collection), { force: true });
    this.cache.delete(collection);
  }

  /**
   * The counts, or undefined when there are none to trust (a collection indexed before counts
   * were kept, or an unreadable file): every term is then searched, slower but complete.
   */
  read(collection: string): Readonly<Record<string, number>> | undefined {
    const file = this.path(collection);
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return undefined;
    }
    const cached = this.cache.get(collection);
    if (cached?.mtimeMs === mtimeMs) return cached.counts;
    let counts: Record<string, number> | undefined;
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<TermCounts>;
      if (parsed.counts && typeof parsed.counts === 'object' && !Array.isArray(parsed.counts))
        counts = parsed.counts;
    } catch {
      counts = undefined;
    }
    this.cache.set(collection, { mtimeMs, counts });
    return counts;
  }
}

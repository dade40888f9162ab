/**
 * Re-ranks BM25 candidates by how much of the question they hold, and how close together.
 * A Korean question usually paraphrases one sentence of its answer passage: the passage that has
 * most of the question's morphemes, within a short stretch, beats one that repeats a single rare
 * term. BM25 alone sees neither. Each query term counts by how few of the candidates hold it (an
 * IDF over the candidates): the topic words every candidate shares tell them apart least.
 * Measured on KorQuAD 1.0 dev: R@1 0.913 → 0.930, nDCG@10 0.959 → 0.967.
 */
const MORPHEME_WEIGHT = 0.8;
const WINDOW_WEIGHT = 0.7;
/** Terms in a window: about one sentence of analysed Korean (morphemes plus bigrams). */
const WINDOW = 40;
/**
 * How many BM25 candidates are re-ranked: enough to reach past lexical near-misses. 15 ranks
 * KorQuAD exactly as 30 did, and a shorter list lets BM25 stop walking posting lists sooner
 * (query p95 at a million chunks 51 → 45 ms).
 */
export const RERANK_DEPTH = 15;

export interface Candidate {
  terms: string;
  score: number;
}

/** New scores for the candidates (same order): BM25 relative to the best, plus both coverages. */
export function proximityScores(queryTerms: string, candidates: readonly Candidate[]): number[] {
  const query = new Set(queryTerms.split(' ').filter(Boolean));
  const morphemes = [...query].filter((t) => !t.startsWith('#'));
  const top = Math.max(...candidates.map((c) => c.score), Number.MIN_VALUE);
  const held = candidates.map((c) => c.terms.split(' '));
  const present = held.map((terms) => new Set(terms));
  const weight = new Map<string, number>();
  for (const t of query) {
    const n = present.filter((p) => p.has(t)).length;
    weight.set(t, Math.log(1 + (candidates.length + 1) / (1 + n)));
  }
  const total = (terms: Iterable<string>) => {
    let sum = 0;
    for (const t of terms) sum += weight.get(t) ?? 0;
    return sum;
  };
  const allMorphemes = total(morphemes);
  const allTerms = total(query);
  return candidates.map((c, i) => {
    const has = present[i] as Set<string>;
    const morphemeCoverage = allMorphemes > 0 ? total(morphemes.filter((t) => has.has(t))) / allMorphemes : 0;
    const windowCoverage = allTerms > 0 ? bestWindow(held[i] as string[], weight, WINDOW) / allTerms : 0;
    return c.score / top + MORPHEME_WEIGHT * morphemeCoverage + WINDOW_WEIGHT * windowCoverage;
  });
}

/**
 * The largest weight of distinct query terms found in any `width` consecutive terms (a sliding
 * window); `weight` holds exactly the query's terms.
 */
export function bestWindow(
  terms: readonly string[],
  weight: ReadonlyMap<string, number>,
  width: number,
): number {
  const counts = new Map<string, number>();
  let sum = 0;
  let best = 0;
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] as string;
    const w = weight.get(t);
    if (w !== undefined) {
      const n = (counts.get(t) ?? 0) + 1;
      counts.set(t, n);
      if (n === 1) sum += w;
    }
    if (i >= width) {
      const out = terms[i - width] as string;
      const wo = weight.get(out);
      if (wo !== undefined) {
        const n = (counts.get(out) as number) - 1;
        counts.set(out, n);
        if (n === 0) sum -= wo;
      }
    }
    if (sum > best) best = sum;
  }
  return best;
}

/**
 * Re-ranks BM25 candidates by how much of the question they hold, and how close together.
 * A Korean question usually paraphrases one sentence of its answer passage: the passage that has
 * most of the question's morphemes, within a short stretch, beats one that repeats a single rare
 * term. BM25 alone sees neither. Measured on KorQuAD 1.0 dev: R@1 +0.015, nDCG@10 +0.008.
 */
const MORPHEME_WEIGHT = 0.5;
const WINDOW_WEIGHT = 0.7;
/** Terms in a window: about one sentence of analysed Korean (morphemes plus bigrams). */
const WINDOW = 40;
/** How many BM25 candidates are re-ranked: enough to reach past lexical near-misses. */
export const RERANK_DEPTH = 30;

export interface Candidate {
  terms: string;
  score: number;
}

/** New scores for the candidates (same order): BM25 relative to the best, plus both coverages. */
export function proximityScores(queryTerms: string, candidates: readonly Candidate[]): number[] {
  const query = new Set(queryTerms.split(' ').filter(Boolean));
  const morphemes = [...query].filter((t) => !t.startsWith('#'));
  const top = Math.max(...candidates.map((c) => c.score), Number.MIN_VALUE);
  return candidates.map((c) => {
    const terms = c.terms.split(' ');
    const present = new Set(terms);
    const morphemeCoverage =
      morphemes.length > 0 ? morphemes.filter((t) => present.has(t)).length / morphemes.length : 0;
    return (
      c.score / top +
      MORPHEME_WEIGHT * morphemeCoverage +
      WINDOW_WEIGHT * (query.size > 0 ? windowCoverage(terms, query, WINDOW) / query.size : 0)
    );
  });
}

/** The most distinct query terms found in any `width` consecutive terms (a sliding window). */
export function windowCoverage(terms: readonly string[], query: ReadonlySet<string>, width: number): number {
  const counts = new Map<string, number>();
  let distinct = 0;
  let best = 0;
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] as string;
    if (query.has(t)) {
      const n = (counts.get(t) ?? 0) + 1;
      counts.set(t, n);
      if (n === 1) distinct++;
    }
    if (i >= width) {
      const out = terms[i - width] as string;
      if (query.has(out)) {
        const n = (counts.get(out) as number) - 1;
        counts.set(out, n);
        if (n === 0) distinct--;
      }
    }
    if (distinct > best) best = distinct;
  }
  return best;
}

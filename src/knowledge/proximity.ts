/**
 * Re-ranks BM25 candidates by how much of the question they hold, and how close together.
 * A Korean question usually paraphrases one sentence of its answer passage: the passage that has
 * most of the question's morphemes, within a short stretch, beats one that repeats a single rare
 * term. BM25 alone sees neither. Each query term counts by how few of the candidates hold it (an
 * IDF over the candidates): the topic words every candidate shares tell them apart least. And the
 * longest stretch of the question found word for word in the passage (spaces and punctuation
 * aside) counts too: people quote the document they have in mind. Last, a question that names a
 * document's title (its terms, or the whole of it) is likely about that document rather than
 * another that happens to share its words.
 * Measured on KorQuAD 1.0 dev (ten hits): R@1 0.913 → 0.938, nDCG@10 0.959 → 0.9705; the
 * weights were kept only where they helped both halves of its articles (docs/benchmarks.md).
 */
const MORPHEME_WEIGHT = 0.6;
const WINDOW_WEIGHT = 1.0;
const VERBATIM_WEIGHT = 1.25;
const TITLE_TERMS_WEIGHT = 0.2;
const WHOLE_TITLE_WEIGHT = 0.2;
/** Terms in a window: about one sentence of analysed Korean (morphemes plus bigrams). */
const WINDOW = 40;
/**
 * How many BM25 candidates are re-ranked (at least; more when more hits are asked for). On
 * KorQuAD (ten hits) 15, 20 and 30 candidates give nDCG@10 0.9705, 0.9705 and 0.9699, and a
 * shorter list lets BM25 stop walking posting lists sooner (query p95 at a million chunks ~51 →
 * ~45 ms from 30 to 15, measured before the query-term cap).
 */
export const RERANK_DEPTH = 15;

export interface Candidate {
  /** The passage's analysed terms, in order. */
  terms: string;
  score: number;
  text: string;
  /** The document's title, and its analysed terms. */
  title: string;
  titleTerms: string;
}

/**
 * New scores for the candidates (same order): BM25 relative to the best, plus the coverages of the
 * question's terms and its longest verbatim stretch.
 */
export function proximityScores(
  question: string,
  queryTerms: string,
  candidates: readonly Candidate[],
): number[] {
  const query = new Set(queryTerms.split(' ').filter(Boolean));
  // A question, not a document pasted in: the comparison costs its length times each passage's.
  const asked = lettersAndDigits(question).slice(0, 500);
  const askedLower = asked.toLowerCase();
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
    // The square root: the first shared syllables tell more than the tenth.
    const verbatim =
      asked.length > 0 ? Math.sqrt(longestCommonRun(asked, lettersAndDigits(c.text)) / asked.length) : 0;
    return (
      c.score / top +
      MORPHEME_WEIGHT * morphemeCoverage +
      WINDOW_WEIGHT * windowCoverage +
      VERBATIM_WEIGHT * verbatim +
      TITLE_TERMS_WEIGHT * titleCoverage(c.titleTerms, query) +
      WHOLE_TITLE_WEIGHT * (namesWholeTitle(askedLower, c.title) ? 1 : 0)
    );
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

/** The share of a title's distinct terms that the question has. */
function titleCoverage(titleTerms: string, query: ReadonlySet<string>): number {
  const terms = new Set(titleTerms.split(' ').filter(Boolean));
  if (terms.size === 0) return 0;
  let named = 0;
  for (const t of terms) if (query.has(t)) named++;
  return named / terms.size;
}

/**
 * Whether the question (its letters and digits, lowercased) holds the whole title (letters and
 * digits compared, case aside).
 */
function namesWholeTitle(askedLower: string, title: string): boolean {
  const t = lettersAndDigits(title).toLowerCase();
  return t.length > 0 && askedLower.includes(t);
}

const lettersAndDigits = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, '');

/**
 * The length of the longest string found in both `a` (a question) and `b` (a passage). The
 * textbook table has |a| × |b| cells, but only cells where the characters match can hold a run, so
 * this walks `b` once and touches, for each of its characters, only the positions of that
 * character in `a`: a question's few dozen syllables rarely repeat.
 */
export function longestCommonRun(a: string, b: string): number {
  const where = new Map<number, number[]>();
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    const list = where.get(c);
    if (list) list.push(i);
    else where.set(c, [i]);
  }
  // prev[i + 1]: the run ending at a[i] and the previous character of b.
  let prev = new Uint32Array(a.length + 1);
  let cur = new Uint32Array(a.length + 1);
  let prevTouched: number[] = [];
  let curTouched: number[] = [];
  let best = 0;
  for (let j = 0; j < b.length; j++) {
    for (const i of where.get(b.charCodeAt(j)) ?? []) {
      const run = (prev[i] as number) + 1;
      cur[i + 1] = run;
      curTouched.push(i + 1);
      if (run > best) best = run;
    }
    for (const i of prevTouched) prev[i] = 0;
    [prev, cur] = [cur, prev];
    [prevTouched, curTouched] = [curTouched, prevTouched];
    curTouched.length = 0;
  }
  return best;
}

import { createRequire } from 'node:module';

/**
 * The Korean analyzer, the same at index and query time: mecab-ko-dic morphemes (Lindera) with a
 * part-of-speech filter in the spirit of Elasticsearch's Nori (particles, endings, affixes and
 * symbols dropped), plus character bigrams of each 어절, which catch what the dictionary splits
 * differently. Measured on KorQuAD: morphemes + bigrams beat either alone.
 *
 * Analysis is per 어절 and cached: Korean text repeats its 어절 so much that most lookups hit.
 */
const KEEP = new Set(['NNG', 'NNP', 'NR', 'SL', 'SH', 'SN', 'VV', 'VA', 'XR', 'NNB']);
const HANGUL = /[\uAC00-\uD7A3]/;
// Script runs: Hangul, Latin, digits and other letters are analysed apart ("KB국민은행", "2024년").
const WORD = /[\uAC00-\uD7A3]+|[A-Za-z]+|[0-9]+|[\p{L}\p{N}]+/gu;
const CACHE_LIMIT = 500_000;

export interface LinderaToken {
  surface: string;
  partOfSpeechTag: string;
  expression: string;
  type: string;
  /** mecab-ko-dic's meaning class of a proper noun: 인명 (a person), 지명 (a place), or "*". */
  meaning: string;
}
interface LinderaTokenizer {
  tokenize(text: string): LinderaToken[];
}

let tokenizer: LinderaTokenizer | undefined;
function lindera(): LinderaTokenizer {
  if (!tokenizer) {
    const { TokenizerBuilder } = createRequire(import.meta.url)('lindera-wasm-nodejs-cjk') as {
      TokenizerBuilder: new () => {
        setDictionary(u: string): void;
        setMode(m: string): void;
        build(): LinderaTokenizer;
      };
    };
    const b = new TokenizerBuilder();
    b.setDictionary('embedded://ko-dic');
    b.setMode('normal');
    tokenizer = b.build();
  }
  return tokenizer;
}

const cache = new Map<string, string[]>();

/** Terms of one Hangul 어절 from its morphemes, plus the 어절's bigrams. */
function hangulTerms(word: string, tokens: readonly LinderaToken[]): string[] {
  const terms: string[] = [];
  for (const t of tokens) {
    const tag = t.partOfSpeechTag.split('+')[0] ?? '';
    if (!KEEP.has(tag)) continue;
    // One-syllable verb and adjective stems (하, 되, 있, 없…) carry no topic.
    if ((tag === 'VV' || tag === 'VA') && t.surface.length === 1) continue;
    terms.push(t.surface.toLowerCase());
    // Compound nouns (한국은행 = 한국+은행): the parts as well as the whole.
    if (t.type === 'Compound' && t.expression !== '*') {
      for (const part of t.expression.split('+')) {
        const [surface, pos] = part.split('/');
        if (surface && pos && KEEP.has(pos) && surface !== t.surface) terms.push(surface.toLowerCase());
      }
    }
  }
  // Bigrams of the 어절 without its trailing particles and endings ("금리는" → 금리): the
  // particle's syllables make bigrams that match everything ("#리는").
  let keep = tokens.length;
  while (keep > 0 && /^[JE]/.test(tokens[keep - 1]?.partOfSpeechTag ?? '')) keep--;
  const stem =
    keep > 0 && keep < tokens.length
      ? tokens
          .slice(0, keep)
          .map((t) => t.surface)
          .join('')
      : word;
  const syllables = [...stem];
  if (syllables.length === 1) terms.push(`#${stem}`);
  for (let i = 0; i + 1 < syllables.length; i++) terms.push(`#${syllables[i]}${syllables[i + 1]}`);
  return terms;
}

/**
 * Analyses the 어절 not yet in the cache with one call into the analyzer: crossing into
 * WebAssembly once per text instead of once per word is most of the ingest speed.
 */
function fillCache(words: readonly string[]): void {
  const missing = [...new Set(words.filter((w) => !cache.has(w) && HANGUL.test(w)))];
  if (missing.length === 0) return;
  if (cache.size + missing.length > CACHE_LIMIT) cache.clear();
  // mecab never joins across a space, so every token falls inside one 어절 (by byte offsets).
  const starts: number[] = [];
  let offset = 0;
  for (const w of missing) {
    starts.push(offset);
    offset += Buffer.byteLength(w) + 1;
  }
  const byWord: LinderaToken[][] = missing.map(() => []);
  let w = 0;
  for (const t of lindera().tokenize(missing.join(' ')) as (LinderaToken & { byteStart: number })[]) {
    while (w + 1 < starts.length && t.byteStart >= (starts[w + 1] as number)) w++;
    byWord[w]?.push(t);
  }
  for (const [i, word] of missing.entries()) cache.set(word, hangulTerms(word, byWord[i] ?? []));
}

/** mecab-ko-dic's tokens of `text`, as the analyser reads them (the dictionary loads on first use). */
export function morphemes(text: string): LinderaToken[] {
  return lindera().tokenize(text);
}

/** Terms of `text`, space-separated: the form the full-text index (whitespace tokenizer) reads. */
/**
 * Loads the analyser's dictionary now (~0.5 s, synchronous): a server does it while starting, so
 * no request waits for it and no upload holds the event loop while it loads.
 */
export function loadAnalyzer(): void {
  lindera();
}

export function analyze(text: string): string {
  // A query typed on a Mac arrives decomposed (NFD): its words are read as the index's are.
  const words = Array.from(text.normalize('NFC').matchAll(WORD), (m) => m[0]);
  fillCache(words);
  const out: string[] = [];
  for (const word of words) {
    const terms = cache.get(word) ?? [word.toLowerCase()];
    for (const t of terms) out.push(t);
  }
  return out.join(' ');
}

/** Whitespace-and-punctuation tokens, lowercased: the baseline the benchmark compares with. */
export function whitespaceTerms(text: string): string {
  return Array.from(text.matchAll(WORD), (m) => m[0].toLowerCase()).join(' ');
}

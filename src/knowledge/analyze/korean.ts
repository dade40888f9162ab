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

interface LinderaToken {
  surface: string;
  partOfSpeechTag: string;
  expression: string;
  type: string;
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

function analyzeWord(word: string): string[] {
  const hit = cache.get(word);
  if (hit) return hit;
  const terms: string[] = [];
  if (HANGUL.test(word)) {
    for (const t of lindera().tokenize(word)) {
      const tag = t.partOfSpeechTag.split('+')[0] ?? '';
      if (!KEEP.has(tag)) continue;
      terms.push(t.surface.toLowerCase());
      // Compound nouns (한국은행 = 한국+은행): the parts as well as the whole.
      if (t.type === 'Compound' && t.expression !== '*') {
        for (const part of t.expression.split('+')) {
          const [surface, pos] = part.split('/');
          if (surface && pos && KEEP.has(pos) && surface !== t.surface) terms.push(surface.toLowerCase());
        }
      }
    }
    const syllables = [...word];
    if (syllables.length === 1) terms.push(`#${word}`);
    for (let i = 0; i + 1 < syllables.length; i++) terms.push(`#${syllables[i]}${syllables[i + 1]}`);
  } else {
    terms.push(word.toLowerCase());
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, terms);
  return terms;
}

/** Terms of `text`, space-separated: the form the full-text index (whitespace tokenizer) reads. */
export function analyze(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) for (const t of analyzeWord(m[0])) out.push(t);
  return out.join(' ');
}

/** Whitespace-and-punctuation tokens, lowercased: the baseline the benchmark compares with. */
export function whitespaceTerms(text: string): string {
  return Array.from(text.matchAll(WORD), (m) => m[0].toLowerCase()).join(' ');
}

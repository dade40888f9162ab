import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { morphemes } from '../../../knowledge/analyze/korean.js';
import { KNOWN_NAMES } from './known-names.js';
import { COMPOUND_SURNAMES, SURNAMES } from './person-lexicon.js';
import { GroupedSyllableWords } from './syllable-set.js';

const lines = KNOWN_NAMES.split('\n').filter((l) => l !== '');
const names = lines.flatMap((l) => [...l.slice(2)].map((c) => l.slice(0, 2) + c));

describe('the names the dictionary lists as people’s', () => {
  it('are written as the header says: sorted lines of two syllables and every third', () => {
    const header = readFileSync(new URL('./known-names.ts', import.meta.url), 'utf8').slice(0, 300);
    expect(names.length).toBe(Number(/([\d,]+) names/.exec(header)?.[1]?.replaceAll(',', '')));
    expect(names.length).toBeGreaterThan(80_000);
    for (const n of names) expect(n).toMatch(/^[가-힣]{3}$/);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(lines.map((l) => l.slice(0, 2))).size).toBe(lines.length);
    expect(new GroupedSyllableWords(KNOWN_NAMES).size).toBe(names.length);
  });

  it('are what mecab-ko-dic reads as one person’s name (every 250th, checked again)', () => {
    const sample = names.filter((_, i) => i % 250 === 0);
    const read = (w: string) => morphemes(w).map((t) => `${t.surface}/${t.partOfSpeechTag}/${t.meaning}`);
    for (const n of sample) expect(read(n), n).toEqual([`${n}/NNP/인명`]);
    // And what is not in the list is not one: a common noun of the same shape.
    expect(names).not.toContain('주유소');
    expect(read('주유소')).toEqual(['주유소/NNG/장소']);
  });

  it('start with a surname or a compound surname', () => {
    for (const n of names) {
      if (!SURNAMES.has(n.charAt(0))) expect(COMPOUND_SURNAMES).toContain(n.slice(0, 2));
    }
  });
});

describe('GroupedSyllableWords', () => {
  const set = new GroupedSyllableWords('홍길동순\n김민준\n힣힣힣\n');

  it('finds its words inside a longer text, without slicing', () => {
    const text = 'x홍길동 김민준 홍길순이 힣힣힣';
    expect(set.has(text, 1, 4)).toBe(true);
    expect(set.has(text, 5, 8)).toBe(true);
    expect(set.has(text, 9, 12)).toBe(true);
    expect(set.has(text, 14, 17)).toBe(true);
    expect(set.size).toBe(4);
  });

  it('answers no for other words, parts, empty, longer or non-Hangul ranges', () => {
    const text = '홍길수 홍길 김민준이 xyz 김민a';
    expect(set.has(text, 0, 3)).toBe(false);
    expect(set.has(text, 4, 6)).toBe(false);
    expect(set.has(text, 7, 11)).toBe(false);
    expect(set.has(text, 12, 15)).toBe(false);
    expect(set.has(text, 16, 19)).toBe(false);
    expect(set.has(text, 3, 3)).toBe(false);
    // A third syllable that is a line's prefix, not one of its thirds.
    expect(set.has('홍길홍', 0, 3)).toBe(false);
  });

  it('refuses lines it cannot hold', () => {
    expect(() => new GroupedSyllableWords('홍길')).toThrow(/two Hangul syllables/);
    expect(() => new GroupedSyllableWords('홍길a')).toThrow(/two Hangul syllables/);
    expect(() => new GroupedSyllableWords('ab동')).toThrow(/two Hangul syllables/);
    expect(() => new GroupedSyllableWords('홍길동\n홍길순')).toThrow(/once each/);
  });
});

import { describe, expect, it } from 'vitest';
import { bestWindow, proximityScores } from './proximity.js';

describe('proximity re-ranking', () => {
  it('finds the window holding the most weight of distinct query terms', () => {
    const terms = 'a x x b x x x c a b'.split(' ');
    const ones = new Map([
      ['a', 1],
      ['b', 1],
      ['c', 1],
    ]);
    expect(bestWindow(terms, ones, 3)).toBe(3); // "c a b" at the end
    expect(bestWindow(terms, ones, 2)).toBe(2);
    expect(bestWindow(terms, new Map([['z', 1]]), 5)).toBe(0);
    // Weighted: "x x b x" holds b (5) alone, which outweighs "c a" (1 + 1) in a window of 2.
    const heavyB = new Map([
      ['a', 1],
      ['b', 5],
      ['c', 1],
    ]);
    expect(bestWindow(terms, heavyB, 2)).toBe(6); // "a b" at the end
    expect(bestWindow('a x b'.split(' '), heavyB, 2)).toBe(5);
  });

  it('lifts a passage holding the whole question close together above a higher BM25 score', () => {
    const filler = Array.from({ length: 60 }, (_, i) => `f${i}`).join(' ');
    const scattered = { terms: `대출 ${filler} ${filler} 대출 대출 금리 ${filler} 기준`, score: 10 };
    const together = { terms: `${filler} 대출 금리 기준 #대출 #금리 ${filler}`, score: 8 };
    const [s1, s2] = proximityScores('대출 금리 기준 #대출 #금리', [scattered, together]);
    expect(s2 as number).toBeGreaterThan(s1 as number);
    // With no query terms the BM25 order stands.
    const [t1, t2] = proximityScores('', [scattered, together]);
    expect(t1 as number).toBeGreaterThan(t2 as number);
  });

  it('counts a query term by how few candidates hold it', () => {
    // Every candidate is about 은행; 이자 is in two of them, 연체 in one: holding 연체 tells more.
    const withInterest = { terms: '은행 이자', score: 5 };
    const withArrears = { terms: '은행 연체', score: 5 };
    const other = { terms: '은행 이자 수수료', score: 1 };
    const [interest, arrears] = proximityScores('은행 연체 이자', [withInterest, withArrears, other]);
    expect(arrears as number).toBeGreaterThan(interest as number);
  });
});

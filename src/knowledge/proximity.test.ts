import { describe, expect, it } from 'vitest';
import { proximityScores, windowCoverage } from './proximity.js';

describe('proximity re-ranking', () => {
  it('counts the most distinct query terms inside any window', () => {
    const terms = 'a x x b x x x c a b'.split(' ');
    const q = new Set(['a', 'b', 'c']);
    expect(windowCoverage(terms, q, 3)).toBe(3); // "c a b" at the end
    expect(windowCoverage(terms, q, 2)).toBe(2);
    expect(windowCoverage(terms, new Set(['z']), 5)).toBe(0);
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
});

import { describe, expect, it } from 'vitest';
import { bestWindow, type Candidate, longestCommonRun, proximityScores } from './proximity.js';

/** A candidate with no title unless one is given. */
const candidate = (c: Partial<Candidate> & Pick<Candidate, 'terms' | 'score'>): Candidate => ({
  text: '',
  title: '',
  titleTerms: '',
  ...c,
});

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
    const scattered = candidate({
      terms: `대출 ${filler} ${filler} 대출 대출 금리 ${filler} 기준`,
      score: 10,
      text: '',
    });
    const together = candidate({
      terms: `${filler} 대출 금리 기준 #대출 #금리 ${filler}`,
      score: 8,
      text: '',
    });
    const [s1, s2] = proximityScores('', '대출 금리 기준 #대출 #금리', [scattered, together]);
    expect(s2 as number).toBeGreaterThan(s1 as number);
    // With no query terms the BM25 order stands.
    const [t1, t2] = proximityScores('', '', [scattered, together]);
    expect(t1 as number).toBeGreaterThan(t2 as number);
  });

  it('counts a query term by how few candidates hold it', () => {
    // Every candidate is about 은행; 이자 is in two of them, 연체 in one: holding 연체 tells more.
    const withInterest = candidate({ terms: '은행 이자', score: 5, text: '' });
    const withArrears = candidate({ terms: '은행 연체', score: 5, text: '' });
    const other = candidate({ terms: '은행 이자 수수료', score: 1, text: '' });
    const [interest, arrears] = proximityScores('', '은행 연체 이자', [withInterest, withArrears, other]);
    expect(arrears as number).toBeGreaterThan(interest as number);
  });

  it('lifts the passage that holds a longer stretch of the question word for word', () => {
    expect(longestCommonRun('연체이자는얼마', '연체 이자는 약정 금리에'.replace(/ /g, ''))).toBe(5);
    expect(longestCommonRun('abc', 'xyz')).toBe(0);
    expect(longestCommonRun('', 'xyz')).toBe(0);
    // Against the textbook table on random strings over a small alphabet (many repeats).
    const table = (a: string, b: string) => {
      let best = 0;
      const m = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++) {
          if (a[i - 1] !== b[j - 1]) continue;
          const run = ((m[i - 1] as number[])[j - 1] as number) + 1;
          (m[i] as number[])[j] = run;
          best = Math.max(best, run);
        }
      return best;
    };
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const word = (n: number) =>
      Array.from({ length: n }, () => '가나다라'[Math.floor(random() * 4)]).join('');
    for (let k = 0; k < 300; k++) {
      const a = word(Math.floor(random() * 12));
      const b = word(Math.floor(random() * 40));
      expect(longestCommonRun(a, b), `${a} / ${b}`).toBe(table(a, b));
    }
    const terms = '연체 이자 #연체 #이자';
    const paraphrase = candidate({ terms, score: 5, text: '이자가 연체되면 가산 금리를 더한다.' });
    const quoted = candidate({ terms, score: 5, text: '연체 이자는 약정 금리에 3%를 더한다.' });
    // Spaces and punctuation aside: "연체 이자는" matches "연체이자는?".
    const [p, q] = proximityScores('연체이자는?', terms, [paraphrase, quoted]);
    expect(q as number).toBeGreaterThan(p as number);
  });

  it('lifts the document whose title the question names', () => {
    // Two articles hold the same sentence; the question names part of one article's title.
    const terms = '2010 침몰 #침몰';
    const text = '2010년 3월 26일 초계함이 침몰하였다.';
    const cheonan = candidate({
      terms,
      score: 5,
      text,
      title: '천안함 피격 사건',
      titleTerms: '천안함 피격 사건 #천안 #피격',
    });
    const navy = candidate({
      terms,
      score: 5,
      text,
      title: '대한민국 해군',
      titleTerms: '대한민국 해군 #대한 #해군',
    });
    const query = '천안함 피격 사건 2010 침몰 #천안 #피격 #침몰';
    const [c1, n1] = proximityScores('천안함이 2010년 언제 침몰했나?', '천안함 2010 침몰 #천안 #침몰', [
      cheonan,
      navy,
    ]);
    expect(c1 as number).toBeGreaterThan(n1 as number);
    // The whole title, spacing and case aside, counts beyond its terms.
    const g20 = candidate({ terms, score: 5, text, title: 'G20 정상회의', titleTerms: '' });
    const summit = candidate({ terms, score: 5, text, title: '정상 회의록', titleTerms: '' });
    const [g, s2] = proximityScores('g20정상회의는 어디서 열렸나?', query, [g20, summit]);
    expect(g as number).toBeGreaterThan(s2 as number);
    // No title, no change.
    const [a, b] = proximityScores('질문', query, [
      candidate({ terms, score: 5 }),
      candidate({ terms, score: 5 }),
    ]);
    expect(a).toBe(b);
  });
});

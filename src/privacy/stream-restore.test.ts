import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectLinear } from '../../test/support/growth.js';
import { mask, restore } from './mask.js';
import { createStreamRestorer } from './stream-restore.js';
import { PseudonymVault } from './vault.js';

function streamed(vault: PseudonymVault, chunks: readonly string[]): { out: string; emitted: string[] } {
  const r = createStreamRestorer(vault);
  const emitted = chunks.map((c) => r.push(c));
  emitted.push(r.flush());
  return { out: emitted.join(''), emitted };
}

/** Splits `text` at the given cut points (any UTF-16 offsets, even inside a surrogate pair). */
function split(text: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const c of at) {
    out.push(text.slice(last, c));
    last = c;
  }
  out.push(text.slice(last));
  return out;
}

const SOURCE =
  '고객 김민준님 900101-1234568, 010-1234-5678, 이서연 고객님 minjun@example.com 국민은행 123456-12-123456';

describe('createStreamRestorer', () => {
  it('restores a tag split across many deltas', () => {
    const { vault } = mask('전화 010-1234-5678');
    const { out, emitted } = streamed(vault, ['번호는 〔PH', 'ON', 'E_', '1', '〕 입니다']);
    expect(out).toBe('번호는 010-1234-5678 입니다');
    expect(emitted[0]).toBe('번호는 '); // text before a possible tag goes out at once
  });

  it('restores a tag written back in other brackets, split across deltas', () => {
    const { vault } = mask('전화 010-1234-5678');
    const { out, emitted } = streamed(vault, ['번호는 [PH', 'ONE_1', '] 또는 【PHONE_', '1】', ' [참고]']);
    expect(out).toBe('번호는 010-1234-5678 또는 010-1234-5678 [참고]');
    expect(emitted[0]).toBe('번호는 ');
  });

  it('waits for the digits of a tag that may still grow, in any brackets', () => {
    const phones = Array.from({ length: 12 }, (_, i) => `010-1234-${String(1000 + i)}`);
    const { vault } = mask(phones.join(', '));
    const { out } = streamed(vault, ['[PHONE_1', '2] 와 【PHONE_', '1】 그리고 「PHONE_1', '3」']);
    expect(out).toBe(`${phones[11]} 와 ${phones[0]} 그리고 「PHONE_13」`);
  });

  it('restores a tag written back without brackets once no digit or letter can follow it', () => {
    const phones = Array.from({ length: 12 }, (_, i) => `010-1234-${String(1000 + i)}`);
    const { vault } = mask(phones.join(', '));
    const r = createStreamRestorer(vault);
    expect(r.push('번호는 PHONE_1')).toBe('번호는 '); // PHONE_12 may follow
    expect(r.push('2로')).toBe(`${phones[11]}로`);
    expect(r.push(' 또는 xPHO')).toBe(' 또는 xPHO'); // inside a word: no tag
    expect(r.push('NE_1 그리고 PHONE_')).toBe('NE_1 그리고 ');
    expect(r.push('1')).toBe('');
    expect(r.flush()).toBe(phones[0]);
  });

  // What a stream holds back is looked for in a bounded tail: an answer that is one endless word,
  // endless tags half written or brackets never closed, sent a character at a time, stays linear.
  it.each([
    ['one endless word', '', 'PHONEPERSON'],
    ['tag prefixes glued together', '', 'PHONE_'],
    ['brackets that never close', '', '[PERSON_'],
    ['bare tags one digit too long', '', 'PHONE_12345 '],
    ['a tag whose number never ends', '[PHONE_', '1'],
    ['a bare tag whose number never ends', 'PHONE_', '1'],
  ])('holds back in linear time: %s', async (_name, head, unit) => {
    const { vault } = mask(SOURCE);
    await expectLinear(
      (n) => {
        const text = head + unit.repeat(Math.ceil((4_000 * n) / unit.length));
        const r = createStreamRestorer(vault);
        const t0 = performance.now();
        let out = '';
        for (const ch of text) out += r.push(ch);
        out += r.flush();
        const ms = performance.now() - t0;
        expect(out).toBe(restore(text, vault));
        return ms;
      },
      1,
      8,
      12,
    );
  });

  // Surrogate numbers are restored however punctuated: an answer of endless digits, spaced digits
  // or number prefixes, in a vault of many surrogates, stays linear too — whole and streamed.
  it.each([
    ['endless digits', '0'],
    ['spaced digits', '1 '],
    ['a surrogate prefix again and again', '010-12'],
    ['dashes and dots between digits', '1-2.'],
  ])('restores surrogate numbers in linear time: %s', async (_name, unit) => {
    const phones = Array.from({ length: 300 }, (_, i) => `010-${1000 + i}-${5000 + i}`);
    const { vault } = mask(phones.map((p) => `연락처 ${p}`).join(', '), { mode: 'surrogate', seed: 5 });
    await expectLinear(
      (n) => {
        const text = unit.repeat(Math.ceil((4_000 * n) / unit.length));
        const r = createStreamRestorer(vault);
        const t0 = performance.now();
        let out = '';
        for (let i = 0; i < text.length; i += 3) out += r.push(text.slice(i, i + 3));
        out += r.flush();
        const whole = restore(text, vault);
        const ms = performance.now() - t0;
        expect(out).toBe(whole);
        return ms;
      },
      1,
      8,
      12,
    );
  });

  it('restores a surrogate number written back with other separators, split across deltas', () => {
    const { vault } = mask('전화 010-1234-5678', { mode: 'surrogate', seed: 2 });
    const [surrogate] = vault.entries()[0] as [string, string];
    const spaced = surrogate.replace(/-/g, ' ');
    const r = createStreamRestorer(vault);
    expect(r.push(`번호는 ${spaced.slice(0, 5)}`)).toBe('번호는 ');
    expect(r.push(spaced.slice(5))).toBe(''); // a digit may still follow
    expect(r.push('로 연락')).toBe('010-1234-5678로 연락');
    // A longer number is not it, and goes out as soon as it is longer.
    expect(r.push(` 또는 ${surrogate.replace(/-/g, '')}5`)).toBe(` 또는 ${surrogate.replace(/-/g, '')}5`);
    expect(r.push(` 끝 ${surrogate.replace(/-/g, '.')}`)).toBe(' 끝 ');
    expect(r.flush()).toBe('010-1234-5678');
  });

  it('emits text as soon as it cannot become a stand-in', () => {
    const { vault } = mask('전화 010-1234-5678');
    const r = createStreamRestorer(vault);
    expect(r.push('안녕하세요')).toBe('안녕하세요');
    expect(r.push(' 〔')).toBe(' ');
    expect(r.push('참고〕')).toBe('〔참고〕');
  });

  it('holds back no more than the longest stand-in', () => {
    const { vault } = mask(SOURCE);
    const longest = Math.max(...vault.entries().map(([p]) => p.length));
    const r = createStreamRestorer(vault);
    let held = 0;
    for (const ch of '답변: 〔PERSON_1〕님 〔PHONE_1〕 그리고 〔KR_R') {
      const out = r.push(ch);
      held = held + ch.length - out.length;
      expect(held).toBeLessThan(longest + 1);
    }
  });

  it('passes text through unchanged when nothing was masked', () => {
    const vault = new PseudonymVault();
    expect(streamed(vault, ['a', '〔b', '〕']).out).toBe('a〔b〕');
  });

  for (const mode of ['tag', 'surrogate'] as const) {
    it(`streamed restore equals whole restore for random texts and splits (${mode})`, () => {
      const { vault } = mask(SOURCE, { mode, seed: 3 });
      // Tags also as a model may write them back, in other brackets; surrogate numbers with other
      // separators or none.
      const standIns = vault
        .entries()
        .flatMap(([p]) =>
          p.startsWith('〔')
            ? [p, `[${p.slice(1, -1)}]`, `【${p.slice(1, -1)}】`, p.slice(1, -1)]
            : /^[\d-]+$/.test(p)
              ? [p, p.replace(/-/g, ' '), p.replace(/-/g, ''), p.replace(/-/g, '.'), p.replace(/-/g, ' - ')]
              : [p],
        );
      const fragment = fc.oneof(
        fc.constantFrom(...standIns),
        // Prefixes and suffixes of stand-ins: the cases that must be held back and then let go.
        fc.constantFrom(...standIns).chain((p) => fc.nat(p.length).map((n) => p.slice(0, n))),
        fc.constantFrom(...standIns).chain((p) => fc.nat(p.length).map((n) => p.slice(n))),
        fc.constantFrom(
          '〔',
          '〕',
          '[',
          ']',
          '【',
          '】',
          'PHONE_',
          'PERSON',
          '_',
          '1',
          '12',
          ' ',
          '님',
          '010-',
          '-',
          '.',
          '7',
          '😀',
        ),
        fc.string({ maxLength: 5 }),
      );
      fc.assert(
        fc.property(
          fc.array(fragment, { maxLength: 25 }),
          fc.array(fc.nat(), { maxLength: 20 }),
          (parts, cuts) => {
            const text = parts.join('');
            expect(streamed(vault, split(text, cuts)).out).toBe(restore(text, vault));
          },
        ),
        { numRuns: 1000 },
      );
    });
  }

  it('does not restore a stand-in inside a longer one that may still complete (leftmost wins)', () => {
    // Surrogates can contain one another ("010-5555-1234" holds "5555"); restore() takes the
    // leftmost match, so a stream must wait while the longer one may still arrive.
    const vault = PseudonymVault.fromEntries([
      ['XYZW', 'long', 'A'],
      ['YZ', 'short', 'B'],
    ]);
    const texts = ['XYZW', 'XYZ!', 'aXYZWb', 'YZXYZW'];
    for (const text of texts) {
      for (let i = 0; i <= text.length; i++) {
        expect(streamed(vault, [text.slice(0, i), text.slice(i)]).out).toBe(restore(text, vault));
      }
    }
    expect(restore('XYZW XYZ!', vault)).toBe('long Xshort!');
  });

  it('refuses saved stand-ins that prefix one another', () => {
    expect(() =>
      PseudonymVault.fromEntries([
        ['AB', 'x', 'T'],
        ['ABC', 'y', 'T'],
      ]),
    ).toThrow(/prefix/);
  });
});

import { describe, expect, it } from 'vitest';
import { distinctPhones, expectLinear } from '../../test/support/growth.js';
import { brnChecksum, luhn, rrnChecksum } from './checksums/index.js';
import { detect } from './engine.js';
import { mask, restore } from './mask.js';
import { isRealBirthDate } from './recognizers/kr/birth-date.js';
import { PseudonymVault } from './vault.js';

const TEXT =
  '고객 김민준님(900101-1234568)께서 010-1234-5678로 연락 주셨습니다. 김민준님의 카드 4111-1111-1111-1111, ' +
  '사업자 220-81-62517, 메일 minjun@example.co.kr';

describe('mask (tags)', () => {
  it('replaces every entity with a numbered tag per type', () => {
    const { text } = mask(TEXT);
    expect(text).toBe(
      '고객 〔PERSON_1〕님(〔KR_RRN_1〕)께서 〔PHONE_1〕로 연락 주셨습니다. 〔PERSON_1〕님의 카드 〔CREDIT_CARD_1〕, ' +
        '사업자 〔KR_BRN_1〕, 메일 〔EMAIL_1〕',
    );
  });

  it('gives the same value the same tag across messages sharing a vault', () => {
    const vault = new PseudonymVault();
    const a = mask('연락처 010-1234-5678', { vault });
    const b = mask('다시 010-1234-5678 그리고 010-9999-8888', { vault });
    expect(a.text).toBe('연락처 〔PHONE_1〕');
    expect(b.text).toBe('다시 〔PHONE_1〕 그리고 〔PHONE_2〕');
  });

  it('leaves no digit of a detected identifier behind', () => {
    const { text, entities } = mask(TEXT);
    for (const e of entities) expect(text).not.toContain(e.text);
  });

  it('restores the original text exactly', () => {
    const { text, vault } = mask(TEXT);
    expect(restore(text, vault)).toBe(TEXT);
  });

  it('restores values inside a rewritten answer', () => {
    const { vault } = mask(TEXT);
    expect(restore('〔PERSON_1〕 고객님, 번호 〔PHONE_1〕 확인했습니다. 〔UNKNOWN_9〕', vault)).toBe(
      '김민준 고객님, 번호 010-1234-5678 확인했습니다. 〔UNKNOWN_9〕',
    );
  });

  it('restores a tag the model wrote back in other brackets', () => {
    // Models given 〔PHONE_1〕 sometimes answer with the brackets they know.
    const { vault } = mask(TEXT);
    expect(
      restore(
        '[PERSON_1] 고객님, 【PHONE_1】 ［PERSON_1］ 「PHONE_1」 『PERSON_1』 〖PHONE_1〗 〘PERSON_1〙',
        vault,
      ),
    ).toBe('김민준 고객님, 010-1234-5678 김민준 010-1234-5678 김민준 010-1234-5678 김민준');
    // Only whole tags in a matching pair: not a half-bracketed or unknown one.
    expect(restore('[PERSON_1〕 [PERSON_9] 〔PERSON_9〕', vault)).toBe('[PERSON_1〕 [PERSON_9] 〔PERSON_9〕');
  });

  it('restores a tag the model wrote back without brackets, as a word of its own', () => {
    const { vault } = mask(TEXT);
    expect(restore('PERSON_1님, PHONE_1로 연락드리겠습니다 (PERSON_1).', vault)).toBe(
      '김민준님, 010-1234-5678로 연락드리겠습니다 (김민준).',
    );
    // Inside a longer word or number it is no tag: left as written.
    for (const kept of ['MY_PERSON_1', 'PERSON_12', 'PERSON_1a', 'xPERSON_1', 'PERSON_9', 'PERSON_'])
      expect(restore(kept, vault)).toBe(kept);
  });

  it('skips a tag the text already holds in any brackets or none, so literal text is never restored', () => {
    const text0 = '예시 [PHONE_1] 【PERSON_1】 「PHONE_2」 PHONE_3 PERSON_2님, 실제 김민준님 010-1234-5678';
    const { text, vault } = mask(text0);
    expect(text).toBe(
      '예시 [PHONE_1] 【PERSON_1】 「PHONE_2」 PHONE_3 PERSON_2님, 실제 〔PERSON_3〕님 〔PHONE_4〕',
    );
    expect(restore(text, vault)).toBe(text0);
  });

  it('masks with entities the caller already has', () => {
    const entities = detect('전화 010-1234-5678');
    expect(mask('전화 010-1234-5678', { entities }).text).toBe('전화 〔PHONE_1〕');
  });
});

describe('mask (surrogates)', () => {
  const masked = mask(TEXT, { mode: 'surrogate', seed: 7 });
  const surrogateOf = (type: string) => {
    const e = masked.entities.find((x) => x.type === type);
    const p = e && masked.vault.entries().find(([, original]) => original === e.text)?.[0];
    if (!p) throw new Error(`no surrogate for ${type}`);
    return p;
  };

  it('replaces values with different, format-valid values', () => {
    const rrn = surrogateOf('KR_RRN');
    expect(rrn).toMatch(/^\d{6}-[12]\d{6}$/);
    expect(rrn).not.toBe('900101-1234568');
    expect(rrnChecksum(rrn)).toBe(true);
    expect(isRealBirthDate(rrn.slice(0, 6), rrn.charAt(7))).toBe(true);
    expect(luhn(surrogateOf('CREDIT_CARD'))).toBe(true);
    expect(surrogateOf('CREDIT_CARD')).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    expect(brnChecksum(surrogateOf('KR_BRN'))).toBe(true);
    expect(surrogateOf('PHONE')).toMatch(/^010-\d{4}-\d{4}$/);
    expect(surrogateOf('EMAIL')).toMatch(/@example\.com$/);
    expect(surrogateOf('PERSON')).toMatch(/^[가-힣]{3}$/);
  });

  it("gives an account's handle, @handle or profile address one of the same shape, detected again", () => {
    const text = '카톡 아이디 minjun_88, 인스타 @minjun.k, GitHub: https://github.com/minjunk';
    const m = mask(text, { mode: 'surrogate', seed: 3 });
    const fakes = m.vault.entries().map(([fake]) => fake);
    expect(fakes).toHaveLength(3);
    expect(fakes[0]).toMatch(/^[a-z]+_\d{4}$/);
    expect(fakes[1]).toMatch(/^@[a-z]+_\d{4}$/);
    expect(fakes[2]).toMatch(/^https:\/\/example\.com\/[a-z]+_\d{4}$/);
    expect(detect(m.text).map((e) => e.type)).toEqual(['ONLINE_ID', 'ONLINE_ID', 'ONLINE_ID']);
    expect(restore(m.text, m.vault)).toBe(text);
  });

  it('gives a secret one of the same shape with none of its letters or digits, detected again', () => {
    const text = '비밀번호 Qwer1234! 이고 OTP 482913';
    const m = mask(text, { mode: 'surrogate', seed: 5 });
    const [password, otp] = m.vault.entries().map(([fake]) => fake);
    expect(password).toMatch(/^[A-Z][a-z]{3}\d{4}!$/);
    expect(otp).toMatch(/^\d{6}$/);
    // Not one character of the real one left in place (a reshaped number kept its letters).
    for (const [fake, real] of [
      [password, 'Qwer1234!'],
      [otp, '482913'],
    ] as const)
      expect([...(fake as string)].filter((c, i) => c === real[i] && /\w/.test(c)).length).toBeLessThan(3);
    expect(detect(m.text).map((e) => e.type)).toEqual(['SECRET', 'SECRET']);
    expect(restore(m.text, m.vault)).toBe(text);
  });

  it('the surrogate text is itself detected as the same types (fluent for a model)', () => {
    const again = detect(masked.text).map((e) => e.type);
    expect(again).toEqual(masked.entities.map((e) => e.type));
  });

  it('restores the original text exactly', () => {
    expect(restore(masked.text, masked.vault)).toBe(TEXT);
  });

  it('restores a surrogate number the model wrote back with other separators or none', () => {
    const phone = surrogateOf('PHONE');
    const rrn = surrogateOf('KR_RRN');
    const card = surrogateOf('CREDIT_CARD');
    const answer = [
      `연락처 ${phone.replace(/-/g, ' ')}`,
      `(${phone.replace(/-/g, '')})`,
      `전화 ${phone.replace(/-/g, '.')}로`,
      `주민번호 ${rrn.replace('-', '')}`,
      `카드 ${card.replace(/-/g, ' - ')}`,
    ].join(', ');
    expect(restore(answer, masked.vault)).toBe(
      '연락처 010-1234-5678, (010-1234-5678), 전화 010-1234-5678로, 주민번호 900101-1234568, 카드 4111-1111-1111-1111',
    );
  });

  it('leaves alone a longer number that holds the digits of a surrogate', () => {
    const phone = surrogateOf('PHONE').replace(/-/g, '');
    const answer = `주문 1${phone} / ${phone}9 / ${phone.slice(0, 7)}-${phone.slice(7)}-1`;
    expect(restore(answer, masked.vault)).toBe(answer);
  });

  it('never picks a surrogate number the request holds however punctuated', () => {
    // The surrogate seed 7 makes for the phone, already in the request without its dashes (after
    // digits that make an earlier number of the same length overlap it): the phone gets another,
    // and that number is left as the user wrote it.
    const first = surrogateOf('PHONE');
    const text = `${TEXT} 참고 번호 99 99 ${first.replace(/-/g, ' ')}`;
    const again = mask(text, { mode: 'surrogate', seed: 7 });
    const phones = again.vault.entries().filter(([, original]) => original === '010-1234-5678');
    expect(phones).toHaveLength(1);
    expect((phones[0] as [string, string])[0].replace(/\D/g, '')).not.toBe(first.replace(/\D/g, ''));
    expect(restore(again.text, again.vault)).toBe(text);
  });

  it('is reproducible with a seed and varies without one', () => {
    expect(mask(TEXT, { mode: 'surrogate', seed: 7 }).text).toBe(masked.text);
    const runs = new Set(Array.from({ length: 5 }, () => mask(TEXT, { mode: 'surrogate' }).text));
    expect(runs.size).toBeGreaterThan(1);
  });

  it('never picks a surrogate that already occurs in the text or prefixes another', () => {
    const vault = new PseudonymVault({ mode: 'surrogate', seed: 1 });
    const names = ['김민서', '이서준', '박하윤', '최도현', '정지우', '강예린', '조태양', '윤수민'];
    const text = names.map((n) => `${n}님`).join(', ');
    mask(text, { vault });
    const keys = vault.entries().map(([p]) => p);
    for (const k of keys) {
      expect(text.includes(k)).toBe(false);
      for (const other of keys) if (other !== k) expect(other.startsWith(k)).toBe(false);
    }
  });
});

describe('stand-ins that collide with the text', () => {
  it('never uses a tag the text already holds, so restoring leaves the literal text alone', () => {
    const text = '양식의 〔PERSON_1〕 자리에 김민준님 이름을 넣어 주세요';
    const { text: masked, vault } = mask(text);
    expect(masked).toBe('양식의 〔PERSON_1〕 자리에 〔PERSON_2〕님 이름을 넣어 주세요');
    expect(restore(masked, vault)).toBe(text);
  });

  it('avoids tags held anywhere in a request, not only in the text being masked', () => {
    const { text: masked } = mask('김민준님', { avoid: '다른 메시지의 〔PERSON_1〕 와 〔PERSON_2〕' });
    expect(masked).toBe('〔PERSON_3〕님');
  });
});

describe('a request holding thousands of values', () => {
  // Each new stand-in is checked against the whole request: done naively, 20,000 values (the
  // default privacy.maxFindings) took seconds of event loop here.
  // Every value gets its own stand-in, none of them a tag the request already holds (it holds
  // 〔PHONE_1〕 to 〔PHONE_n〕), and every text restores.
  const masking = (mode: 'tag' | 'surrogate') => (n: number) => {
    const texts = distinctPhones(n).map((phone, i) => `${phone} 〔PHONE_${i + 1}〕`);
    const entities = texts.map((t) => detect(t));
    const avoid = texts.join('\n');
    const vault = new PseudonymVault({ mode, seed: 7 });
    const t0 = performance.now();
    const out = texts.map((t, i) => mask(t, { vault, entities: entities[i], avoid }).text);
    const ms = performance.now() - t0;
    expect(vault.size).toBe(n);
    for (const [pseudonym] of vault.entries()) {
      const tag = /^〔PHONE_(\d+)〕$/.exec(pseudonym);
      if (tag) expect(Number(tag[1])).toBeGreaterThan(n);
    }
    for (const i of [0, n - 1]) expect(restore(out[i] as string, vault)).toBe(texts[i]);
    return ms;
  };

  // Eight times the values: a check of the whole request per value took ~60 times as long.
  it.each(['tag', 'surrogate'] as const)('masks them in linear time (%s)', async (mode) => {
    await expectLinear(masking(mode), 2500, 20_000, 24);
  });

  // An answer holding a surrogate number again and again, re-punctuated, with stand-ins as
  // written further on: looking for those afresh after each number made it quadratic (8 times
  // the answer took ~48 times as long).
  it('restores an answer full of re-punctuated surrogate numbers in linear time', async () => {
    const { vault } = mask('전화 010-1234-5678, 김민준님', { mode: 'surrogate', seed: 2 });
    const phone = vault.entries().find(([, original]) => original === '010-1234-5678')?.[0] as string;
    const name = vault.entries().find(([, original]) => original === '김민준')?.[0] as string;
    await expectLinear(
      (n) => {
        const answer = `${`${phone.replace(/-/g, ' ')} 가 `.repeat(5_000 * n)}${name}`;
        const t0 = performance.now();
        const restored = restore(answer, vault);
        const ms = performance.now() - t0;
        expect(restored).toBe(`${'010-1234-5678 가 '.repeat(5_000 * n)}김민준`);
        return ms;
      },
      1,
      8,
      16,
    );
  });
});

describe('birth dates as surrogates', () => {
  it.each([
    ['생년월일: 1989. 3. 22.', /^\d{4}\. \d{1,2}\. \d{1,2}\.$/],
    ['신청인 (1979년 03월 12일생)', /^\d{4}년 \d{2}월 \d{2}일생$/],
    ['생년월일: 920706', /^\d{6}$/],
    ['Date of Birth: 1995-06-12', /^\d{4}-\d{2}-\d{2}$/],
  ])('%s: another real date, written the same way, near the same age', (text, shape) => {
    for (const seed of [1, 2, 3]) {
      const masked = mask(text, { mode: 'surrogate', seed });
      const [e] = masked.entities;
      expect(e?.type).toBe('BIRTH_DATE');
      const surrogate = masked.vault.entries().find(([, original]) => original === e?.text)?.[0] as string;
      expect(surrogate).toMatch(shape);
      expect(surrogate).not.toBe(e?.text);
      const digits = (s: string) => (s.match(/\d+/g) ?? []).map(Number);
      const [y, m, d] =
        digits(surrogate).length === 1
          ? [Number(surrogate.slice(0, 2)) + 1900, Number(surrogate.slice(2, 4)), Number(surrogate.slice(4))]
          : digits(surrogate);
      const date = new Date(Date.UTC(y as number, (m as number) - 1, d));
      expect(date.getUTCDate()).toBe(d); // a real date
      const [oy] = digits(e?.text as string);
      if (digits(surrogate).length > 1)
        expect(Math.abs((y as number) - (oy as number))).toBeLessThanOrEqual(2);
      expect(detect(masked.text).map((x) => x.type)).toEqual(['BIRTH_DATE']);
      expect(restore(masked.text, masked.vault)).toBe(text);
    }
  });
});

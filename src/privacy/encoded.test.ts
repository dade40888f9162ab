import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDetector } from './engine.js';

const detector = createDetector();
const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');

describe('personal data carried in base64', () => {
  it("finds a JWT's claims and masks its payload whole, leaving header and signature", () => {
    const header = b64url('{"alg":"HS256","typ":"JWT"}');
    const payload = b64url(
      JSON.stringify({ sub: 'u-1001', name: '박서연', email: 'seoyeon.park@example.co.kr', iat: 1733200000 }),
    );
    const jwt = `${header}.${payload}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`;
    const text = `이 토큰으로 로그인이 안 됩니다. Authorization: Bearer ${jwt}`;
    const found = detector.detect(text);
    expect(found).toHaveLength(1);
    // The name (a JSON "name" field) and the address are both personal: the run is either.
    expect(found[0]).toMatchObject({ text: payload, category: 'personal' });
    expect(['EMAIL', 'PERSON']).toContain(found[0]?.type);
  });

  it('takes the most restricted type inside, so a policy keeps the run where that type must stay', () => {
    const run = b64('고객 홍길동, 연락처 010-1234-5678, 주민등록번호 900101-1234568');
    const found = detector.detect(`설정 백업: ${run}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'KR_RRN', category: 'unique_identifier', text: run });
  });

  it.each([
    ['standard base64 with padding', b64('010-9876-5432')],
    ['base64url without padding', b64url('01098765432')],
  ])('reads %s', (_name, run) => {
    expect(detector.detect(`값=${run}&x=1`).map((e) => [e.type, e.text])).toEqual([['PHONE', run]]);
  });

  it('finds a short run wherever it starts in the text', () => {
    const run = b64url('01098765432'); // 15 characters
    for (let at = 0; at < 2 * run.length; at++) {
      const text = `${'가'.repeat(at)}${run} 끝`;
      expect(
        detector.detect(text).map((e) => [e.start, e.end]),
        `at ${at}`,
      ).toEqual([[at, at + run.length]]);
    }
  });

  it('leaves alone what decodes to no personal data, or to no text', () => {
    const harmless = [
      b64('안녕하세요, 오늘 회의는 3시에 시작합니다.'),
      '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      randomBytes(48).toString('base64'),
      'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
      '/usr/local/lib/node_modules/jugwon/dist/index.js',
      'internationalization_configuration_parameters',
    ];
    for (const h of harmless) expect(detector.detect(`값: ${h}`), h).toEqual([]);
  });
});

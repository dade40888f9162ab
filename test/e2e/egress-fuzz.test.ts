import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { createServer, type JugwonServer } from '../../src/http/server.js';
import { normalize } from '../../src/privacy/normalize.js';
import { DISGUISES, digitsReaching, PLACES, RRN, RRN_DIGITS, requestArb } from '../support/egress-fuzz.js';
import { type MockUpstream, startMockUpstream } from '../support/mock-upstream.js';

/**
 * The egress guarantee under attack: a 주민등록번호 in any field a client can fill, in any
 * disguise, sent to a foreign model under pipa-strict, never reaches it. Either the request is
 * refused (403), or nothing that reaches the upstream holds the number's digits, however written.
 * A bounded run here; `npm run fuzz:egress -- --runs N` runs longer.
 */
let server: JugwonServer;
let upstream: MockUpstream;

beforeAll(async () => {
  upstream = await startMockUpstream();
  server = await createServer(
    resolveConfig({
      dataDir: mkdtempSync(join(tmpdir(), 'jugwon-fuzz-')),
      models: [{ id: 'abroad', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'foreign' }],
    }),
    { logger: false },
  );
});
afterAll(async () => {
  await server.close();
  await upstream.close();
});

async function send(place: string, disguise: string, stream: boolean) {
  const secret = (DISGUISES[disguise] as (s: string) => string)(RRN);
  const body = { model: 'abroad', stream, ...(PLACES[place] as (s: string) => object)(secret) };
  const before = upstream.received.length;
  const res = await server.app.inject({ method: 'POST', url: '/v1/chat/completions', payload: body });
  return { status: res.statusCode, reached: upstream.received.slice(before) };
}

const leaked = (reached: string[]) =>
  reached.some((b) => digitsReaching(b, (s) => normalize(s).text).includes(RRN_DIGITS));

describe('egress fuzzer', () => {
  it('checks what it claims: the oracle sees the number through every disguise', () => {
    for (const d of Object.values(DISGUISES)) expect(leaked([JSON.stringify({ x: d(RRN) })])).toBe(true);
  });

  it('lets no 주민등록번호 reach a foreign model from any field, in any disguise', async () => {
    await fc.assert(
      fc.asyncProperty(requestArb, async ({ place, disguise, stream }) => {
        const { status, reached } = await send(place, disguise, stream);
        // logit_bias keys are token ids: anything else is refused as invalid before any scan.
        expect(place === 'logit_bias key' ? [400] : [403, 200]).toContain(status);
        if (leaked(reached))
          throw new Error(`leaked through ${place} written with ${disguise} (HTTP ${status})`);
      }),
      { numRuns: 300, seed: 20261202 },
    );
  }, 120_000);

  it.each(Object.keys(PLACES))('covers %s in every disguise', async (place) => {
    for (const disguise of Object.keys(DISGUISES)) {
      const { reached } = await send(place, disguise, false);
      expect(leaked(reached), `${place} / ${disguise}`).toBe(false);
    }
  });
});

/**
 * Names found by their context rather than their shape — a role, a label, an account or a
 * registration number beside them, a list, a relation — and other personal data found by how it is
 * written, in every field a client can fill: none of it reaches a foreign model, whatever field
 * carries the sentence.
 */
const NAMED = [
  ['예금주 홍길동으로 보내 주세요', '홍길동'],
  ['카카오뱅크 3333-08-1947562 김서연으로 보내주셔도 돼요', '김서연'],
  ['양하늘, 950211-2048817, 서울특별시 마포구', '양하늘'],
  ['성명: 전직 경리직원 황미라', '황미라'],
  ['예약자 황미라 귀하', '황미라'],
  ['엄마 이름은 박순자고 아빠는 김철수야', '박순자'],
  ['홍길동, 김민준, 이서연 참석', '이서연'],
  // Nothing around it but a name the dictionary lists as a person's.
  ['최운정은 어제 왔다', '최운정'],
  ['Please call Minjun Kim back today', 'Minjun Kim'],
  ['金민준 님께 보고드립니다', '金'],
  // Other readings by context or layout: a birth year, an address without spaces, an e-mail
  // address with its @ written out, a phone with marks between its groups.
  ['참고로 나 91년생이고 정시퇴근이 꿈', '91년생'],
  ['주소 서울강남구테헤란로152 입니다', '테헤란로152'],
  ['메일 hong{at}naver{dot}com 으로', 'naver{dot}com'],
  ['연락처 010;1234;5678', '1234;5678'],
  ['주민번호는 900101 이고 뒷자리는 나중에 드릴게요', '900101'],
  // A number with ㅇ for 0, one said with 하고 between its groups, an account's handle after its label.
  ['연락처 ㅇ1ㅇ-1234-5678', '1234-5678'],
  ['번호는 010 하고 1234 하고 5678 입니다', '1234 하고 5678'],
  ['카톡 아이디 hong_gd88 로 추가해 주세요', 'hong_gd88'],
  ['주소 서울시/강남구/테헤란로/152 입니다', '테헤란로/152'],
  ['환자명 김미정, 등록번호: 00231485, 진단명 당뇨', '00231485'],
  ['처방전 번호: RX-2026-0511-7742 조회 부탁', '0511-7742'],
  ['여권번호 M 123 456 78 입니다', '456 78'],
  ['운전면허번호 11-12-3456-7890 입니다', '3456-7890'],
  // A name before an age in brackets and 씨; names listed before a titled one.
  ['피해자 박보검(22)씨와 통화했다', '박보검'],
  ['김무성, 이완구, 안철수 의원이 참석', '김무성'],
  ['환자 보호자: 아들 준혁 군 (010으로 연락)', '준혁'],
  // An organisation's number for its customer, policyholder or student after its label.
  ['고객번호 C-20231234 님 증권번호: 2023-000123456', '000123456'],
  // A secret a customer types: it opens the account, whoever reads it.
  ['계좌 비밀번호는 qwer1234! 이고 OTP 482913 입니다', 'qwer1234'],
  ['설정 파일: {"password": "hunter2", "고객번호": "C-20231234"}', 'hunter2'],
  // An e-mail address with every dot and its @ written out.
  ['메일은 hong dot gildong at naver dot com 입니다', 'hong dot'],
  // An address whose number is spelt in Hangul, as a call transcript writes it.
  ['주소는 서울 강남구 테헤란로 백이십삼 입니다', '테헤란로 백이십삼'],
] as const;

describe('personal data found by its context', () => {
  it.each(Object.keys(PLACES).filter((p) => p !== 'logit_bias key'))(
    'reach no foreign model through %s',
    async (place) => {
      for (const [sentence, secret] of NAMED) {
        const body = { model: 'abroad', ...(PLACES[place] as (s: string) => object)(sentence) };
        const before = upstream.received.length;
        const res = await server.app.inject({ method: 'POST', url: '/v1/chat/completions', payload: body });
        expect([403, 200, 400], `${place} / ${sentence}`).toContain(res.statusCode);
        for (const b of upstream.received.slice(before))
          expect(JSON.stringify(JSON.parse(b)), `${place} / ${sentence}`).not.toContain(secret);
      }
    },
  );
});

import type { RecognizerCase } from '../case.js';

export const passportCases: RecognizerCase[] = [
  { name: 'typed in lower case, after its label', text: '여권번호: m12345678 입니다', spans: ['m12345678'] },
  { name: 'lower case without a label', text: '모델명 m12345678', spans: [] },
  { name: 'old form with context', text: '여권번호: M12345678', spans: ['M12345678'] },
  { name: 'old form, no context', text: '번호 M12345678 입니다', spans: ['M12345678'] },
  { name: 'official passport', text: 'passport no. G98765432', spans: ['G98765432'] },
  { name: 'new form with context', text: '여권번호 M123A4567 로 예약', spans: ['M123A4567'] },
  { name: 'new form, English context', text: 'Passport M987B6543', spans: ['M987B6543'] },
  { name: 'new form without context is a product code', text: '모델명 M123A4567 재고', spans: [] },
  // Not a Korean type letter, but labelled: another country's passport (foreign workers, patients).
  { name: 'foreign passport, labelled', text: '여권번호 X12345678', spans: ['X12345678'] },
  { name: 'foreign shape, unlabelled', text: '제품코드 X12345678', spans: [] },
  { name: 'nine digits, labelled', text: 'Passport No. 552901447', spans: ['552901447'] },
  { name: 'too many digits', text: '여권 M123456789', spans: [] },
  { name: 'part of a longer code', text: 'SKU-AM12345678', spans: [] },
  {
    name: "foreign passport in a table row, labelled only by its column's header",
    text: '성명(영문) / 국적 / 여권번호 / 연락처\nLI WEI  중국  E98765432  010-3367-1129\nSANTOS MARIA  필리핀  P55512340  010-8820-3346',
    spans: ['E98765432', 'P55512340'],
  },
  { name: 'the same codes with no header', text: '품번 E98765432 입고', spans: [] },
  // A separator after the letter or between the digits, next to its label only.
  { name: 'spaced', text: '여권번호 M 1234 5678', spans: ['M 1234 5678'] },
  { name: 'a dash after the letter', text: '여권 M-12345678 제출', spans: ['M-12345678'] },
  { name: 'a spaced code elsewhere', text: '모델 M 1234 5678 재고', spans: [] },
  // Cut otherwise, or its letter said in Hangul: right after its label only.
  { name: 'regrouped', text: '여권번호 M 123 456 78 입니다', spans: ['M 123 456 78'] },
  { name: 'digit by digit', text: '여권번호: M 1 2 3 4 5 6 7 8', spans: ['M 1 2 3 4 5 6 7 8'] },
  { name: 'its letter said', text: '여권번호는 엠12345678 입니다', spans: ['엠12345678'] },
  { name: 'another letter said, in groups', text: '여권번호: 에스 1234 5678', spans: ['에스 1234 5678'] },
  {
    name: 'its letter and digits said',
    text: '여권번호 엠 일이삼사오육칠팔',
    spans: ['엠 일이삼사오육칠팔'],
  },
  {
    name: 'regrouped far from its label, or with none',
    text: '여권 사본 제출은 완료되었습니다. 다른 서류의 참고 코드는 M 123 456 78 입니다. 오 12345678 원',
    spans: [],
  },
];

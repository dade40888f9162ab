import type { RecognizerCase } from '../case.js';

export const healthInsuranceCases: RecognizerCase[] = [
  { name: 'with context', text: '건강보험증번호 12345678901', spans: ['12345678901'] },
  { name: 'hyphenated with context', text: '피보험자 건보 번호 5-1234567890', spans: ['5-1234567890'] },
  { name: 'English context', text: 'NHIS card 98765432109', spans: ['98765432109'] },
  { name: 'no context', text: '주문번호 12345678901 배송', spans: [] },
  {
    name: "numbers under a table's 건강보험증번호 column",
    text: '사번    성명    건강보험증번호      검진예약일\n21034  유나경  1-2204558773        2026-06-15',
    spans: ['1-2204558773'],
  },
];

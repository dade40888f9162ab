import type { RecognizerCase } from '../case.js';

export const driverLicenseCases: RecognizerCase[] = [
  { name: 'hyphenated', text: '운전면허번호 11-12-345678-90', spans: ['11-12-345678-90'] },
  { name: 'hyphenated without context', text: '번호 28-19-123456-01 확인', spans: ['28-19-123456-01'] },
  { name: 'spaces', text: '면허번호 26 05 987654 32', spans: ['26 05 987654 32'] },
  { name: 'digits only with context', text: '운전면허 111234567890', spans: ['111234567890'] },
  { name: 'old form with region name', text: '면허증 서울 12-345678-90', spans: ['서울 12-345678-90'] },
  { name: 'old form, glued', text: '경기12-345678-90 면허', spans: ['경기12-345678-90'] },
  { name: 'region 27 does not exist', text: '번호 27-12-345678-90', spans: [] },
  { name: 'digits only without context', text: '주문 111234567890', spans: [] },
  // Cut into groups that are not its own, right after its label only.
  {
    name: 'regrouped after its label',
    text: '운전면허번호 11-12-3456-7890 확인',
    spans: ['11-12-3456-7890'],
  },
  { name: 'in threes', text: '면허번호 111-234-567-890', spans: ['111-234-567-890'] },
  { name: 'its last group apart', text: '운전면허 1112345678 90', spans: ['1112345678 90'] },
  { name: 'no region code', text: '면허번호 991234567890', spans: [] },
  { name: 'regrouped with no label near', text: '주문 11-12-3456-7890 배송', spans: [] },
];

import type { RecognizerCase } from '../case.js';

export const customerIdCases: RecognizerCase[] = [
  { name: "a bank's customer number", text: '고객번호 C-20231234 고객님의 문의', spans: ['C-20231234'] },
  {
    name: "an insurer's policy number",
    text: '보험증권번호: 2023-000123456 (계약자 본인)',
    spans: ['2023-000123456'],
  },
  { name: 'a member number written apart', text: '회원 번호 1234567 로 조회', spans: ['1234567'] },
  { name: 'after a topic particle', text: '고객번호는 12345678입니다', spans: ['12345678'] },
  { name: 'a staff number', text: '상담사 사번: A20451 (정수민)', spans: ['A20451'] },
  { name: 'a student number', text: '학번 2020123456 / 경영학과', spans: ['2020123456'] },
  { name: 'a service number', text: '군번은 21-12345678 입니다', spans: ['21-12345678'] },
  { name: 'a customer number in JSON', text: '{"고객번호": "C-20231234"}', spans: ['C-20231234'] },
  { name: 'a customer number in a code span', text: '고객번호: `C-20231234`', spans: ['C-20231234'] },
  // 번 in other words, numbers without such a label, and too few digits.
  { name: '이번 and 한번 before numbers', text: '이번 2024년에 한번 12345 해봐', spans: [] },
  { name: 'a queue number', text: '순번 123456 대기', spans: [] },
  { name: 'a bare number label', text: '번호 12345678', spans: [] },
  { name: 'too few digits', text: '사번 A123', spans: [] },
];

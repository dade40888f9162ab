import type { RecognizerCase } from '../case.js';

// Checksum-valid examples were computed with the weights 2-9,2-5; "random tail" ones fail it.
export const rrnCases: RecognizerCase[] = [
  // Halves split by a line break (a table's cells, a PDF's lines), or dictated with 앞 and 뒤.
  { name: 'halves on two lines', text: '주민등록번호\n900101\n1234568\n주소', spans: ['900101\n1234568'] },
  {
    name: 'halves on two lines, CRLF and indentation',
    text: '주민번호: 900101\r\n 1234568',
    spans: ['900101\r\n 1234568'],
  },
  { name: 'back half after 뒤', text: '주민번호 앞 900101 뒤 1234568 입니다', spans: ['1234568'] },
  { name: 'an amount after 뒤', text: '주민번호 확인 후 3일 뒤 1234567원 입금', spans: [] },
  { name: 'a date and a number on two lines, no birth date', text: '주문번호\n241345\n1234567', spans: [] },
  // Dictated in halves, words between them, or one half alone, after its label.
  {
    name: 'halves with words between',
    text: '주민번호 앞자리는 900101이고 뒷자리는 1234568입니다',
    spans: ['1234568'],
  },
  { name: 'the back half alone', text: '주민등록번호 뒷 7자리: 1234568 맞나요?', spans: ['1234568'] },
  { name: 'a back half after a birth date', text: '생년월일 900101, 뒷번호 1234568', spans: ['1234568'] },
  { name: "a foreigner's back half", text: '외국인등록번호 뒷자리는 5234567', spans: ['5234567'] },
  { name: 'the back half of an account', text: '계좌번호 뒷자리 1234567 확인', spans: [] },
  { name: 'the back half of a company number', text: '법인등록번호 뒷자리 1234567', spans: [] },
  { name: 'the front half alone is a birth date', text: '주민번호 앞자리: 990721', spans: [] },
  // Shown with its tail hidden, the birth date and sex digit still identify: masked all the same.
  { name: 'masked tail', text: '주민등록번호: 920715-2******', spans: ['920715-2******'] },
  { name: 'masked tail, other marks, no label', text: '고객 900101-1●●●●●● 확인', spans: ['900101-1●●●●●●'] },
  {
    name: 'masked with one mark too many',
    text: '주민번호 950711-1******** 확인',
    spans: ['950711-1********'],
  },
  { name: 'birth date and sex digit, labelled', text: '주민번호 880917-1', spans: ['880917-1'] },
  { name: 'birth date and sex digit, unlabelled', text: '접수 880917-1 건', spans: [] },
  { name: 'hyphenated, valid checksum', text: '주민등록번호: 900101-1234568', spans: ['900101-1234568'] },
  { name: 'no hyphen', text: '주민번호 9001011234568 확인', spans: ['9001011234568'] },
  { name: 'spaces around hyphen', text: 'RRN 900101 - 1234568.', spans: ['900101 - 1234568'] },
  {
    name: 'random tail after Oct 2020 (checksum fails, date real)',
    text: '신생아 주민등록번호 210315-3847261',
    spans: ['210315-3847261'],
  },
  { name: 'no context, valid date', text: '번호는 850723-2345671 입니다', spans: ['850723-2345671'] },
  {
    name: 'full-width digits and dash',
    text: '주민등록번호 ８５０７２３－２３４５６７１',
    spans: ['８５０７２３－２３４５６７１'],
  },
  { name: 'zero-width space inside', text: '주민번호 850723\u200B-2345671', spans: ['850723\u200B-2345671'] },
  { name: 'en dash', text: '주민번호 850723–2345671', spans: ['850723–2345671'] },
  { name: 'English context', text: 'resident registration number 991231-1000007', spans: ['991231-1000007'] },
  { name: 'inside Hangul with particle', text: '900101-1234568의 소유자', spans: ['900101-1234568'] },
  { name: 'invalid month without context', text: '코드 901301-1234568', spans: [] },
  { name: 'Feb 30 without context', text: '번호 900230-1234567', spans: [] },
  { name: 'future birth date', text: '번호 991231-4123456', spans: [] },
  { name: 'Korean EAN-13 barcode', text: '바코드 8801011234567', spans: [] },
  { name: 'Korean EAN-13 barcode without context', text: '8801011234567', spans: [] },
  { name: 'longer digit run', text: '주문번호 99001011234568', spans: [] },
  { name: 'case number', text: '사건번호 2024가합12345', spans: [] },
  { name: 'amount', text: '금액 1,234,567,890원', spans: [] },
  { name: 'foreign digit (5) is not an RRN', text: '외국인등록번호 900101-5234561', spans: [] },
  // Fail closed: an impossible date where a labelled number belongs is still masked.
  { name: 'impossible date, labelled', text: '주민등록번호: 901345-1234567', spans: ['901345-1234567'] },
  {
    name: 'impossible date under a column header',
    text: '성명 / 주민등록번호 / 연락처\n홍길동 / 901345-1234567 / 010-1234-5678',
    spans: ['901345-1234567'],
  },
  {
    name: "a company's label before the number outranks a person's word after it",
    text: '법인등록번호: 110111-4582093\n근로자 성명: 오재훈\n생년월일: 1991-07-23',
    spans: [],
  },
  {
    name: 'header of another block does not reach',
    text: '주민등록번호 안내\n\n다음은 이번 분기 재고 관리 대상 품목의 내부 코드 목록입니다. 품목 코드 901345-1234567',
    spans: [],
  },
  // Both halves after their labels, the number's name unsaid: the back half is the number.
  { name: 'halves, the name unsaid', text: '앞자리 900101, 뒷자리 1234568', spans: ['1234568'] },
  { name: 'halves with their lengths', text: '앞 6자리: 900101 / 뒤 7자리: 1234568', spans: ['1234568'] },
  { name: "a card's halves", text: '카드 앞자리 411111, 뒷자리 1111111', spans: [] },
  { name: 'halves, no birth date in front', text: '앞번호 123456 뒷번호 1234567', spans: [] },
];

export const frnCases: RecognizerCase[] = [
  { name: 'FRN with context', text: '외국인등록번호 900101-5234561', spans: ['900101-5234561'] },
  { name: 'FRN 2000s', text: 'alien registration 050505-7123456', spans: ['050505-7123456'] },
  { name: 'FRN no hyphen', text: '외국인등록번호는 9001015234561', spans: ['9001015234561'] },
  { name: 'invalid date', text: '번호 901332-5234561', spans: [] },
  {
    name: 'impossible date in a table whose header names the column',
    text: '성명(영문) / 국적 / 외국인등록번호 / 여권번호\nNGUYEN VAN HUNG  베트남  920745-5123498  M12345678',
    spans: ['920745-5123498'],
  },
  { name: 'Korean EAN-13 barcode that reads as a date', text: '상품 8801056123451', spans: [] },
];

import type { RecognizerCase } from '../case.js';

export const birthDateCases: RecognizerCase[] = [
  { name: 'after its label', text: '이름: 백승재 생년월일: 1993년 7월 19일', spans: ['1993년 7월 19일'] },
  {
    name: 'dotted, a space after each dot',
    text: '- 생년월일: 2006. 9. 11.\n- 연락처',
    spans: ['2006. 9. 11.'],
  },
  {
    name: 'in brackets after the label',
    text: '대표자: 권오성 (생년월일 1972-04-08)',
    spans: ['1972-04-08'],
  },
  { name: 'born on it (생)', text: '1. 신청인: 박정훈 (1979년 3월 12일생)', spans: ['1979년 3월 12일생'] },
  { name: 'in English', text: 'Date of Birth: 1995.06.12', spans: ['1995.06.12'] },
  { name: 'born on it, dotted (생)', text: '사건본인 장서윤(2016. 4. 8.생)', spans: ['2016. 4. 8.생'] },
  { name: 'six digits after the label', text: '생년월일: 920706\n연락처', spans: ['920706'] },
  { name: "a 주민등록번호's front half", text: '주민번호 앞자리: 940217', spans: ['940217'] },
  { name: 'six digits of a card', text: '카드번호 앞자리 411111', spans: [] },
  { name: 'a whole 주민등록번호 after the label is one', text: '생년월일 900101-1234568', spans: [] },
  { name: 'after a sex mark in brackets', text: '환자 정민재(M/1958-11-04) 의뢰', spans: ['1958-11-04'] },
  { name: 'after a sex mark and a comma', text: '홍길동(남, 1990.01.01) 외 2명', spans: ['1990.01.01'] },
  { name: 'a date in brackets without a sex mark', text: '계약(갱신/2024.05.11)', spans: [] },
  { name: 'a date without a label', text: '2024.05.11 회의록', spans: [] },
  {
    name: 'another date next to one',
    text: '생년월일: 1990.01.01\n작성일: 2026.05.11',
    spans: ['1990.01.01'],
  },
  { name: 'a date that is none', text: '생년월일: 1990.02.30', spans: [] },
  { name: 'a date to come', text: '생년월일: 2099.01.01', spans: [] },
];

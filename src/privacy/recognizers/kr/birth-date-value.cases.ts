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
  // In a table, under a header that names the column; the table's other dates are not taken.
  {
    name: 'in its column, cells apart with slashes',
    text: '구분 / 성명 / 생년월일 / 가입일\n1 / 최영규 / 1968.04.22 / 2020.01.05\n2 / 신혜란 / 1995.11.03 / 2021.03.04',
    spans: ['1968.04.22', '1995.11.03'],
  },
  {
    name: 'in its column of a Markdown table',
    text: '| 성명 | 생년월일 | 입사일 |\n|---|---|---|\n| 홍길동 | 1990-01-01 | 2020-03-02 |',
    spans: ['1990-01-01'],
  },
  {
    name: 'in its column, tab-separated',
    text: '이름\t생년월일\t입사일\n김민준\t19900101\t20200302',
    spans: ['19900101'],
  },
  {
    name: 'past the end of its table',
    text: '성명 / 생년월일\n홍길동 / 1990.01.01\n\n접수일 / 처리일\n2020.01.05 / 2020.01.06',
    spans: ['1990.01.01'],
  },
  {
    name: 'a label in a sentence with commas',
    text: '생년월일, 주소, 연락처를 적어 주세요\n신청일, 2020.01.05, 접수',
    spans: [],
  },
  {
    name: 'a row with more cells than the header',
    text: '성명 / 생년월일\n홍길동 / 1990.01.01 / 2020.01.05',
    spans: [],
  },
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
  // Other ways forms write one after its label.
  { name: 'eight digits run together', text: '생년월일(YYYYMMDD): 19900101\n', spans: ['19900101'] },
  { name: 'a two-digit year, dotted', text: '생년월일: 90.01.01 / 연락처', spans: ['90.01.01'] },
  { name: 'a two-digit year in words', text: '생년월일 : 85년 3월 15일', spans: ['85년 3월 15일'] },
  { name: 'day and month before the year', text: 'D.O.B 15/03/1985', spans: ['15/03/1985'] },
  { name: 'month and day before the year', text: 'Date of birth: 03/15/1985', spans: ['03/15/1985'] },
  { name: "a month's name first", text: 'Born: March 15, 1985 in Seoul', spans: ['March 15, 1985'] },
  { name: "a month's name after the day", text: 'Date of birth: 1 Jan 1990', spans: ['1 Jan 1990'] },
  { name: 'eight digits that are no date', text: '생년월일: 19900230', spans: [] },
  { name: 'a two-digit year, no date', text: '생년월일: 90.02.30', spans: [] },
  { name: 'a day and month that are none either way', text: 'dob 31/02/1990', spans: [] },
  { name: 'eight digits without a label', text: '주문번호 19900101', spans: [] },
  { name: 'a date to come', text: '생년월일: 2099.01.01', spans: [] },
  // Born on it: a two-digit year before 생, or "에 태어났다" after the date.
  { name: 'a two-digit year before 생', text: '90년 1월 1일생입니다', spans: ['90년 1월 1일생'] },
  { name: 'born on the date', text: '저는 1990년 1월 1일에 태어났습니다', spans: ['1990년 1월 1일'] },
  { name: 'a meeting on a date', text: '1990년 1월 1일에 회의가 있었다', spans: [] },
  { name: 'a two-digit year, no date, before 생', text: '99년 13월 1일생', spans: [] },
];

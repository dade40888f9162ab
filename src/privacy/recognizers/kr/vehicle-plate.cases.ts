import type { RecognizerCase } from '../case.js';

export const vehiclePlateCases: RecognizerCase[] = [
  { name: 'two digits', text: '차량번호 12가3456', spans: ['12가3456'] },
  { name: 'three digits', text: '123가4567 차량', spans: ['123가4567'] },
  { name: 'with region', text: '서울12가3456', spans: ['서울12가3456'] },
  { name: 'spaces', text: '번호판 12 가 3456', spans: ['12 가 3456'] },
  { name: 'rental', text: '렌터카 45허1234', spans: ['45허1234'] },
  { name: 'commercial', text: '택시 30바1234', spans: ['30바1234'] },
  { name: 'invalid purpose syllable', text: '12갑3456', spans: [] },
  { name: 'case number', text: '2024가합12345', spans: [] },
  { name: 'year and count', text: '2024년 3456건', spans: [] },
  { name: 'labelled, a syllable plates do not use', text: '차량번호: 92차 4470', spans: ['92차 4470'] },
  { name: 'that syllable without the label', text: '제12차 2024년 정기회의', spans: [] },
  // A dash around the syllable, as forms write one.
  { name: 'dashes around the syllable', text: '차량 12-가-3456 주차', spans: ['12-가-3456'] },
  { name: 'a dash after the syllable', text: '차량번호 12가-3456', spans: ['12가-3456'] },
  { name: 'any syllable after its label, with dashes', text: '차량번호 92-차-4470', spans: ['92-차-4470'] },
];

import type { RecognizerCase } from '../case.js';

export const brnCases: RecognizerCase[] = [
  { name: 'hyphenated valid', text: '사업자등록번호 220-81-62517', spans: ['220-81-62517'] },
  { name: 'hyphenated valid, no context', text: '(주)가나 220-81-62517', spans: ['220-81-62517'] },
  { name: 'digits only valid with context', text: '사업자번호 2208162517', spans: ['2208162517'] },
  // Fail closed: a number labelled 사업자등록번호 is one, even when it fails the check (a typo,
  // a made-up sample); without the label, a failing number is not taken.
  { name: 'checksum fails, labelled', text: '사업자등록번호 220-81-62518', spans: ['220-81-62518'] },
  { name: 'checksum fails, unlabelled', text: '주문번호 220-81-62518', spans: [] },
  // Spaces or dots between the groups, next to 사업자 only.
  { name: 'spaced', text: '사업자번호 123 45 67890', spans: ['123 45 67890'] },
  { name: 'dotted', text: '사업자등록번호 220.81.62517', spans: ['220.81.62517'] },
  { name: 'spaced amount', text: '합계 123 45 67890원', spans: [] },
];

export const crnCases: RecognizerCase[] = [
  { name: 'valid with context', text: '법인등록번호 110111-0005078', spans: ['110111-0005078'] },
  { name: 'valid, no hyphen', text: '법인번호 1101110005078', spans: ['1101110005078'] },
  { name: 'checksum fails, labelled', text: '법인등록번호 110111-0005079', spans: ['110111-0005079'] },
  { name: 'checksum fails, unlabelled', text: '문서번호 110111-0005079', spans: [] },
  // A property register prints each right holder's number after its name, bank or not.
  {
    name: 'after a company name, next to a bank name',
    text: '근저당권자 주식회사 케이비국민은행 110111-2365917',
    spans: ['110111-2365917'],
  },
  { name: 'after a company name, checksum fails', text: '주식회사 가나 110111-0005079', spans: [] },
];

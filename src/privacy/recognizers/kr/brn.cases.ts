import type { RecognizerCase } from '../case.js';

export const brnCases: RecognizerCase[] = [
  { name: 'hyphenated valid', text: '사업자등록번호 220-81-62517', spans: ['220-81-62517'] },
  { name: 'hyphenated valid, no context', text: '(주)가나 220-81-62517', spans: ['220-81-62517'] },
  { name: 'digits only valid with context', text: '사업자번호 2208162517', spans: ['2208162517'] },
  { name: 'checksum fails', text: '사업자등록번호 220-81-62518', spans: [] },
];

export const crnCases: RecognizerCase[] = [
  { name: 'valid with context', text: '법인등록번호 110111-0005078', spans: ['110111-0005078'] },
  { name: 'valid, no hyphen', text: '법인번호 1101110005078', spans: ['1101110005078'] },
  { name: 'checksum fails', text: '법인등록번호 110111-0005079', spans: [] },
];

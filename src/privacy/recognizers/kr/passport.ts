import type { PatternRecognizer } from '../../types.js';
import { afterLabel } from './after-label.js';

/**
 * 여권번호: a type letter (M multiple, S single, R residence, G official, O/D diplomatic) and
 * eight digits, or since December 2021 M123A4567. The newer shape looks like many product codes,
 * so it counts only with 여권/passport near.
 */
export const krPassport: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_PASSPORT',
  category: 'unique_identifier',
  patterns: [
    {
      name: 'passport-2008',
      regex: /(?<![0-9A-Za-z])[MSRGOD]\d{8}(?![0-9A-Za-z])/g,
      score: 0.6,
      digitRuns: { min: 8, firstRun: [8], lead: 1 },
    },
    // A separator after the letter or between the digits, as a number is copied from a page
    // ("M 1234 5678", "M-12345678"): with 여권/passport near.
    {
      name: 'passport-separated',
      regex: /(?<![0-9A-Za-z])[MSRGOD](?:[- ]?\d{4}[- ]\d{4}|[- ]\d{8})(?![0-9A-Za-z])/g,
      score: 0.3,
      digitRuns: { min: 8, firstRun: [4, 8], lead: 2 },
    },
    {
      name: 'passport-2021',
      regex: /(?<![0-9A-Za-z])[MSRGOD]\d{3}[A-Z]\d{4}(?![0-9A-Za-z])/g,
      score: 0.3,
      digitRuns: { min: 7, firstRun: [3], lead: 1 },
    },
    // Other countries' passports (foreign workers and patients): one or two letters and 7-8
    // digits, or 9 digits; only with 여권/passport near (alone they look like any code). The
    // letters in either case: a number typed in lower case ("m12345678") is the same number.
    {
      name: 'passport-foreign',
      regex: /(?<![0-9A-Za-z])(?:[A-Za-z]{1,2}\d{7,8}|\d{9})(?![0-9A-Za-z])/g,
      score: 0.1,
      digitRuns: { min: 7, firstRun: [7, 8, 9], lead: 2 },
    },
  ],
  context: ['여권', '여권번호', 'passport', 'passport no', '출입국'],
  contextBoost: 0.4,
};

/**
 * A 여권번호 cut otherwise to slip past a pattern ("M 123 456 78", "M 1 2 3 4 5 6 7 8"), or its letter
 * said in Hangul ("엠12345678", "여권번호 엠 일이삼사오육칠팔" once the digits are read): only right
 * after its label (`afterLabel`).
 */
const REGROUPED = /(?<![0-9A-Za-z])[MSRGOD](?:[- ]?\d(?:[- .]?\d){7})(?![0-9A-Za-z]|[- .]\d)/g;
const LETTER_SAID = /(?<![가-힣])(?:엠|에스|알|지|오|디) ?-? ?\d(?:[- .]?\d){7}(?![0-9A-Za-z]|[- .]\d)/g;

export const krPassportRegrouped = afterLabel({
  type: 'KR_PASSPORT',
  category: 'unique_identifier',
  context: ['여권', '여권번호', 'passport'],
  words: ['여권', 'assport', 'ASSPORT'],
  label: /여권|passport/i,
  reach: 16,
  patterns: [REGROUPED, LETTER_SAID],
  score: 0.7,
});

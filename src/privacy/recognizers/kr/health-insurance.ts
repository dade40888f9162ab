import type { PatternRecognizer } from '../../types.js';
import { NOT_PERSONAL_NUMBER } from './not-personal.js';

/** 건강보험증번호: 11 digits with no public checksum, so only the context tells it apart. */
export const krHealthInsurance: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_HEALTH_INSURANCE',
  category: 'sensitive',
  patterns: [
    {
      name: 'health-insurance',
      regex: /(?<![0-9])\d(?:-?\d{10}|\d{10})(?![0-9])/g,
      score: 0.2,
      digitRuns: { min: 11, firstRun: [1, 11] },
    },
  ],
  negativeContext: NOT_PERSONAL_NUMBER,
  context: ['건강보험', '건강보험증', '보험증', '건보', '피보험자', '요양기관', 'health insurance', 'nhis'],
  // With its label near or over its column it outranks the phone number it can look like
  // ("1-0631677452" reads as 063-167-7452).
  contextBoost: 0.6,
};

import { brnChecksum } from '../../checksums/index.js';
import type { PatternRecognizer } from '../../types.js';
import { NOT_PERSONAL_NUMBER } from './not-personal.js';

export const krBrn: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_BRN',
  category: 'personal',
  patterns: [
    {
      name: 'brn-separated',
      regex: /(?<![0-9])\d{3}-\d{2}-\d{5}(?![0-9])/g,
      score: 0.75,
      digitRuns: { min: 10, firstRun: [3] },
    },
    // Spaces or dots between the groups, as some type one ("123 45 67890"): with 사업자 near.
    {
      name: 'brn-spaced',
      regex: /(?<![0-9])\d{3}([ .])\d{2}\1\d{5}(?![0-9])/g,
      score: 0.4,
      digitRuns: { min: 10, firstRun: [3] },
    },
    // One in ten 10-digit numbers passes the check: unbroken ones need 사업자 context.
    {
      name: 'brn-digits',
      regex: /(?<![0-9])\d{10}(?![0-9])/g,
      score: 0.4,
      digitRuns: { min: 10, firstRun: [10] },
    },
  ],
  context: ['사업자등록번호', '사업자번호', '사업자', 'business registration', 'brn', '법인'],
  negativeContext: NOT_PERSONAL_NUMBER,
  // The first three digits name a tax office (101 and up): a leading 0 is a phone number.
  validate: (m) => (m.charAt(0) !== '0' && brnChecksum(m) ? 'valid' : 'invalid'),
  validScore: 0.4,
  // Next to "사업자등록번호" a number that fails the check (a typo, a made-up sample) is still one.
  onInvalid: 'needs-context',
};

import { crnChecksum, isKoreanBarcode } from '../../checksums/index.js';
import type { PatternRecognizer } from '../../types.js';
import { NOT_PERSONAL_NUMBER } from './not-personal.js';

export const krCrn: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_CRN',
  category: 'personal',
  patterns: [
    { name: 'crn-separated', regex: /(?<![0-9])\d{6} ?- ?\d{7}(?![0-9])/g, score: 0.6 },
    // One in ten 13-digit numbers passes the checksum: unbroken ones need 법인 context.
    { name: 'crn-digits', regex: /(?<![0-9])\d{13}(?![0-9])/g, score: 0.35 },
  ],
  context: ['법인등록번호', '법인번호', '법인', 'corporate registration', 'crn'],
  negativeContext: NOT_PERSONAL_NUMBER,
  validate: (m) => (crnChecksum(m) && !isKoreanBarcode(m) ? 'valid' : 'invalid'),
  validScore: 0.35,
  onInvalid: 'needs-context',
};

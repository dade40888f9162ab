import { crnChecksum } from '../../checksums/index.js';
import type { PatternRecognizer } from '../../types.js';

export const krCrn: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_CRN',
  category: 'personal',
  patterns: [{ name: 'crn', regex: /(?<![0-9])\d{6} ?-? ?\d{7}(?![0-9])/g, score: 0.6 }],
  context: ['법인등록번호', '법인번호', '법인', 'corporate registration', 'crn'],
  validate: (m) => (crnChecksum(m) ? 'valid' : 'invalid'),
  validScore: 0.6,
};

import { crnChecksum, isKoreanBarcode } from '../../checksums/index.js';
import type { PatternRecognizer } from '../../types.js';
import { NOT_PERSONAL_NUMBER } from './not-personal.js';

export const krCrn: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_CRN',
  category: 'personal',
  patterns: [
    // Right after a company's name, as registers and contracts print it ("근저당권자 주식회사
    // 케이비국민은행 110111-2365917"): a company's number even near a bank's name. First, so it
    // wins the merged scan; the lookbehind runs only on numbers of this shape.
    {
      name: 'crn-after-company',
      regex:
        /(?<![0-9])\d{6} ?- ?\d{7}(?<=(?:주식회사|유한회사|㈜|\(주\))[^\n\d]{1,24}\d{6} ?- ?\d{7})(?![0-9])/g,
      score: 0.85,
      digitRuns: { min: 13, firstRun: [6] },
    },
    {
      name: 'crn-separated',
      regex: /(?<![0-9])\d{6} ?- ?\d{7}(?![0-9])/g,
      score: 0.6,
      digitRuns: { min: 13, firstRun: [6] },
    },
    // One in ten 13-digit numbers passes the checksum: unbroken ones need 법인 context.
    {
      name: 'crn-digits',
      regex: /(?<![0-9])\d{13}(?![0-9])/g,
      score: 0.35,
      digitRuns: { min: 13, firstRun: [13] },
    },
  ],
  // Not bare 법인: "법무법인" (a law firm) is near many a party's own number in court papers.
  context: ['법인등록번호', '법인번호', '법인 등록번호', 'corporate registration', 'crn'],
  // A person's number has the same layout: next to its label it is that, not a company's.
  negativeContext: [...NOT_PERSONAL_NUMBER, '주민등록번호', '주민번호', '외국인등록번호'],
  validate: (m) => (crnChecksum(m) && !isKoreanBarcode(m) ? 'valid' : 'invalid'),
  validScore: 0.35,
  onInvalid: 'needs-context',
};

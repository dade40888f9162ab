import { luhn, onlyDigits } from '../../checksums/index.js';
import type { PatternRecognizer, Validation } from '../../types.js';
import { NOT_PERSONAL_NUMBER } from '../kr/not-personal.js';

// IIN first digits: 3 (Amex/JCB/Diners), 4 (Visa), 5 (Mastercard), 6 (UnionPay/Discover),
// 9 (domestic BC/local cards).
export const creditCard: PatternRecognizer = {
  kind: 'pattern',
  type: 'CREDIT_CARD',
  category: 'credit',
  patterns: [
    {
      name: 'card-16',
      regex: /(?<![0-9])[34569]\d{3}[-. ]?\d{4}[-. ]?\d{4}[-. ]?\d{4}(?![0-9])/g,
      score: 0.5,
      digitRuns: { min: 16, firstRun: [4, 8, 12, 16] },
    },
    {
      name: 'card-15',
      regex: /(?<![0-9])3[47]\d{2}[-. ]?\d{6}[-. ]?\d{5}(?![0-9])/g,
      score: 0.5,
      digitRuns: { min: 15, firstRun: [4, 10, 15] },
    },
    {
      name: 'card-14',
      regex: /(?<![0-9])3(?:0[0-5]|[68]\d)\d[-. ]?\d{6}[-. ]?\d{4}(?![0-9])/g,
      score: 0.45,
      digitRuns: { min: 14, firstRun: [4, 10, 14] },
    },
  ],
  negativeContext: NOT_PERSONAL_NUMBER,
  context: ['카드', '카드번호', '신용카드', '체크카드', '결제', 'card', 'credit card', 'visa', 'master'],
  // Printed numbers use one separator throughout; "4111-1111 1111-1111" is two numbers' worth of noise.
  validate: (m: string): Validation =>
    new Set(m.match(/[-. ]/g)).size <= 1 && luhn(onlyDigits(m)) ? 'valid' : 'invalid',
  validScore: 0.9,
  onInvalid: 'needs-context',
};

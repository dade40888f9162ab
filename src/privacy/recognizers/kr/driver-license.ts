import { onlyDigits } from '../../checksums/index.js';
import type { PatternRecognizer } from '../../types.js';
import { afterLabel } from './after-label.js';
import { REGION_PREFIX } from './regions.js';

// 11-26 and 28 are the region codes of licences issued since 2011; older licences name the region.
const REGION_CODE = '(?:1[1-9]|2[0-68])';

export const krDriverLicense: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_DRIVER_LICENSE',
  category: 'unique_identifier',
  patterns: [
    {
      name: 'licence-separated',
      regex: new RegExp(`(?<![0-9])${REGION_CODE}[- ]\\d{2}[- ]\\d{6}[- ]\\d{2}(?![0-9])`, 'g'),
      score: 0.7,
      digitRuns: { min: 12, firstRun: [2] },
    },
    {
      name: 'licence-digits',
      regex: new RegExp(`(?<![0-9])${REGION_CODE}\\d{10}(?![0-9])`, 'g'),
      score: 0.3,
      digitRuns: { min: 12, firstRun: [12] },
    },
    {
      name: 'licence-region-name',
      regex: /(?<![0-9])\d{2}[- ]?\d{6}[- ]?\d{2}(?![0-9])/g,
      score: 0.75,
      digitRuns: { min: 10, firstRun: [2, 8, 10] },
      prefix: { regex: REGION_PREFIX, required: true },
    },
  ],
  context: [
    '운전면허',
    '면허번호',
    '운전면허번호',
    '면허증',
    'driver license',
    "driver's license",
    'driving licence',
    'license no',
  ],
};

/**
 * A 운전면허번호 cut into groups that are not its own ("1112345678 90", "11-12-3456-7890",
 * "111-234-567-890"): twelve digits from a region code, right after its label (`afterLabel`).
 */
const REGROUPED = /(?<![0-9])\d(?:[- .]?\d){11}(?![0-9]|[- .]\d)/g;
const REGION = new RegExp(`^${REGION_CODE}`);

export const krDriverLicenseRegrouped = afterLabel({
  type: 'KR_DRIVER_LICENSE',
  category: 'unique_identifier',
  context: ['운전면허', '면허번호', 'driver license'],
  words: ['면허', 'icen', 'ICEN'],
  label: /면허|licen[cs]e/i,
  reach: 16,
  patterns: [REGROUPED],
  score: 0.8,
  keep: (m) => REGION.test(onlyDigits(m)),
});

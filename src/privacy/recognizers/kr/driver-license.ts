import { matches } from '../../matches.js';
import type { Candidate, PatternRecognizer, ScanningRecognizer } from '../../types.js';
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
 * "111-234-567-890"): twelve digits from a region code, right after its label (within LABEL_REACH
 * characters). Looked for only in a text that names a licence, so no other text pays for trying
 * this at its numbers.
 */
const REGROUPED = /(?<![0-9])\d(?:[- .]?\d){11}(?![0-9]|[- .]\d)/g;
const LICENCE_LABEL = /면허|licen[cs]e/i;
const LABEL_REACH = 16;
const REGION = new RegExp(`^${REGION_CODE}`);

export const krDriverLicenseRegrouped: ScanningRecognizer = {
  kind: 'scan',
  type: 'KR_DRIVER_LICENSE',
  category: 'unique_identifier',
  context: ['운전면허', '면허번호', 'driver license'],
  scan({ text }) {
    const out: Candidate[] = [];
    if (!text.includes('면허') && !text.includes('icen') && !text.includes('ICEN')) return out;
    for (const m of matches(REGROUPED, text)) {
      if (!REGION.test(m[0].replace(/\D/g, ''))) continue;
      if (!LICENCE_LABEL.test(text.slice(Math.max(0, m.index - LABEL_REACH), m.index))) continue;
      const start = m.index;
      out.push({
        type: 'KR_DRIVER_LICENSE',
        category: 'unique_identifier',
        start,
        end: start + m[0].length,
        score: 0.8,
      });
    }
    return out;
  },
};

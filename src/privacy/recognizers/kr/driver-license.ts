import type { PatternRecognizer } from '../../types.js';

// 11-26 and 28 are the region codes of licences issued since 2011; older licences name the region.
const REGION_CODE = '(?:1[1-9]|2[0-68])';
const REGION_NAME =
  '(?:서울|부산|경기|강원|충북|충남|전북|전남|경북|경남|제주|대구|인천|광주|대전|울산|세종)';

export const krDriverLicense: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_DRIVER_LICENSE',
  category: 'unique_identifier',
  patterns: [
    {
      name: 'licence-separated',
      regex: new RegExp(`(?<![0-9])${REGION_CODE}[- ]\\d{2}[- ]\\d{6}[- ]\\d{2}(?![0-9])`, 'g'),
      score: 0.7,
    },
    {
      name: 'licence-digits',
      regex: new RegExp(`(?<![0-9])${REGION_CODE}\\d{10}(?![0-9])`, 'g'),
      score: 0.3,
    },
    {
      name: 'licence-region-name',
      regex: new RegExp(`${REGION_NAME} ?\\d{2}[- ]?\\d{6}[- ]?\\d{2}(?![0-9])`, 'g'),
      score: 0.75,
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

import type { PatternRecognizer } from '../../types.js';
import { REGION_PREFIX } from './regions.js';

// Purpose syllables: private cars, commercial (바사아자), delivery (배), rental (하허호).
const PURPOSE = '[가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주바사아자배하허호]';
/** Around the syllable: nothing, a space or a dash, as forms write one ("12가-3456", "12-가-3456"). */
const SEP = '[ -]?';

export const krVehiclePlate: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_VEHICLE_PLATE',
  category: 'personal',
  patterns: [
    // Any syllable right after the plate's label ("차량번호: 92차 4470"): a plate the label names,
    // even in a layout the purpose syllables do not cover; never without the label. One
    // alternation after the shared digits, so the text is scanned once for both.
    {
      name: 'plate',
      regex: new RegExp(
        `(?<![0-9가-힣])\\d{2,3}${SEP}(?:${PURPOSE}${SEP}\\d{4}|[가-힣]${SEP}\\d{4}(?<=(?:차량번호|차량 번호|차번호|번호판)\\s{0,3}[:：]?\\s{0,3}\\d{2,3}${SEP}[가-힣]${SEP}\\d{4}))(?![0-9])`,
        'g',
      ),
      score: 0.65,
      digitRuns: { min: 6, firstRun: [2, 3] },
    },
    {
      name: 'plate-regional',
      regex: new RegExp(`(?<![0-9])\\d{2}${SEP}${PURPOSE}${SEP}\\d{4}(?![0-9])`, 'g'),
      score: 0.8,
      digitRuns: { min: 6, firstRun: [2] },
      prefix: { regex: REGION_PREFIX, required: true },
    },
  ],
  context: ['차량', '차량번호', '번호판', '자동차', '차번호', '주차', 'vehicle', 'license plate', 'plate'],
};

import type { PatternRecognizer } from '../../types.js';

// Purpose syllables: private cars, commercial (바사아자), delivery (배), rental (하허호).
const PURPOSE = '[가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주바사아자배하허호]';
const REGION = '(?:서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주)';

export const krVehiclePlate: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_VEHICLE_PLATE',
  category: 'personal',
  patterns: [
    {
      name: 'plate',
      regex: new RegExp(`(?<![0-9가-힣])\\d{2,3} ?${PURPOSE} ?\\d{4}(?![0-9])`, 'g'),
      score: 0.65,
    },
    {
      name: 'plate-regional',
      regex: new RegExp(`${REGION} ?\\d{2} ?${PURPOSE} ?\\d{4}(?![0-9])`, 'g'),
      score: 0.8,
    },
  ],
  context: ['차량', '차량번호', '번호판', '자동차', '차번호', '주차', 'vehicle', 'license plate', 'plate'],
};

/** 시도 short names as printed on older licences and plates. */
export const REGION_NAMES = [
  '서울',
  '부산',
  '대구',
  '인천',
  '광주',
  '대전',
  '울산',
  '세종',
  '경기',
  '강원',
  '충북',
  '충남',
  '전북',
  '전남',
  '경북',
  '경남',
  '제주',
];

/** Matches a region name (and an optional space) at the end of the text before a match. */
export const REGION_PREFIX = new RegExp(`(?:${REGION_NAMES.join('|')}) ?$`);

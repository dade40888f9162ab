import type { PatternRecognizer } from '../../types.js';

/**
 * A Korean address written in Latin script, as English forms, foreign residents' records and
 * shipping labels write one: "152 Teheran-ro, Gangnam-gu, Seoul 06236", "Apt 1503, 45
 * Sejong-daero 110-gil, Jung-gu, Seoul", "123-45 Yeoksam-dong, Gangnam-gu". A road (…-ro,
 * …-daero, …-gil) or a neighbourhood (…-dong, …-ri, …-ga) with its number is taken only with a
 * district, city or county after it (…-gu, …-si, …-gun, …-eup, …-myeon): those suffixes are
 * Korean place names' own, which no English phrase has. Looked for only in text holding one of
 * them; every part is bounded (linear time).
 */
const PLACE = '[A-Z][a-z]{1,14}(?:-?[a-z]{1,10})?';
const NUMBER = '\\d{1,5}(?:-\\d{1,5})?';
const ROAD = `${PLACE}-(?:[Dd]aero|[Rr]o|[Gg]il)(?: \\d{1,4}(?:[Bb]eon)?-[Gg]il)?`;
const LOT = `${PLACE}-(?:[Dd]ong|[Rr]i|[Gg]a)`;
const AREA = `${PLACE}-(?:[Gg]u|[Ss]i|[Gg]un|[Ee]up|[Mm]yeon|[Dd]ong)`;
const CITY = `${PLACE}(?:-(?:[Ss]i|[Dd]o))?`;
/** The unit before the street: "Apt 1503", "#1503", "101-dong 1503-ho", "3F". */
const UNIT = `(?:(?:Apt\\.?|Apartment|Unit|Room|Rm\\.?|Suite|Ste\\.?|#) ?\\d{1,5}|\\d{1,4}-dong,? \\d{1,5}-ho|\\d{1,5}-ho|\\d{1,3}(?:F|st [Ff]loor|nd [Ff]loor|rd [Ff]loor|th [Ff]loor))`;

const ADDRESS = new RegExp(
  `(?<![A-Za-z0-9-])(?:${UNIT},? ){0,2}(?:${NUMBER},? ${ROAD}|${ROAD},? ${NUMBER}|${NUMBER},? ${LOT})` +
    `(?:,? ${AREA}){1,3}(?:,? (?:(?:Republic of |South )?Korea|${CITY})){0,3}(?:,? \\d{5})?(?![A-Za-z0-9-])`,
  'g',
);

export const krAddressLatin: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_ADDRESS',
  category: 'personal',
  patterns: [
    {
      name: 'address-latin',
      regex: ADDRESS,
      trigger: /-(?:[Gg]u|[Ss]i|[Gg]un|[Ee]up|[Mm]yeon)(?![a-z])/,
      score: 0.8,
    },
  ],
  context: ['address', 'addr', '주소', '거주지', 'ship to', 'deliver to'],
};

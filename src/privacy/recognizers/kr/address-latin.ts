import { matches } from '../../matches.js';
import type { Candidate, ScanningRecognizer } from '../../types.js';

/**
 * A Korean address written in Latin script, as English forms, foreign residents' records and
 * shipping labels write one: "152 Teheran-ro, Gangnam-gu, Seoul 06236", "Apt 1503, 45
 * Sejong-daero 110-gil, Jung-gu, Seoul", "123-45 Yeoksam-dong, Gangnam-gu", or in Korean order,
 * "Seoul, Gangnam-gu, Teheran-ro 152". A road (…-ro,
 * …-daero, …-gil) or a neighbourhood (…-dong, …-ri, …-ga) with its number is taken only with a
 * district, city or county after it (before it, in Korean order: …-gu, …-si, …-gun, …-eup, …-myeon): those suffixes are
 * Korean place names' own, which no English phrase has. Looked for only around one of them;
 * every part is bounded (linear time).
 */
const PLACE = '[A-Z][a-z]{1,14}(?:-?[a-z]{1,10})?';
/**
 * A place as a single word before its suffix (no second part that may or may not follow a
 * hyphen), for the Korean order below: with PLACE's two ways to split a word, its repeated parts
 * backtracked for seconds on a text of capitalised words.
 */
const WORD = '[A-Z][a-z]{1,24}';
const NUMBER = '\\d{1,5}(?:-\\d{1,5})?';
/** A road, a neighbourhood, a district and a city, with their place written as `place`. */
const road = (place: string) => `${place}-(?:[Dd]aero|[Rr]o|[Gg]il)(?: \\d{1,4}(?:[Bb]eon)?-[Gg]il)?`;
const lot = (place: string) => `${place}-(?:[Dd]ong|[Rr]i|[Gg]a)`;
const area = (place: string) => `${place}-(?:[Gg]u|[Ss]i|[Gg]un|[Ee]up|[Mm]yeon|[Dd]ong)`;
const city = (place: string) => `(?:(?:Republic of |South )?Korea|${place}(?:-(?:[Ss]i|[Dd]o))?)`;
/** The unit before the street: "Apt 1503", "#1503", "101-dong 1503-ho", "3F". */
const UNIT = `(?:(?:Apt\\.?|Apartment|Unit|Room|Rm\\.?|Suite|Ste\\.?|#) ?\\d{1,5}|\\d{1,4}-dong,? \\d{1,5}-ho|\\d{1,5}-ho|\\d{1,3}(?:F|st [Ff]loor|nd [Ff]loor|rd [Ff]loor|th [Ff]loor))`;

/** In English order, the street first: "152 Teheran-ro, Gangnam-gu, Seoul 06236". */
const STREET_FIRST =
  `(?:${UNIT},? ){0,2}(?:${NUMBER},? ${road(PLACE)}|${road(PLACE)},? ${NUMBER}|${NUMBER},? ${lot(PLACE)})` +
  `(?:,? ${area(PLACE)}){1,3}(?:,? ${city(PLACE)}){0,3}(?:,? \\d{5})?`;
/** In Korean order, the city first: "Seoul, Gangnam-gu, Teheran-ro 152, 1503-ho". */
const CITY_FIRST =
  `(?:(?:\\d{5},? )?${city(WORD)},? ){0,2}(?:${area(WORD)},? ){1,3}` +
  `(?:${road(WORD)}|${lot(WORD)}),? ${NUMBER}(?:,? ${UNIT}){0,2}`;
const ADDRESS = new RegExp(`(?<![A-Za-z0-9-])(?:${STREET_FIRST}|${CITY_FIRST})(?![A-Za-z0-9-])`, 'g');
/** A district, city or county suffix: every address here has one, and little else does. */
const AREA_SUFFIX = /-(?:[Gg]u|[Ss]i|[Gg]un|[Ee]up|[Mm]yeon)(?![a-z])/g;
/** How far around a suffix an address is looked for: its unit, street and number before it, the rest after. */
const BEFORE = 120;
const AFTER = 100;

export const krAddressLatin: ScanningRecognizer = {
  kind: 'scan',
  type: 'KR_ADDRESS',
  category: 'personal',
  context: ['address', 'addr', '주소', '거주지', 'ship to', 'deliver to'],
  // Looked for around each suffix only, in a bounded window: the whole text is never scanned
  // from every capital and digit (that cost 80 ms on 10 MB of English holding one address).
  scan({ text }) {
    const out: Candidate[] = [];
    let covered = 0;
    for (const s of matches(AREA_SUFFIX, text)) {
      if (s.index < covered) continue;
      const from = Math.max(0, s.index - BEFORE);
      const window = text.slice(from, Math.min(text.length, s.index + AFTER));
      for (const m of matches(ADDRESS, window)) {
        const start = from + m.index;
        const end = start + m[0].length;
        if (end <= s.index) continue;
        if (start > s.index) break;
        // The window's edge is no word's edge: a match must not start inside a word cut by it.
        if (start === from && from > 0 && /[A-Za-z0-9-]/.test(text.charAt(from - 1))) continue;
        if (start >= covered) out.push({ type: 'KR_ADDRESS', category: 'personal', start, end, score: 0.8 });
        covered = Math.max(covered, end);
        break;
      }
    }
    return out;
  },
};

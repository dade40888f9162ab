import type { PatternRecognizer } from '../../types.js';

/**
 * Names written in Latin script, as on passports, foreigner records and English forms: Korean
 * names romanised ("HONG GILDONG", "Hong Gil-dong", "JEGAL MINSU"), and the names of foreign
 * workers, spouses and patients most common in Korean records — Vietnamese ("NGUYEN THI HOA") and
 * Chinese (pinyin) — and Vietnamese names written in Hangul ("응우옌 티 흐엉"). Each needs a known
 * surname and one or more given-name words after it, so an uppercase heading or a single word is
 * not taken; every pattern is a bounded sequence (linear time).
 */
const KOREAN = [
  'KIM',
  'LEE',
  'YI',
  'RHEE',
  'PARK',
  'PAK',
  'BAK',
  'CHOI',
  'CHOE',
  'JUNG',
  'JEONG',
  'CHUNG',
  'KANG',
  'CHO',
  'JO',
  'YOON',
  'YUN',
  'JANG',
  'CHANG',
  'LIM',
  'IM',
  'HAN',
  'OH',
  'SEO',
  'SUH',
  'SHIN',
  'SIN',
  'KWON',
  'GWON',
  'HWANG',
  'AHN',
  'AN',
  'SONG',
  'JEON',
  'JUN',
  'CHUN',
  'HONG',
  'YOO',
  'YU',
  'RYU',
  'KO',
  'GO',
  'MOON',
  'MUN',
  'YANG',
  'SON',
  'BAE',
  'BAEK',
  'PAIK',
  'HEO',
  'HUH',
  'NAM',
  'SIM',
  'SHIM',
  'NOH',
  'ROH',
  'NO',
  'HA',
  'KWAK',
  'GWAK',
  'SUNG',
  'SEONG',
  'CHA',
  'JOO',
  'JU',
  'WOO',
  'KOO',
  'GU',
  'MIN',
  'NA',
  'JIN',
  'JI',
  'EOM',
  'UM',
  'CHAE',
  'WON',
  'CHEON',
  'BANG',
  'GONG',
  'KONG',
  'HYUN',
  'HYEON',
  'HAM',
  'BYUN',
  'BYEON',
  'YEOM',
  'YEO',
  'CHOO',
  'CHU',
  'DO',
  'SEOK',
  'SUK',
  'SEOL',
  'MA',
  'GIL',
  'YEON',
  'WI',
  'PYO',
  'MYEONG',
  'KI',
  'GI',
  'BAN',
  'WANG',
  'GEUM',
  'OK',
  'YUK',
  'IN',
  'MAENG',
  'JE',
  'MO',
  'TAK',
  'KUK',
  'EO',
  'EUN',
  'PYEON',
  'YONG',
  // Compound surnames (황보, 제갈, 남궁, 선우, 독고, 사공, 서문).
  'HWANGBO',
  'JEGAL',
  'NAMGUNG',
  'NAMKUNG',
  'SUNWOO',
  'SEONU',
  'DOKGO',
  'SAGONG',
  'SEOMUN',
];
const VIETNAMESE = [
  'NGUYEN',
  'TRAN',
  'LE',
  'PHAM',
  'HOANG',
  'HUYNH',
  'PHAN',
  'VU',
  'VO',
  'DANG',
  'BUI',
  'DO',
  'HO',
  'NGO',
  'DUONG',
  'LY',
  'TRINH',
  'DINH',
  'LAM',
  'LUONG',
];
const CHINESE = [
  'WANG',
  'LI',
  'ZHANG',
  'LIU',
  'CHEN',
  'YANG',
  'ZHAO',
  'HUANG',
  'ZHOU',
  'WU',
  'XU',
  'SUN',
  'MA',
  'ZHU',
  'HU',
  'GUO',
  'HE',
  'LIN',
  'LUO',
  'GAO',
];

const title = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();
const upper = [...new Set([...KOREAN, ...VIETNAMESE, ...CHINESE])]
  .sort((a, b) => b.length - a.length)
  .join('|');
const titled = [...new Set([...KOREAN, ...VIETNAMESE, ...CHINESE])]
  .sort((a, b) => b.length - a.length)
  .map(title)
  .join('|');
const CAP = '[A-Z]{2,12}';
const GIVEN = '[A-Z][a-z]{1,11}';

// Vietnamese names in Hangul: a surname, then a middle name (티, 반, 딘…) and a given name; 응우옌,
// unmistakable, needs no middle name.
const VIET_HANGUL_SURNAMES =
  '응우옌|응우엔|응웬|쩐|팜|호앙|후인|부이|응오|즈엉|당|판|보|부|레|도|호|리|찐|딘|럼|르엉';
const VIET_MIDDLE = '티|반|딘|득|꽝|후|응옥|타인|비엣|밍|투|탄|홍|안|꾸억|반반|티엔';

/** One romanised syllable (Revised Romanisation, McCune–Reischauer spellings, Vietnamese). */
const SYLLABLE =
  '(?:ngh|ng|nh|ch|kh|ph|th|tr|gh|gi|qu|kk|tt|pp|ss|jj|sh|[bcdghjklmnprstvwyz])?[aeiouy]{1,3}(?:ng|nh|ch|[kmnptl])?';
const ROMANISED = new RegExp(`^(?:${SYLLABLE}){1,4}$`, 'i');
const VIETNAMESE_SET = new Set(VIETNAMESE);
const HANGUL = /[가-힣]/;
/** Words that read as syllables but follow a surname-shaped word in place names and phrases. */
const NOT_GIVEN = new Set([
  'KONG',
  'AVENUE',
  'TOWN',
  'CITY',
  'HALL',
  'MALL',
  'TOWER',
  'HILL',
  'LINE',
  'ONE',
  'TIME',
  'GAME',
  'NAME',
  'HOME',
  'LAND',
  'BANK',
  'POINT',
]);

/**
 * A Latin match is a name only when every given-name word reads as romanised syllables
 * ("GILDONG", "THI HOA"; not "HARDWARE", "DISTURB") and, after a Vietnamese surname, there are two
 * of them ("NGUYEN THI HOA"; not "LE MONDE"). Next to 성명, name or passport it is taken anyway.
 */
function validate(match: string): 'unknown' | 'invalid' {
  if (HANGUL.test(match)) return 'unknown';
  const words = match.replace(',', '').split(/[ -]/).filter(Boolean);
  const surnameFirst = /^[A-Z][A-Za-z]*$/.test(words[0] ?? '') && !/-/.test(match.split(' ')[0] ?? '');
  const given = surnameFirst ? words.slice(1) : words.slice(0, -1);
  if (!given.every((w) => ROMANISED.test(w) && !NOT_GIVEN.has(w.toUpperCase()))) return 'invalid';
  if (surnameFirst && VIETNAMESE_SET.has((words[0] ?? '').toUpperCase()) && given.length < 2)
    return 'invalid';
  return 'unknown';
}

export const foreignName: PatternRecognizer = {
  kind: 'pattern',
  type: 'PERSON',
  category: 'personal',
  patterns: [
    // Passport style: SURNAME GIVEN (GIVEN), in capitals.
    {
      name: 'latin-upper',
      regex: new RegExp(`(?<![A-Za-z])(?:${upper}),? ${CAP}(?:[ -]${CAP}){0,2}(?![A-Za-z])`, 'g'),
      score: 0.6,
    },
    // "Hong Gil-dong", "Kim Minjun", "Nguyen Thi Hoa": surname first, title case.
    {
      name: 'latin-title',
      regex: new RegExp(
        `(?<![A-Za-z])(?:${titled}) ${GIVEN}(?:-[a-z]{2,8}| [A-Z][a-z]{1,11}){0,2}(?![A-Za-z])`,
        'g',
      ),
      score: 0.55,
    },
    // "Gil-dong Hong": a hyphenated Korean given name before the surname.
    {
      name: 'latin-given-first',
      regex: new RegExp(`(?<![A-Za-z])[A-Z][a-z]{1,8}-[a-z]{2,8} (?:${titled}|${upper})(?![A-Za-z])`, 'g'),
      score: 0.6,
    },
    {
      name: 'viet-hangul',
      regex: new RegExp(
        `(?<![가-힣])(?:(?:${VIET_HANGUL_SURNAMES}) (?:${VIET_MIDDLE}) [가-힣]{1,3}|(?:응우옌|응우엔|응웬) [가-힣]{1,3}(?: [가-힣]{1,3})?)(?![가-힣])`,
        'g',
      ),
      score: 0.6,
    },
  ],
  context: ['성명', '이름', '환자', '근로자', '외국인', '여권', 'name', 'passport', '보호자', '배우자'],
  validate,
  onInvalid: 'needs-context',
};

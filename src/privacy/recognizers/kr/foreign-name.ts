import type { Candidate, PatternRecognizer, ScanningRecognizer } from '../../types.js';
import { SURNAMES } from './person-lexicon.js';

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
/** Romanised syllables of Korean given names (Revised Romanisation and common spellings). */
const KOREAN_GIVEN_SYLLABLES = [
  ...['min', 'jun', 'joon', 'seo', 'yeon', 'ji', 'woo', 'hyun', 'hyeon', 'su', 'soo', 'ye', 'eun'],
  ...['ha', 'do', 'yun', 'yoon', 'seung', 'hoon', 'hun', 'young', 'yeong', 'jae', 'sung', 'seong'],
  ...['jin', 'hee', 'kyung', 'kyeong', 'hye', 'so', 'chae', 'yu', 'ah', 'a', 'won', 'jeong', 'jung'],
  ...['ho', 'hwan', 'hyuk', 'hyeok', 'tae', 'gyu', 'kyu', 'dong', 'sang', 'sook', 'suk', 'mi', 'na'],
  ...['rin', 'bin', 'yul', 'on', 'geon', 'gun', 'hu', 'sol', 'byul', 'dam', 'kyeom', 'ju', 'joo', 'in'],
  ...['il', 'gil', 'nam', 'rang', 'ram', 'chul', 'cheol', 'yong', 'kwang', 'gwang', 'myung'],
  ...['myeong', 'ki', 'gi', 'hwa', 'ae', 'ran', 'bong', 'kyun', 'beom', 'wook', 'uk', 'chan', 'woong'],
];
const givenAlternation = [...new Set(KOREAN_GIVEN_SYLLABLES)].sort((a, b) => b.length - a.length);
const KOREAN_GIVEN_FIRST = `(?:${givenAlternation.map((g) => g.charAt(0).toUpperCase() + g.slice(1)).join('|')})`;
/** The second syllable, hyphenated or not ("Min-jun" is latin-given-first's). */
const KOREAN_GIVEN_SECOND = `(?:${givenAlternation.join('|')})`;
const KOREAN_GIVEN_WORD = new RegExp(`^${KOREAN_GIVEN_FIRST}${KOREAN_GIVEN_SECOND}$`);
const KOREAN_SET = new Set(KOREAN);
const CAP = '[A-Z]{2,12}';
const GIVEN = '[A-Z][a-z]{1,11}';

// Vietnamese names in Hangul: a surname, then a middle name (티, 반, 딘…) and a given name; 응우옌,
// unmistakable, needs no middle name, and is also written as one word ("응웬티흐엉").
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
  const words = match.replace(',', '').split(/[ /-]/).filter(Boolean);
  // A Korean given name run together before a Korean surname ("Jiwoo Park"): read as written.
  const first = words[0] ?? '';
  if (
    words.length === 2 &&
    KOREAN_GIVEN_WORD.test(first.charAt(0) + first.slice(1).toLowerCase()) &&
    KOREAN_SET.has((words[1] ?? '').toUpperCase())
  )
    return 'unknown';
  const surnameFirst = /^[A-Z][A-Za-z]*$/.test(words[0] ?? '') && !/-/.test(match.split(/[ /]/)[0] ?? '');
  const given = surnameFirst ? words.slice(1) : words.slice(0, -1);
  if (!given.every((w) => ROMANISED.test(w) && !NOT_GIVEN.has(w.toUpperCase()))) return 'invalid';
  if (surnameFirst && VIETNAMESE_SET.has((words[0] ?? '').toUpperCase()) && given.length < 2)
    return 'invalid';
  return 'unknown';
}

/**
 * Every Latin-script name starts with a capital: a text with none (most Korean prompts) skips
 * these patterns, and never compiles their long alternations (~10 ms on a process's first text).
 */
const LATIN_CAPITAL = /[A-Z]/;

export const foreignName: PatternRecognizer = {
  kind: 'pattern',
  type: 'PERSON',
  category: 'personal',
  patterns: [
    // Passport style: SURNAME GIVEN (GIVEN), in capitals; airlines and booking systems write
    // SURNAME/GIVEN ("KIM/JUNHO", "KIM / JUNHO").
    {
      name: 'latin-upper',
      regex: new RegExp(`(?<![A-Za-z])(?:${upper})(?:,? | ?/ ?)${CAP}(?:[ -]${CAP}){0,2}(?![A-Za-z])`, 'g'),
      score: 0.6,
      trigger: LATIN_CAPITAL,
    },
    // "Hong Gil-dong", "Kim Minjun", "Nguyen Thi Hoa": surname first, title case.
    {
      name: 'latin-title',
      regex: new RegExp(
        `(?<![A-Za-z])(?:${titled}) ${GIVEN}(?:-[a-z]{2,8}| [A-Z][a-z]{1,11}){0,2}(?![A-Za-z])`,
        'g',
      ),
      score: 0.55,
      trigger: LATIN_CAPITAL,
    },
    // "Gil-dong Hong": a hyphenated Korean given name before the surname.
    {
      name: 'latin-given-first',
      regex: new RegExp(`(?<![A-Za-z])[A-Z][a-z]{1,8}-[a-z]{2,8} (?:${titled}|${upper})(?![A-Za-z])`, 'g'),
      score: 0.6,
      trigger: LATIN_CAPITAL,
    },
    // "Minjun Kim", "Jiwoo Park": a Korean given name run together before the surname, as English
    // text writes it — two syllables of Korean given names (not "Theme Park", "Honey Moon").
    {
      name: 'latin-korean-given-first',
      regex: new RegExp(
        `(?<![A-Za-z])${KOREAN_GIVEN_FIRST}${KOREAN_GIVEN_SECOND} (?:${KOREAN.map(title).join('|')})(?![A-Za-z])`,
        'g',
      ),
      score: 0.55,
      trigger: LATIN_CAPITAL,
    },
    // The same in capitals, as forms and passports write names: "MINJUN KIM".
    {
      name: 'latin-korean-given-first-upper',
      regex: new RegExp(
        // A capital first, then the look back: at every other character the pattern fails at once.
        `(?=[A-Z])(?<![A-Za-z])(?:${givenAlternation.join('|').toUpperCase()}){2} (?:${KOREAN.join('|')})(?![A-Za-z])`,
        'g',
      ),
      score: 0.55,
      // Its own scan (a pattern merged with the others slowed them all): only where capitals stand in a row.
      trigger: /[A-Z]{3}/,
    },
    {
      name: 'viet-hangul',
      regex: new RegExp(
        `(?<![가-힣])(?:(?:${VIET_HANGUL_SURNAMES}) (?:${VIET_MIDDLE}) [가-힣]{1,3}|(?:응우옌|응우엔|응웬)(?: [가-힣]{1,3}(?: [가-힣]{1,3})?|[가-힣]{2,6}))(?![가-힣])`,
        'g',
      ),
      score: 0.6,
    },
  ],
  context: ['성명', '이름', '환자', '근로자', '외국인', '여권', 'name', 'passport', '보호자', '배우자'],
  validate,
  onInvalid: 'needs-context',
};

/**
 * Given names common among foreign residents, spouses, patients and partners in Korean records
 * (English, Filipino, Spanish, Indonesian, South Asian, Japanese, Russian), for names written
 * given name first ("Michael Anderson", "MARIA SANTOS", "마이클 앤더슨"); and their surnames, for
 * passports that put the surname first ("SANTOS MARIA", "YAMAMOTO KENJI").
 */
const WESTERN_GIVEN = [
  'MICHAEL',
  'DAVID',
  'JOHN',
  'JAMES',
  'ROBERT',
  'WILLIAM',
  'RICHARD',
  'THOMAS',
  'DANIEL',
  'PAUL',
  'PETER',
  'ANDREW',
  'STEVEN',
  'KEVIN',
  'BRIAN',
  'JASON',
  'ERIC',
  'CHRISTOPHER',
  'MATTHEW',
  'MARY',
  'MARIA',
  'JENNIFER',
  'SARAH',
  'JESSICA',
  'EMILY',
  'EMMA',
  'ANNA',
  'ELENA',
  'SOFIA',
  'LAURA',
  'LINDA',
  'SUSAN',
  'KAREN',
  'NANCY',
  'LISA',
  'ANGELA',
  'JOSE',
  'JUAN',
  'CARLOS',
  'LUIS',
  'MIGUEL',
  'ROSA',
  'ANA',
  'MARICEL',
  'JOCELYN',
  'ARIF',
  'MUHAMMAD',
  'MOHAMMED',
  'AHMED',
  'ALI',
  'RAHUL',
  'PRIYA',
  'KENJI',
  'TAKESHI',
  'HIROSHI',
  'YUKI',
  'HARUTO',
  'SAKURA',
  'YUKO',
  'AKIRA',
  'IVAN',
  'DMITRY',
  'SERGEI',
  'OLGA',
  'NATALIA',
  'TATIANA',
  'ALEXANDER',
  'ALEX',
];
const OTHER_SURNAMES = [
  'SMITH',
  'JOHNSON',
  'WILLIAMS',
  'BROWN',
  'JONES',
  'MILLER',
  'DAVIS',
  'WILSON',
  'ANDERSON',
  'TAYLOR',
  'THOMAS',
  'MOORE',
  'MARTIN',
  'JACKSON',
  'THOMPSON',
  'WHITE',
  'HARRIS',
  'CLARK',
  'LEWIS',
  'WALKER',
  'GARCIA',
  'MARTINEZ',
  'RODRIGUEZ',
  'LOPEZ',
  'GONZALEZ',
  'HERNANDEZ',
  'SANTOS',
  'REYES',
  'CRUZ',
  'BAUTISTA',
  'MENDOZA',
  'DELA CRUZ',
  'RAHMAN',
  'KHAN',
  'HOSSAIN',
  'SINGH',
  'KUMAR',
  'SHARMA',
  'YAMAMOTO',
  'TANAKA',
  'SATO',
  'SUZUKI',
  'TAKAHASHI',
  'WATANABE',
  'ITO',
  'NAKAMURA',
  'KOBAYASHI',
  'IVANOV',
  'PETROV',
  'SMIRNOV',
  'KUZNETSOV',
  'POPOV',
];
const WESTERN_GIVEN_HANGUL =
  '마이클|데이비드|제임스|로버트|윌리엄|리처드|토머스|다니엘|피터|앤드루|스티븐|케빈|브라이언|제이슨|에릭|크리스토퍼|매슈|' +
  '메리|마리아|제니퍼|사라|제시카|에밀리|엠마|안나|엘레나|소피아|로라|린다|호세|후안|카를로스|루이스|미겔|로사|' +
  '아리프|무하마드|아메드|알리|라훌|켄지|다케시|히로시|유키|아키라|이반|드미트리|세르게이|올가|나탈리아|타티아나|알렉산더|' +
  // As Korean news and reviews write English given names (not one a Korean word as well).
  '톰|브래드|러셀|리암|줄리앤|줄리안|스칼렛|키아누|레오나르도|매튜|안젤리나|나탈리|줄리아|케이트|멜리사|에단|라이언|' +
  '해리|올리버|제이크|조니|조셉|조지|찰스|프랭크|헨리|벤자민|앤서니|니콜라스|알렉스|빅토리아|엘리자베스|캐서린|' +
  '샬롯|올리비아|레이첼|모건|제니|조슈아|앤드류|니콜|앤절리나|휘트니|숀|샤론';

/**
 * Particles that may follow a foreign name written in Hangul (longest first where one starts
 * another). Not the Korean name scanner's PARTICLES: those hold the -이 a Korean given name takes
 * before a particle (민준이가, 민준이는), which read after a foreign surname would cut it short
 * (리지웨이가 as 리지웨 + 이가).
 */
const HANGUL_PARTICLE =
  '와의|과의|에게서|에게|한테|이랑|랑|처럼|보다|이라는|라는|이라고|라고|에서|으로|로|까지|부터|께서|은|는|이|가|을|를|의|와|과|도|만';
/** Words after an English given name that are no surname: "빅토리아 대학", "해리 왕자", "줄리아 감상". */
const NOT_SURNAMES =
  '대학교|대학|부인|왕자|공주|장군|대령|중령|소령|일병|감상|사이|누나|언니|오빠|시대|여왕|국왕';

const alternation = (list: readonly string[], f: (s: string) => string) =>
  [...new Set(list)]
    .sort((a, b) => b.length - a.length)
    .map(f)
    .join('|');
const titleWords = (s: string) => s.split(' ').map(title).join(' ');

/**
 * The label of a person's name on an English or bilingual form, right before its colon: "Name",
 * "Full name", "Patient", "성명(영문)". "File name" or "Company name" name other things, so a word
 * before the label is one of a person's name's qualifiers, or none.
 */
const PERSON_LABEL = String.raw`(?<![A-Za-z])(?:(?:[Ff]ull|[Ff]irst|[Ll]ast|[Gg]iven|[Ff]amily|[Cc]ustomer(?:'s)?|[Pp]atient(?:'s)?|[Cc]lient(?:'s)?|[Aa]pplicant(?:'s)?|[Hh]older(?:'s)?|[Ee]mployee|[Pp]assenger|[Gg]uest|[Cc]ontact|[Mm]ember|[Ss]tudent|[Yy]our|[Mm]y) [Nn]ame|(?<![A-Za-z][ _-]?)(?:[Nn]ame|NAME|FULL NAME|[Pp]atient|[Cc]ustomer|[Cc]lient|[Aa]pplicant|[Pp]assenger|[Aa]ccount [Hh]older)|성명|이름|고객명|환자명|영문 ?성명|영문 ?이름|예금주|신청인|From|To|Cc|CC|Reply-To|Sender)(?: ?\([^)\n]{1,20}\))? ?$`;
const LABEL_BEFORE = new RegExp(PERSON_LABEL);
const MAIL_HEADER = /(?<![A-Za-z])(?:From|To|Cc|CC|Reply-To|Sender) ?$/;
/**
 * Two or three words in Latin script, title case or capitals (a hyphenated given name too): a
 * name read by its place (after a label, in brackets beside its Hangul form), whatever its words.
 */
export const LATIN_WORDS =
  '(?:[A-Z][a-z]{1,14}(?:-[a-z]{2,8})?(?: [A-Z][a-z]{1,14}(?:-[a-z]{2,8})?){1,2}|[A-Z]{2,14}(?:-[A-Z]{2,8})?(?: [A-Z]{2,14}(?:-[A-Z]{2,8})?){1,2})';
const LATIN_NAME = new RegExp(`${LATIN_WORDS}(?![A-Za-z])`, 'y');
const LABEL_REACH = 48;

/**
 * Whatever the words, two or three of them right after a person's name label and its colon are
 * the name: "Name: Gildong Hong", "Full name: John Smith", "성명(영문): TRAN VAN MINH". Read from
 * each colon (one look back at the label, one at the words after it), not from every capital.
 */
export const latinNameAfterLabel: ScanningRecognizer = {
  kind: 'scan',
  type: 'PERSON',
  category: 'personal',
  context: ['성명', '이름', 'name'],
  scan({ text }) {
    const out: Candidate[] = [];
    const colons = text.includes('：') ? [':', '：'] : [':'];
    for (const colon of colons)
      for (let i = text.indexOf(colon); i >= 0; i = text.indexOf(colon, i + 1)) read(i);
    return colons.length > 1 ? out.sort((a, b) => a.start - b.start) : out;

    function read(i: number) {
      let at = i + 1;
      if (text.charCodeAt(at) === 0x20) at++;
      const first = text.charCodeAt(at);
      if (!(first >= 0x41 && first <= 0x5a)) return;
      if (!LABEL_BEFORE.test(text.slice(Math.max(0, i - LABEL_REACH), i))) return;
      LATIN_NAME.lastIndex = at;
      const m = LATIN_NAME.exec(text);
      if (!m) return;
      // A mail header's label ("From:", "To:", "Cc:") also names teams and lists: only a display
      // name with its address after it is a person's ("From: Minjun Kim <minjun@corp.kr>").
      const end = at + m[0].length;
      if (MAIL_HEADER.test(text.slice(Math.max(0, i - 10), i)) && !text.startsWith(' <', end)) return;
      out.push({ type: 'PERSON', category: 'personal', start: at, end, score: 0.8 });
    }
  },
};

/** Not "Grace Period" or "MARK DOWN": given names that are also common words are left out. */
export const westernName: PatternRecognizer = {
  kind: 'pattern',
  type: 'PERSON',
  category: 'personal',
  patterns: [
    {
      name: 'given-first-upper',
      regex: new RegExp(
        `(?<![A-Za-z])(?:${alternation(WESTERN_GIVEN, (s) => s)}) [A-Z]{2,14}(?: [A-Z]{2,14})?(?![A-Za-z])`,
        'g',
      ),
      score: 0.6,
      trigger: LATIN_CAPITAL,
    },
    {
      name: 'given-first-title',
      regex: new RegExp(
        `(?<![A-Za-z])(?:${alternation(WESTERN_GIVEN, title)}) [A-Z][a-z]{2,14}(?![A-Za-z])`,
        'g',
      ),
      score: 0.55,
      trigger: LATIN_CAPITAL,
    },
    {
      name: 'surname-first-upper',
      regex: new RegExp(
        `(?<![A-Za-z])(?:${alternation(OTHER_SURNAMES, (s) => s)}),? (?:${alternation(WESTERN_GIVEN, (s) => s)})(?![A-Za-z])`,
        'g',
      ),
      score: 0.6,
      trigger: LATIN_CAPITAL,
    },
    {
      name: 'surname-first-title',
      regex: new RegExp(
        `(?<![A-Za-z])(?:${alternation(OTHER_SURNAMES, titleWords)}),? (?:${alternation(WESTERN_GIVEN, title)})(?![A-Za-z])`,
        'g',
      ),
      score: 0.55,
      trigger: LATIN_CAPITAL,
    },
    {
      // A surname of two to four syllables (마이클 앤더슨), or a Korean one (데이비드 박, 제임스 김);
      // a title or particle after it is not part of the name ("톰 행크스는", "매슈 토드씨의").
      name: 'given-first-hangul',
      regex: new RegExp(
        `(?<![가-힣])(?:${WESTERN_GIVEN_HANGUL}) (?:(?!(?:${NOT_SURNAMES})(?:${HANGUL_PARTICLE})?(?![가-힣]))[가-힣]{2,4}?(?=(?:씨|님)?(?:${HANGUL_PARTICLE})?(?![가-힣]))|[${[...SURNAMES].join('')}](?![가-힣]))`,
        'g',
      ),
      score: 0.55,
    },
  ],
  context: ['성명', '이름', '환자', '근로자', '외국인', '여권', 'name', 'passport', '보호자', '배우자'],
};

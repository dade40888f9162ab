import { isDigit, isHangul } from '../../chars.js';
import type { Candidate, ScanningRecognizer } from '../../types.js';
import { LATIN_WORDS } from './foreign-name.js';
import { KNOWN_NAMES } from './known-names.js';
import {
  COMPOUND_SURNAMES,
  CONTEXT_PARTICLES,
  COPULAS,
  GLUED_TITLES,
  LABELS,
  MASK_CHARS,
  NAME_SYLLABLES,
  NOT_NAMES,
  OFFICES_AFTER,
  ORGANISATION_ENDINGS,
  PARTICLES,
  RELATIONS_BEFORE,
  SELF_BEFORE,
  SIGN_OFFS,
  STRONG_NAME_SYLLABLES,
  SURNAMES,
  TITLES,
  TITLES_BEFORE,
} from './person-lexicon.js';
import { GroupedSyllableWords, SyllableWordSet } from './syllable-set.js';

/**
 * Korean names: a surname and one or two given syllables, inside an 어절 that may carry a particle
 * or a title. Shape alone decides little (정하은 and 정하다 look alike), so the score comes mostly
 * from context: a title (님, 씨, 변호사), a label (성명:, 환자), an identifier nearby, or the same
 * name confirmed elsewhere in the text.
 */

/** Single characters as a set of their codes: looked up by charCodeAt, no one-letter string made. */
const codesOf = (chars: Iterable<string>): ReadonlySet<number> =>
  new Set([...chars].map((c) => c.charCodeAt(0)));
const MASK_CODES = codesOf(MASK_CHARS);

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122);

// One byte per syllable: 1 = surname, 2 = first syllable of a compound surname. Checking a
// word's first syllable is then one array read, which keeps the scan cheap on long texts.
const START = new Uint8Array(HANGUL_LAST - HANGUL_FIRST + 1);
for (const s of SURNAMES) START[s.charCodeAt(0) - HANGUL_FIRST] = 1;
for (const s of COMPOUND_SURNAMES) {
  const i = s.charCodeAt(0) - HANGUL_FIRST;
  START[i] = (START[i] as number) | 2;
}

const PARTICLE_SET = new SyllableWordSet(PARTICLES);
const CONTEXT_PARTICLE_SET = new SyllableWordSet(CONTEXT_PARTICLES);
// Titles and labels are never names themselves ("변호사", "환자"), whatever their first syllable.
const NEVER_NAMES = new SyllableWordSet([...NOT_NAMES, ...TITLES, ...TITLES_BEFORE, ...LABELS]);
const NOT_NAME_WORDS = new SyllableWordSet(NOT_NAMES);
const GLUED_TITLE_SET = new SyllableWordSet(GLUED_TITLES);
const COMPOUND_SURNAME_SET = new SyllableWordSet(COMPOUND_SURNAMES);
const TITLE_SET = new Set(TITLES);
const SIGN_OFF_SET = new Set(SIGN_OFFS);
const SELF_BEFORE_SET = new SyllableWordSet(SELF_BEFORE);
const COPULA_SET = new SyllableWordSet(COPULAS);
const OFFICE_SET = new Set(OFFICES_AFTER);
const LONGEST_OFFICE = Math.max(...OFFICES_AFTER.map((w) => w.length));
const TITLE_BEFORE_SET = new SyllableWordSet(TITLES_BEFORE);
const RELATION_BEFORE_SET = new SyllableWordSet(RELATIONS_BEFORE);
/** The shape from which a relation or role before a word ("동생 한정민") makes it a name. */
const NAME_SHAPED = 0.3;
/** Surnames that are as often a determiner before a noun (this, former, one, current, new…). */
const DETERMINERS = codesOf('이전한현구신각총본단약연매양고');
/** The score of a name field's value whose syllables are rare in names ("성명: 강감찬"). */
const FIELD_VALUE = 0.6;
/** A given name whose both syllables are typical of names, one of them strongly (민준, 서연). */
const STRONG_SHAPE = 0.45;
/** Units of an organisation ("회계과 김동률", "인사팀 박지민"): the last syllable of the word before. */
const UNIT_ENDINGS = codesOf('과팀');
/** Roles that end the word before a name ("회비담당 정해성", "경리직원 황미라", "영업사원 박찬"). */
const ROLE_ENDINGS = new SyllableWordSet(['담당', '직원', '사원']);
const PLACE_ENDINGS = codesOf('동읍면리로길');
const DISTRICT_ENDINGS = codesOf('시군구읍면');
const MO = '모'.charCodeAt(0);
const NIM = '님'.charCodeAt(0);
const SSI = '씨'.charCodeAt(0);
const GUN = '군'.charCodeAt(0);
const YANG = '양'.charCodeAt(0);
const KKE = '께'.charCodeAt(0);
const LABEL_SET = new Set(LABELS.map((l) => l.toLowerCase()));
/** Last two characters of every label: one Set lookup rules out almost every word. */
/** ASCII letters lower-cased, anything else as it is: one code unit at a time, no string made. */
const lowerCode = (c: number) => (c >= 0x41 && c <= 0x5a ? c + 32 : c);
const tailCode = (a: number, b: number) => lowerCode(a) * 0x10000 + lowerCode(b);
const LABEL_TAILS = new Set(
  LABELS.map((l) => tailCode(l.charCodeAt(l.length - 2), l.charCodeAt(l.length - 1))),
);
/** Between a label and its value: forms' colons and dashes, and code's "=" and quotes (`"name": "…"`). */
const isLabelSeparator = (c: number) =>
  c === 0x20 ||
  c === 0x3a ||
  c === 0xff1a ||
  c === 0x2d ||
  c === 0x28 ||
  c === 0x09 ||
  c === 0x3d ||
  c === 0x22 ||
  c === 0x27;
const LONGEST_LABEL = Math.max(...LABELS.map((l) => l.length));
/** Longest 어절 worth reading: compound surname + 2 given syllables + the longest suffix. */
const LONGEST_WORD = 4 + Math.max(...[...PARTICLES, ...GLUED_TITLES].map((s) => s.length));

// One byte of flags per syllable, so scoring a reading is array reads, not Set lookups.
const NAME = 1;
const STRONG = 2;
const PREDICATE_END = 4; // endings of verbs and adjectives ("주세요", "제시하"): not a name
const NOUN_SUFFIX = 8; // -化, -率, -的, -性… that end common words shaped like names
const SYLLABLE = new Uint8Array(HANGUL_LAST - HANGUL_FIRST + 1);
const flag = (chars: Iterable<string>, bit: number) => {
  for (const ch of chars) {
    const i = ch.charCodeAt(0) - HANGUL_FIRST;
    SYLLABLE[i] = (SYLLABLE[i] as number) | bit;
  }
};
flag(NAME_SYLLABLES, NAME);
flag(STRONG_NAME_SYLLABLES, STRONG);
flag('요다까죠니네며고면하', PREDICATE_END);
// 시 (전주시), 팀, 점, 회, 율, 청: the ends of place and common nouns, rarely of given names.
flag('화률적성론법학권들님시팀점회율청', NOUN_SUFFIX);

const CONTEXT_BOOST = 0.4;
const IDENTIFIER_BOOST = 0.1;
const IDENTIFIER_WINDOW = 80;
/** Score from which a name counts as confirmed, so its other mentions are names too. */
const CONFIDENT = 0.7;
/** A titled or labelled name confirms its other mentions from this score. */
const MIN_CONFIRMED = 0.5;
const MIN_CANDIDATE = 0.2;
const LIST_SEPARATOR = /^(?:[,、·ㆍ] ?|님?, ?|\/ ?)$/;

/** The shape of a name the dictionary lists as a person's: as typical as 민준 or 서연. */
const KNOWN_SHAPE = 0.55;
let knownNames: GroupedSyllableWords | undefined;

/**
 * Names of three syllables mecab-ko-dic lists as people's (known-names.ts: 최운정, 송중기, 한도현…),
 * whose syllables need not be typical of names. Read on first use (96,915 names, ~2 ms).
 */
function known(): GroupedSyllableWords {
  knownNames ??= new GroupedSyllableWords(KNOWN_NAMES);
  return knownNames;
}

/** Whether text[start, end) is a name of three syllables the dictionary lists as a person's. */
const isKnownName = (text: string, start: number, end: number) =>
  end - start === 3 && known().has(text, start, end);

const HAE = '해'.charCodeAt(0);
const HAE_ENDINGS = new Set([...'서도야줘봐']);

/** Endings a word takes as a verb or copula: 이상한, 이용해, 이전할, 정정된, 이상인. */
const VERB_ENDINGS = '한해할된인';
const VERB_ENDING_CODES = codesOf(VERB_ENDINGS);
const IL = '일'.charCodeAt(0);

/** Titles after which a word of rare syllables is a name: not 군 or 양, which are words too (군 문자). */
const RARE_NAME_TITLES = [
  ...TITLES.filter((t) => t !== '군' && t !== '양'),
  ...OFFICES_AFTER.filter(
    (o) => !['시장', '감독', '고문', '공사', '대사', '영사', '지사', '특보', '코치'].includes(o),
  ),
  '할머니',
  '할아버지',
];
const RARE_NAME_TITLE_SET = new SyllableWordSet(RARE_NAME_TITLES);
const LONGEST_RARE_NAME_TITLE = Math.max(...RARE_NAME_TITLES.map((t) => t.length));
/**
 * How a word of three syllables ends that is no name of rare syllables: an organisation (시공사,
 * 위생과, 설비팀), a verb (전파한), a particle after a word of two (기구의), a noun made of a verb
 * (한마음).
 */
const NOT_RARE_NAME_ENDING_CODES = new Set(
  [...ORGANISATION_ENDINGS, ...VERB_ENDINGS, ...'의은는이가을를도와과에음자리파'].map((c) => c.charCodeAt(0)),
);
const ORGANISATION_ENDING_CODES = new Set([...ORGANISATION_ENDINGS].map((c) => c.charCodeAt(0)));
const JEON = '전'.charCodeAt(0);
const HYEON = '현'.charCodeAt(0);
/** 부 before a title is "vice-" more often than a surname (부참모 총장). */
const BU = '부'.charCodeAt(0);

/**
 * Titles said only of a person, also with a particle: not 과장 (exaggeration), 검사 (a test), 이사
 * (a move), 대표 (on behalf), 소장 (a lawsuit), 원장 (a ledger)…
 */
const PERSON_TITLES = [
  ...'판사|장관|차관|교수|작가|의원|회장|사장|변호사|대통령|총리|부총리|부회장|총괄회장|명예회장|부장판사|부장검사'.split(
    '|',
  ),
  ...'검사장|대법관|재판관|헌법재판관|비서관|비서실장|대변인|청장|구청장|도지사|원내대표|총재|셰프|배우|가수|투수'.split(
    '|',
  ),
  ...'할머니|할아버지|씨|님'.split('|'),
];
const PERSON_TITLE_SET = new SyllableWordSet(PERSON_TITLES);
const LONGEST_PERSON_TITLE = Math.max(...PERSON_TITLES.map((t) => t.length));
const LONGEST_PARTICLE = Math.max(...PARTICLES.map((p) => p.length));
/** The first syllables of both lists of titles. */
const TITLE_FIRST_CODES = new Set([...RARE_NAME_TITLES, ...PERSON_TITLES].map((t) => t.charCodeAt(0)));

/**
 * Whether a title follows after a space: one of RARE_NAME_TITLE_SET alone, or one of PERSON_TITLE_SET
 * with a particle ("총괄회장과", "판사는").
 */
function rareNameTitleAfter(text: string, end: number, wordEnd: number): boolean {
  const from = end + 1;
  if (wordEnd - from <= LONGEST_RARE_NAME_TITLE && RARE_NAME_TITLE_SET.has(text, from, wordEnd)) return true;
  // A title and a particle: each at most as long as the longest (looked up without slicing).
  const last = Math.min(wordEnd - 1, from + LONGEST_PERSON_TITLE);
  for (let k = Math.max(from + 1, wordEnd - LONGEST_PARTICLE); k <= last; k++)
    if (PERSON_TITLE_SET.has(text, from, k) && PARTICLE_SET.has(text, k, wordEnd)) return true;
  return false;
}

/**
 * A word of three syllables from a surname, of syllables rare in names or a weak shape, right
 * before a title (`rareNameTitleAfter`): a name ("허부열 판사", "이봉락 판사는"), unless it ends as
 * an organisation, a verb, a particle or a noun of a verb does, or starts with 부 (vice-).
 */
function titledWord(text: string, start: number, end: number): boolean {
  if (end - start !== 3 || text.charCodeAt(end) !== 0x20) return false;
  if (NOT_RARE_NAME_ENDING_CODES.has(text.charCodeAt(end - 1)) || text.charCodeAt(start) === BU) return false;
  let wordEnd = end + 1;
  while (wordEnd - end <= 12 && isHangul(text.charCodeAt(wordEnd))) wordEnd++;
  if (wordEnd === end + 1) return false;
  // Most words after are neither: each test asked only of a word that starts as a title does, or
  // ends as an organisation does.
  if (TITLE_FIRST_CODES.has(text.charCodeAt(end + 1)) && rareNameTitleAfter(text, end, wordEnd)) return true;
  // An organisation, or 전 or 현, between it and an office ("황교안 법무부 장관은", "손재학 전 차관이").
  const last = text.charCodeAt(wordEnd - 1);
  const between =
    ORGANISATION_ENDING_CODES.has(last) || (wordEnd === end + 2 && (last === JEON || last === HYEON));
  return between && officeAfter(text, end) > end + 1;
}

/**
 * Whether the syllable at `at` ends a word as a verb or copula does, or 일 does as a date's label
 * (조제일 2026…) or a copula before 때 or 경우 (이상일 경우, 정상일 때).
 */
function endingAfterWord(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (VERB_ENDING_CODES.has(c)) return true;
  if (c !== IL) return false;
  let i = at + 1;
  while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x3a) i++;
  return isDigit(text.charCodeAt(i)) || text.startsWith('때', i) || text.startsWith('경우', i);
}

/** How name-like the given syllables text[at, at + length) of a name from `start` are (0.05-0.55). */
function shapeScore(text: string, start: number, at: number, length: number, bare: boolean): number {
  const a = SYLLABLE[text.charCodeAt(at) - HANGUL_FIRST] as number;
  const b = length === 2 ? (SYLLABLE[text.charCodeAt(at + 1) - HANGUL_FIRST] as number) : 0;
  if (b & PREDICATE_END) return 0.05;
  // 해 and a connective's ending is a verb's (원해서, 편해서, 정해도, 전해야), never given syllables.
  if (length === 2 && text.charCodeAt(at) === HAE && HAE_ENDINGS.has(text.charAt(at + 1))) return 0.05;
  let score: number;
  if (length === 1) score = a & STRONG ? 0.25 : a & NAME ? 0.2 : 0.05;
  else if (a & b & STRONG) score = 0.55;
  else if (a & b & NAME) score = (a | b) & STRONG ? 0.45 : 0.35;
  else score = 0.1;
  // A person the dictionary knows: its syllables may be rare in names (송중기, 최운정), but not a
  // verb's (이동하는) and, standing alone, not a common noun's ending. Asked only where it can
  // change the score.
  if (score < KNOWN_SHAPE && isKnownName(text, start, at + length)) score = KNOWN_SHAPE;
  return bare && b & NOUN_SUFFIX ? Math.min(score, 0.15) : score;
}

interface Reading {
  nameLength: number;
  shape: number;
  titled: boolean;
  /** Read with one of CONTEXT_PARTICLES after it: a name only where context says so. */
  needsContext: boolean;
}

/** Whether a Hangul syllable ends in a vowel (no final consonant): 로 follows it, 으로 does not. */
const endsInVowel = (c: number) => (c - HANGUL_FIRST) % 28 === 0;

/** Whether text[from, end) is one of CONTEXT_PARTICLES as Korean writes it after this name. */
function contextParticle(text: string, from: number, end: number): boolean {
  if (!CONTEXT_PARTICLE_SET.has(text, from, end)) return false;
  if (text.charAt(from) !== '로') return true;
  // "사원으로" is 사원 and 으로, never 사원으 and 로.
  return endsInVowel(text.charCodeAt(from - 1)) && text.charAt(from - 1) !== '으';
}

/** The best way to read the word text[start, end) as name + particle/title, if any. */
function readName(text: string, start: number, end: number, surnameLength: number): Reading | undefined {
  let best: Reading | undefined;
  for (let givenLength = 2; givenLength >= 1; givenLength--) {
    const given = start + surnameLength;
    const nameEnd = given + givenLength;
    if (nameEnd > end || NEVER_NAMES.has(text, start, nameEnd)) continue;
    const bare = nameEnd === end;
    const titled =
      !bare && (GLUED_TITLE_SET.has(text, nameEnd, end) || honorificWithParticle(text, nameEnd, end));
    if (text.charCodeAt(given) === MO && (bare || titled)) return undefined; // 김모씨
    const needsContext = !bare && !titled && !PARTICLE_SET.has(text, nameEnd, end);
    if (needsContext && !contextParticle(text, nameEnd, end)) continue;
    let shape = shapeScore(text, start, given, givenLength, bare) + (surnameLength === 2 ? 0.05 : 0);
    if (givenLength === 2 && NOT_NAME_WORDS.has(text, start, given + 1)) {
      // "민원은" is the word 민원 and a particle, not a name ending in 은.
      if (bare && PARTICLE_SET.has(text, given + 1, nameEnd)) continue;
      // "이상민" starts with the word 이상: weaker as a name, and unless its last syllable is a
      // typical name syllable (이미정 but not 이미지), a name only when context says so. Unless the
      // dictionary lists the whole as a person's (이수민, 한도현, 이상득) and it is not the word and
      // a verb's or copula's ending (이상한, 이용한, 이상인) or a date's label (조제일 2026.04.21).
      const last = SYLLABLE[text.charCodeAt(given + 1) - HANGUL_FIRST] as number;
      if (!isKnownName(text, start, nameEnd) || endingAfterWord(text, given + 1))
        shape = last & STRONG ? shape - 0.1 : Math.min(shape, 0.1);
    }
    const nameLength = nameEnd - start;
    // A reading that needs context yields to one that does not: "김수로 씨" is not 김수 and 로.
    if (
      !best ||
      (best.needsContext && !needsContext) ||
      (shape > best.shape && needsContext === best.needsContext)
    )
      best = { nameLength, shape, titled, needsContext };
  }
  return best;
}

/** 씨 or 님 followed by a particle, filling text[from, end): "씨도", "님한테". */
function honorificWithParticle(text: string, from: number, end: number): boolean {
  const c = text.charCodeAt(from);
  return end - from >= 2 && (c === SSI || c === NIM) && PARTICLE_SET.has(text, from + 1, end);
}

/** The Hangul word right after `from` (one space allowed), up to 6 syllables. */
function nextWord(text: string, from: number): string {
  let i = from;
  if (text.charCodeAt(i) === 0x20) i++;
  let j = i;
  while (j < text.length && j - i < 6 && isHangul(text.charCodeAt(j))) j++;
  return text.slice(i, j);
}

/**
 * What follows after a space: 2 for a title ("송미라 상무"), 1 for a title with a particle
 * ("안세령 대리께도", but also "민주당 의원에게", "당시 소장을": counts only for a word shaped like
 * a name, `nameShaped`), and for such a word an age in brackets or an office further on, else 0.
 */
function titleAfter(text: string, nameEnd: number, nameShaped: boolean): 0 | 1 | 2 {
  // Past the name written again in Hanja or Latin script: "홍길동(洪吉童) 고객님".
  const end = nameEnd + otherScriptAfter(text, nameEnd);
  const word = nextWord(text, end);
  if (TITLE_SET.has(word) || rankClosingNote(text, end) || sealAfter(text, end)) return 2;
  const from = end + (text.charCodeAt(end) === 0x20 ? 1 : 0);
  // Titles of one syllable (군, 양) with a particle are words: "권리금 양도". Titles with a
  // particle are weaker (검사를 받다, 이사를 가다, 대표로) unless the form is only said of a person:
  // honoured with 님 ("대리님께") or by an honorific particle ("대리께도", "검사께서").
  for (let k = word.length - 1; k >= 2; k--)
    if (TITLE_SET.has(word.slice(0, k)) && PARTICLE_SET.has(text, from + k, from + word.length))
      return text.charCodeAt(from + k - 1) === NIM || text.charCodeAt(from + k) === KKE ? 2 : 1;
  // But 씨 and 님 with any particle ("마동석 씨를", "씨도"), for a word shaped like a name.
  if (honorificWithParticle(text, from, from + word.length)) return 1;
  // A letter's close after its writer's name: "홍길동 드림".
  if (SIGN_OFF_SET.has(word)) return 1;
  // Read further only where it can count: a word shaped like a name.
  return nameShaped && (ageAfter(text, end) || officeAfter(text, end) >= 0) ? 1 : 0;
}

/** Marks of a seal or signature after a name on a contract or form: "홍길동 (인)", "(印)", "(서명)". */
const SEALS = ['(인)', '(印)', '(서명)', '(sign)'];

/** Whether a seal or signature mark follows the name, a space between or none. */
function sealAfter(text: string, end: number): boolean {
  const at = end + (text.charCodeAt(end) === 0x20 ? 1 : 0);
  return text.charCodeAt(at) === 0x28 && SEALS.some((s) => text.startsWith(s, at));
}

/** The longest note in brackets looked into for a rank. */
const LONGEST_NOTE = 40;

/**
 * A rank closing a note in brackets right after the name, as announcements of appointments write
 * people: "정해민 (마케팅실 콘텐츠팀, 주임)", "배수정 (現 홍보팀 차장)". Not a note with a colon
 * ("(담당: 과장)" labels someone else).
 */
function rankClosingNote(text: string, end: number): boolean {
  let i = end + (text.charCodeAt(end) === 0x20 ? 1 : 0);
  if (text.charCodeAt(i) !== 0x28) return false;
  const open = i;
  for (i++; i < text.length && i - open <= LONGEST_NOTE; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x29) break;
    if (c === 0x28 || c === 0x0a || c === 0x3a) return false;
  }
  if (text.charCodeAt(i) !== 0x29) return false;
  let w = i;
  while (w > open + 1 && isHangul(text.charCodeAt(w - 1))) w--;
  return w < i && (w === open + 1 || !isHangul(text.charCodeAt(w - 1))) && TITLE_SET.has(text.slice(w, i));
}

/** An age in brackets right after the name, as news writes people: "김성동(54)", "(54·회사원)". */
function ageAfter(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== 0x28) return false; // (
  let i = end + 1;
  while (i < text.length && i - end <= 3 && isDigit(text.charCodeAt(i))) i++;
  const digits = i - end - 1;
  const c = text.charAt(i);
  return digits >= 1 && digits <= 3 && (c === ')' || c === '·' || c === '세' || c === ',');
}

/** The Hangul word starting at `from`, up to `max` syllables, or '' if there is none. */
function wordAt(text: string, from: number, max: number): string {
  let j = from;
  while (j < text.length && j - from < max && isHangul(text.charCodeAt(j))) j++;
  return j < text.length && j - from >= max && isHangul(text.charCodeAt(j)) ? '' : text.slice(from, j);
}

/** An office, alone, with a particle, or ending a longer word ("대외협력실장이"). */
function isOffice(word: string): boolean {
  for (let k = word.length; k >= 1; k--) {
    const head = word.slice(0, k);
    if (k < word.length && !PARTICLE_SET.has(word, k, word.length)) continue;
    if (OFFICE_SET.has(head)) return true;
    // Ending a longer word: an office of two syllables or more ("대외협력실장").
    for (let n = 2; n <= Math.min(LONGEST_OFFICE, head.length - 2); n++)
      if (OFFICE_SET.has(head.slice(head.length - n))) return true;
  }
  return false;
}

/**
 * An office after the name, past "전" (former) and organisations: "신동주 전 부회장이", "윤병세
 * 외교부 장관과", "정동영 전 통일부 장관", "심우용 부장판사", "고동민 대외협력실장". Where the
 * office's word starts, or -1. Counts only for a word shaped like a name (시장, 감독 are also words).
 */
function officeAfter(text: string, end: number): number {
  let at = end;
  for (let step = 0; step < 3; step++) {
    if (text.charCodeAt(at) !== 0x20) return -1;
    const word = wordAt(text, at + 1, 12);
    if (word === '') return -1;
    if (isOffice(word)) return at + 1;
    const former = step === 0 && (word === '전' || word === '현');
    const organisation = word.length >= 2 && ORGANISATION_ENDINGS.has(word.charAt(word.length - 1));
    if (!former && !organisation) return -1;
    at += 1 + word.length;
  }
  return -1;
}

/** Words that head a column of names in a table or roster ("사번 성명 건강보험증번호"). */
const NAME_COLUMNS = [
  '성명',
  '이름',
  '환자명',
  '고객명',
  '수검자명',
  'name',
  // Columns of people by their role, as exports and registers head them.
  '환자',
  '담당자',
  '작성자',
  '신청인',
  '보호자',
  '예금주',
  'patient',
  'customer',
  'pharmacist',
  'doctor',
  'employee',
];
/** A CSV export's header: three fields or more between commas, no spaces ("id,patient,rrn"). */
const CSV_HEADER = /^[^,\s]+(?:,[^,\s]*){2,}$/;
/**
 * Whether the block's header line heads columns and one of them is names or people: several labels
 * set apart by slashes, bars, tabs or runs of spaces, or a CSV header, and no colon (a form's
 * "성명: 홍길동" line labels only its own value, not the lines below it).
 */
const nameColumns = new Map<string, boolean>();
function underNameColumn(header: string): boolean {
  if (header === '') return false;
  let yes = nameColumns.get(header);
  if (yes === undefined) {
    yes =
      !header.includes(':') &&
      ((header.match(/ *[/|\t] *| {2,}/g)?.length ?? 0) >= 2 || CSV_HEADER.test(header)) &&
      NAME_COLUMNS.some((w) => header.includes(w));
    // Headers are few per text; the memo is cleared before it could grow without bound.
    if (nameColumns.size > 10_000) nameColumns.clear();
    nameColumns.set(header, yes);
  }
  return yes;
}

/** The name in Hanja (two to four characters) or in Latin script (two or three words). */
const OTHER_SCRIPT = `(?:[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]{2,4}|${LATIN_WORDS})`;
/** One or both forms in brackets: "(黃志元)", "(Minjun Kim)", "(朴瑞俊, Park Seo-jun)". */
const OTHER_SCRIPTS_IN_BRACKETS = new RegExp(` ?\\(${OTHER_SCRIPT}(?:(?:, ?| ?/ ?)${OTHER_SCRIPT})?\\)`, 'y');

/**
 * The length of the name written again right after it in brackets, in Hanja, in Latin script or
 * both ("황지원(黃志元)", "김민준(Minjun Kim)", "박서준 (朴瑞俊, Park Seo-jun)", as bilingual forms
 * and signatures write it), else 0: the span takes it in, or masking would leave the name readable
 * in the other script.
 */
function otherScriptAfter(text: string, end: number): number {
  // Asked of every titled reading: most have no bracket after them, told by one or two reads.
  const c = text.charCodeAt(end);
  if (c !== 0x28 && !(c === 0x20 && text.charCodeAt(end + 1) === 0x28)) return 0;
  OTHER_SCRIPTS_IN_BRACKETS.lastIndex = end;
  return OTHER_SCRIPTS_IN_BRACKETS.exec(text)?.[0].length ?? 0;
}

/** A name in Latin script ending right before a bracket (a space allowed). */
const LATIN_BEFORE_BRACKET = new RegExp(`(?<![A-Za-z])${LATIN_WORDS} ?$`);

/**
 * How far before the name in brackets at [start, end) its form in Latin script starts
 * ("Minjun Kim(김민준)": the words and the bracket), else 0.
 */
function latinBefore(text: string, start: number, end: number): number {
  if (text.charCodeAt(start - 1) !== 0x28 || text.charCodeAt(end) !== 0x29) return 0;
  const before = LATIN_BEFORE_BRACKET.exec(text.slice(Math.max(0, start - 1 - 48), start - 1));
  return before ? before[0].length + 1 : 0;
}

/** The length of 2–4 characters of one script in brackets right after `end` (a space allowed), else 0. */
function bracketedAfter(text: string, end: number, inScript: (c: number) => boolean): number {
  const open = text.charCodeAt(end) === 0x20 ? end + 1 : end;
  if (text.charCodeAt(open) !== 0x28) return 0; // (
  let i = open + 1;
  while (i < text.length && i - open <= 5 && inScript(text.charCodeAt(i))) i++;
  const n = i - open - 1;
  return n >= 2 && n <= 4 && text.charCodeAt(i) === 0x29 ? i + 1 - end : 0;
}
/** Korean surnames in Hanja, one character each (the commonest hundred). */
const HANJA_SURNAMES =
  '金李朴崔鄭姜趙尹張林韓吳徐申權黃安宋柳洪全高文孫梁裵白曺許南沈劉盧河丁成車具郭禹朱任羅辛閔陳池嚴元蔡千方孔玄咸卞廉楊邊呂秋魯都蘇愼石宣薛馬吉周延房魏表明奇潘王琴玉陸印孟諸牟蔣卓鞠余殷片龍芮慶康';
/** One comparison rules out ASCII and most text (the name scan asks it of many characters). */
const isHanja = (c: number) =>
  c >= 0x3400 && ((c >= 0x4e00 && c <= 0x9fff) || c <= 0x4dbf || (c >= 0xf900 && c <= 0xfaff));

const inName = (c: number) => isHangul(c) || isHanja(c);

/**
 * A name of three characters mixing Hangul and Hanja from `i` — a surname in either script, then
 * given syllables in both or the other ("金민준", "김民俊", "백承준") — with a title glued or after it,
 * or a label before it and no word glued to it: where its word ends, else -1. Three characters
 * mixing the scripts are rarely anything else, but a word ("韓국인") may be: so only with context.
 */
function mixedName(text: string, i: number): number {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  const c = text.charCodeAt(i + 2);
  // Cheap first: at least one of each script among the three.
  const hanjaCount = (isHanja(a) ? 1 : 0) + (isHanja(b) ? 1 : 0) + (isHanja(c) ? 1 : 0);
  if (hanjaCount === 0 || hanjaCount === 3 || !inName(b) || !inName(c)) return -1;
  if (isHanja(a) ? !HANJA_SURNAMES.includes(text.charAt(i)) : !((START[a - HANGUL_FIRST] as number) & 1))
    return -1;
  const end = i + 3;
  if (end < text.length && isHanja(text.charCodeAt(end))) return -1;
  let wordEnd = end;
  while (wordEnd < text.length && wordEnd - end < LONGEST_WORD && isHangul(text.charCodeAt(wordEnd)))
    wordEnd++;
  if (wordEnd > end)
    return GLUED_TITLE_SET.has(text, end, wordEnd) || honorificWithParticle(text, end, wordEnd)
      ? wordEnd
      : -1;
  return titleAfter(text, end, true) > 0 || labelledAt(text, i) ? end : -1;
}

/** A neighbourhood or road right after its district ("유성구 봉명동", "덕진구 송천동"). */
function placeAfterDistrict(text: string, start: number, end: number): boolean {
  return (
    start >= 2 &&
    text.charCodeAt(start - 1) === 0x20 &&
    PLACE_ENDINGS.has(text.charCodeAt(end - 1)) &&
    DISTRICT_ENDINGS.has(text.charCodeAt(start - 2))
  );
}

/**
 * What the word just before the name (one space between) says: 2 for a rank or role written
 * before names ("경위 류기봉") or an organisation's unit ("회계과 김동률"); 1 for a relation or a
 * role that also stands before common nouns ("동생 한정민", "경리직원 황미라 씨와"), 2 when a label
 * stands before the relation ("보호자: 남편 정우성"); else 0. The name ends at `nameEnd`, its word
 * (with a particle or copula) at `end`.
 */
function titledBefore(text: string, start: number, nameEnd: number, end: number): 0 | 1 | 2 {
  if (start < 3 || text.charCodeAt(start - 1) !== 0x20) return 0;
  let i = start - 1;
  while (i > 0 && start - 1 - i < 6 && isHangul(text.charCodeAt(i - 1))) i--;
  const length = start - 1 - i;
  if (length < 2) return 0;
  if (
    TITLE_BEFORE_SET.has(text, i, start - 1) ||
    (length >= 3 && UNIT_ENDINGS.has(text.charCodeAt(start - 2)))
  )
    return 2;
  // A role said with what it is for ("회비담당", "경리직원", "영업사원") names the one who has it
  // when the word after it ends the phrase ("(회비담당 정해성)", "채용담당 조은비입니다") or it is
  // a name field's value; before another word it may be a noun phrase ("신입사원 온보딩 때"), as
  // the bare words are ("담당 부서").
  if (length >= 3 && ROLE_ENDINGS.has(text, start - 3, start - 1))
    return text.charCodeAt(end) === 0x20 && isHangul(text.charCodeAt(end + 1)) && !inNameField(text, i)
      ? 1
      : 2;
  // Or the relation as the topic, the name said to be it: "아빠는 김철수야", "동생이 김하늘인데"
  // (not "아들이 경희대 한의예과": the name must end the sentence's claim).
  if (
    length >= 3 &&
    TOPIC_OR_SUBJECT.has(text.charCodeAt(start - 2)) &&
    RELATION_BEFORE_SET.has(text, i, start - 2)
  )
    return IDENTITY_SET.has(text, nameEnd, end) ? 2 : 0;
  if (!RELATION_BEFORE_SET.has(text, i, start - 1)) return 0;
  // A relation after a label is the label's value said more exactly: "보호자: 남편 정우성".
  return labelledAt(text, i) ? 2 : 1;
}

/**
 * Whether the words from `at` are a name field's value, at most one word after its colon: "성명:
 * 전직 경리직원 황미라 확인" (the role, and the former rank before it, say more of the person named).
 */
function inNameField(text: string, at: number): boolean {
  if (nameFieldBefore(text, at)) return true;
  if (at < 2 || text.charCodeAt(at - 1) !== 0x20) return false;
  let w = at - 1;
  while (w > 0 && at - 1 - w < 6 && isHangul(text.charCodeAt(w - 1))) w--;
  return w < at - 1 && nameFieldBefore(text, w);
}

/**
 * Whether `start` follows the end of a bank account number (in `accountEnds`) with at most a space
 * and a bracket between: "카카오뱅크 3333-08-1947562 김서연으로", "1107-021-558840 (임꺽정)" — its
 * holder, as transfers are written.
 */
function holderAfterAccount(
  text: string,
  accountEnds: ReadonlySet<number> | undefined,
  start: number,
): boolean {
  if (!accountEnds) return false;
  let i = start;
  while (i > 0 && start - i < 2 && (text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x28)) i--;
  return i < start && accountEnds.has(i);
}

/**
 * Whether a 주민등록번호 or 외국인등록번호 (starts in `registrationStarts`) follows `end` with a
 * comma, slash or space between: "양하늘, 950211-2048817, 서울특별시 …" — a record of one person.
 */
function registeredAfter(
  text: string,
  registrationStarts: ReadonlySet<number> | undefined,
  end: number,
): boolean {
  if (!registrationStarts) return false;
  let i = end;
  while (i < text.length && i - end < 3 && /[ ,/]/.test(text.charAt(i))) i++;
  return i > end && registrationStarts.has(i);
}

/**
 * Whether the speaker says the word is their name: one of SELF_BEFORE right before it (a comma or
 * space between) and a copula right after the name ("저는 홍길동이라고 합니다", "안녕하세요, 홍길동입니다").
 */
function selfIntroduced(text: string, start: number, nameEnd: number, end: number): boolean {
  if (nameEnd === end || !COPULA_SET.has(text, nameEnd, end)) return false;
  let i = start;
  while (i > 0 && start - i < 3 && (text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x2c)) i--;
  if (i === start) return false;
  let w = i;
  while (w > 0 && i - w < 6 && isHangul(text.charCodeAt(w - 1))) w--;
  return SELF_BEFORE_SET.has(text, w, i);
}

/** Fields whose value is a person's name, on forms and registers. */
const NAME_FIELDS = [
  '성명',
  '이름',
  '성함',
  '환자명',
  '고객명',
  '수검자명',
  '예금주',
  '신청인',
  '보호자',
  '대표자',
  '작성자',
  '담당자',
  '수령인',
  'name',
];

const isQuote = (c: number) => c === 0x22 || c === 0x27;

/**
 * Whether `start` is the value of a name field: "성명: ", "성명(한자) : ", "Name:" right before
 * it — a colon, and before it one of NAME_FIELDS (a note in brackets allowed between).
 */
function nameFieldBefore(text: string, start: number): boolean {
  // As forms write one (`성명: 강감찬`), and JSON (`"성명": "강감찬"`): a quote around each allowed.
  let i = start - 1;
  if (isQuote(text.charCodeAt(i))) i--;
  while (i >= 0 && start - i <= 5 && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i--;
  if (text.charCodeAt(i) !== 0x3a && text.charCodeAt(i) !== 0xff1a) return false;
  const colon = i;
  i--;
  while (i >= 0 && colon - i <= 8 && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i--;
  if (isQuote(text.charCodeAt(i))) i--;
  if (text.charCodeAt(i) === 0x29) {
    const open = noteOpening(text, i, 10);
    if (open < 0) return false;
    i = open - 1;
  }
  const before = text.slice(Math.max(0, i - 3), i + 1).toLowerCase();
  return NAME_FIELDS.some((w) => before.endsWith(w));
}

/**
 * The words for one's name, said as the topic before it: "제 이름은 김민준입니다", "성함은 이상민이에요"
 * ("이름이" is as often followed by what the name did: "이름이 제정된").
 */
const NAME_WORDS = new Set(['이름', '성함', '성명', '본명', '실명']);
const TOPIC_OR_SUBJECT = codesOf('은는이가');
/** What says the name is the one just named: "…는 김철수야", "…이 김하늘인데", "…는 박순자고". */
const IDENTITY_SET = new SyllableWordSet([
  ...COPULAS,
  '야',
  '이야',
  '고',
  '이고',
  '인데',
  '이다',
  '다',
  '이었다',
  '였다',
]);
const TOPIC_PARTICLES = codesOf('은는');

/** Whether text[.., end) ends with a word for one's name and a topic particle: "이름은", "성함은". */
function namedAsTopic(text: string, end: number): boolean {
  return (
    TOPIC_PARTICLES.has(text.charCodeAt(end - 1)) &&
    NAME_WORDS.has(text.slice(end - 3, end - 1)) &&
    (end < 4 || !isHangul(text.charCodeAt(end - 4)))
  );
}

/**
 * The "(" of a label's note whose ")" is at `close` ("신청인(건축주):", "성명(영문):"), within
 * `reach` characters and on the same line, else -1. Looked for over those few characters only: a
 * text of ")" without "(" stays linear.
 */
function noteOpening(text: string, close: number, reach: number): number {
  for (let open = close - 1; open >= 0 && close - open <= reach; open--) {
    const c = text.charCodeAt(open);
    if (c === 0x28) return open;
    if (c === 0x0a) return -1;
  }
  return -1;
}

/** Whether a label ("성명:", "환자", "Patient:") ends just before `start`. */
function labelledAt(text: string, start: number): boolean {
  let i = start;
  // Forms align their colons: "청구인   : 신동렬".
  while (i > 0 && start - i < 8 && isLabelSeparator(text.charCodeAt(i - 1))) i--;
  // A label may carry a note in brackets before its colon: "신청인(건축주): 최강호", "보호자(모):".
  // Looked for over those few characters only: a text of ")" without "(" stays linear.
  if (i > 0 && text.charCodeAt(i - 1) === 0x29 && i < start) {
    const open = noteOpening(text, i - 1, 8);
    if (open >= 0) i = open;
  }
  // Honoured: "고객님(최유라, 010-…)", "환자님: 김민준".
  if (i >= 3 && i < start && text.charCodeAt(i - 1) === NIM) i--;
  const end = i;
  if (end >= 3 && i < start && namedAsTopic(text, end)) return true;
  if (end < 2 || !LABEL_TAILS.has(tailCode(text.charCodeAt(end - 2), text.charCodeAt(end - 1)))) return false;
  while (i > 0 && end - i < LONGEST_LABEL + 2) {
    const c = text.charCodeAt(i - 1);
    if (!isHangul(c) && !isAsciiAlnum(c) && c !== 0x2e && c !== 0x20) break;
    i--;
  }
  const before = text.slice(i, end).toLowerCase();
  for (let k = 1; k <= before.length; k++) if (LABEL_SET.has(before.slice(before.length - k))) return true;
  return false;
}

/** Whether text[at] is a syllable seen in given names. */
const givenSyllable = (text: string, at: number) => {
  const c = text.charCodeAt(at);
  return isHangul(c) && ((SYLLABLE[c - HANGUL_FIRST] as number) & NAME) !== 0;
};

/** What may stand between the syllables of a name written apart: no letter, digit or line break. */
const isGap = (c: number) =>
  !Number.isNaN(c) && c !== 0x0a && c !== 0x0d && !isHangul(c) && !isAsciiAlnum(c) && !isHanja(c);
/** The longest gap: two spaces, or an emoji (two code units). */
const LONGEST_GAP = 2;

/** The end of the gap from `k` (one or two gap characters), else -1. */
function gapEnd(text: string, k: number): number {
  let e = k;
  while (e - k < LONGEST_GAP && isGap(text.charCodeAt(e))) e++;
  return e > k ? e : -1;
}

/**
 * A name written apart, from the one-syllable surname at `start`: "홍 길동" (surname apart, as
 * some forms write it), "홍 길 동" (each syllable apart), or each syllable apart with anything but
 * a letter or digit, the same each time ("홍*길*동", "홍·길·동", "홍😀길😀동": as someone writes a
 * name past a filter, which any reader puts back together) — its end, or -1. Only with a label
 * before it ("성명: 김 민준"), or with a title after it (no particle between) and a given name
 * shaped like one: bare, "이 사람", "두 가지", "이 후보의" are words. Two syllables apart with
 * anything but a space are not taken ("김*수" is how a name is masked).
 */
function spacedName(text: string, start: number): number {
  const first = gapEnd(text, start + 1);
  if (first < 0 || !givenSyllable(text, first)) return -1;
  const gap = text.slice(start + 1, first);
  const apart = text.startsWith(gap, first + 1); // 홍 길 동
  if (gap !== ' ' && !apart) return -1;
  const last = apart ? first + 1 + gap.length : first + 1;
  if (!givenSyllable(text, last)) return -1;
  const end = last + 1;
  let wordEnd = end;
  while (wordEnd < text.length && wordEnd - end < LONGEST_WORD && isHangul(text.charCodeAt(wordEnd)))
    wordEnd++;
  const titled = GLUED_TITLE_SET.has(text, end, wordEnd) || honorificWithParticle(text, end, wordEnd);
  if (wordEnd > end && !titled && !PARTICLE_SET.has(text, end, wordEnd)) return -1;
  if (labelledAt(text, start)) return end;
  // Surnames that are also words before a noun: "이 상가", "전 세가 사장", "한 영국 기자", "현 대표".
  if (DETERMINERS.has(text.charCodeAt(start))) return -1;
  if (!apart && NEVER_NAMES.has(text, start + 2, end)) return -1; // 김 대리, 이 부장
  const given = text.charAt(first) + text.charAt(last);
  const name = text.charAt(start) + given;
  if (shapeScore(name, 0, 1, 2, true) < STRONG_SHAPE) return -1;
  // A title glued to it or right after it; not a word before it, which may be "…과" (and).
  return titled || (wordEnd === end && titleAfter(text, end, true) > 0) ? end : -1;
}

/**
 * A name confirmed once (by a title, a label, an identifier) is a name everywhere in the text:
 * its weaker mentions, kept or too weak to keep ("정지환은 …"), take the confirmed score.
 */
/** The most names in one list that is read as such (a register's column pasted into one line). */
const LIST_OF_NAMES = 3;

/**
 * Three or more name-shaped words one after another in a list — "홍길동, 김민준, 이서연 참석",
 * "홍길동/김민준/이서연" — are names together, as a list after a confident one is: +0.4 each; so
 * are two when both are shaped strongly as names ("홍길동, 김민준").
 */
function listsOfNames(text: string, found: Candidate[]): void {
  let first = 0;
  for (let k = 1; k <= found.length; k++) {
    const a = found[k - 1] as Candidate;
    const b = found[k];
    if (
      b &&
      a.score >= NAME_SHAPED &&
      b.score >= NAME_SHAPED &&
      b.start - a.end <= 3 &&
      LIST_SEPARATOR.test(text.slice(a.end, b.start))
    )
      continue;
    const pairOfStrong =
      k - first === 2 &&
      (found[first] as Candidate).score >= STRONG_SHAPE &&
      (found[first + 1] as Candidate).score >= STRONG_SHAPE;
    if (k - first >= LIST_OF_NAMES || pairOfStrong)
      for (let j = first; j < k; j++) {
        const c = found[j] as Candidate;
        c.score = Math.min(1, c.score + CONTEXT_BOOST);
      }
    first = k;
  }
}

/** What may follow a name in a list (LIST_SEPARATOR's first characters): , · ㆍ 、 /. */
const isListSeparator = (c: number) => c === 0x2c || c === 0xb7 || c === 0x318d || c === 0x3001 || c === 0x2f;

/**
 * Names listed before a titled one, which the title is said of too: "김무성, 이완구, 안철수 의원의",
 * "이종걸·이상민·문병호 의원". Each word was read as a whole name of three syllables or more
 * (`listable`); going back from a confirmed name, each such word right before it joins, and the
 * list goes on from there.
 */
function namesListedBefore(
  text: string,
  out: Candidate[],
  listable: ReadonlyMap<number, number>,
  confirmed: Set<Candidate>,
): void {
  if (listable.size === 0) return;
  const byStart = new Map<number, Candidate>();
  for (const c of out) byStart.set(c.start, c);
  let added = false;
  for (let k = out.length - 1; k >= 0; k--) {
    let c = out[k] as Candidate;
    if (c.score < CONFIDENT || !confirmed.has(c)) continue;
    for (;;) {
      let start: number | undefined;
      let end = c.start - 1;
      for (; end >= c.start - 3 && end > 0; end--) {
        start = listable.get(end);
        if (start !== undefined) break;
      }
      if (start === undefined || !LIST_SEPARATOR.test(text.slice(end, c.start))) break;
      let before = byStart.get(start);
      if (before) {
        if (before.score >= CONFIDENT) break; // already a name that confirms its own list
        before.score = CONFIDENT;
      } else {
        before = { type: 'PERSON', category: 'personal', start, end, score: CONFIDENT };
        out.push(before);
        byStart.set(start, before);
        added = true;
      }
      confirmed.add(before);
      c = before;
    }
  }
  if (added) out.sort((a, b) => a.start - b.start);
}

/** Whether the word goes on from `from` with a particle only, or not at all ("군을", "씨", not "씨앗"). */
function particleOrNothing(text: string, from: number): boolean {
  let end = from;
  while (end < text.length && end - from <= LONGEST_WORD && isHangul(text.charCodeAt(end))) end++;
  return end === from || PARTICLE_SET.has(text, from, end);
}

/** Relations a given name alone follows in news and records: "아들 준혁 군", "장남 재국씨". */
const KIN = new SyllableWordSet(
  '아들|딸|장남|장녀|차남|차녀|삼남|삼녀|막내|막내딸|막내아들|외아들|외동딸|손자|손녀|외손자|외손녀|조카|아드님|따님'.split(
    '|',
  ),
);
const isKinTitle = (c: number) => c === GUN || c === YANG || c === SSI;

/**
 * How long the given name of two syllables at `start` is (2), when a relation stands right before
 * it and 군, 양 or 씨 right after (glued or after a space), then a particle or nothing: else 0.
 * Asked of every word: the title is looked at first, which rules out nearly all.
 */
function givenNameOfKin(text: string, start: number, end: number): number {
  let title: number;
  if (end - start === 2) {
    if (text.charCodeAt(end) !== 0x20 || !isKinTitle(text.charCodeAt(end + 1))) return 0;
    title = end + 1;
  } else if (end - start >= 3 && isKinTitle(text.charCodeAt(start + 2))) title = start + 2;
  else return 0;
  if (!particleOrNothing(text, title + 1)) return 0;
  if (text.charCodeAt(start - 1) !== 0x20) return 0;
  let w = start - 1;
  while (w > 0 && start - 1 - w < 5 && isHangul(text.charCodeAt(w - 1))) w--;
  return w < start - 1 && KIN.has(text, w, start - 1) ? 2 : 0;
}

/** The honorifics that close "김민준(45)씨", "하쓰코(25) 씨와", "박보검(22)씨는". */
const isAgeHonorific = (c: number) => isKinTitle(c) || c === NIM;

/**
 * A word before an age in brackets and an honorific, as news and police reports write people:
 * "박보검(22)씨와", "인교진(35) 씨와", "김철수(45·회사원)씨는", and foreign names no surname starts
 * ("하쓰코(25)씨가"). Found from each "(" (few in most texts), whatever the word's syllables.
 */
function agedWithHonorific(text: string, out: Candidate[], confirmed: Set<Candidate>): void {
  const found = out.length; // the names found before, in start order
  for (let open = text.indexOf('('); open >= 0; open = text.indexOf('(', open + 1)) {
    if (!ageAfter(text, open)) continue;
    let close = open + 2;
    while (close < text.length && close - open <= 20 && text.charCodeAt(close) !== 0x29) close++;
    if (text.charCodeAt(close) !== 0x29) continue;
    let h = close + 1;
    if (text.charCodeAt(h) === 0x20) h++;
    if (!isAgeHonorific(text.charCodeAt(h)) || !particleOrNothing(text, h + 1)) continue; // 씨앗, 양파
    let start = open;
    while (start > 0 && open - start < 6 && isHangul(text.charCodeAt(start - 1))) start--;
    const length = open - start;
    if (length < 2 || length > 5 || (start > 0 && isHangul(text.charCodeAt(start - 1)))) continue;
    // 김모(45)씨 is already written without the name; a title or label is not one.
    if ((length === 2 && text.charCodeAt(start + 1) === MO) || NEVER_NAMES.has(text, start, open)) continue;
    // The first name found that ends after the word starts (found in start order): the one
    // that may overlap it.
    let lo = 0;
    let hi = found;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((out[mid] as Candidate).end <= start) lo = mid + 1;
      else hi = mid;
    }
    if (lo < found && (out[lo] as Candidate).start < open) {
      const c = out[lo] as Candidate;
      if (c.start !== start || c.end !== open) continue; // read otherwise already
      c.score = Math.max(c.score, 0.85);
      confirmed.add(c);
      continue;
    }
    const c: Candidate = { type: 'PERSON', category: 'personal', start, end: open, score: 0.85 };
    out.push(c);
    confirmed.add(c);
  }
  if (out.length > found) out.sort((a, b) => a.start - b.start);
}

function withConfirmedMentions(
  text: string,
  found: Candidate[],
  weak: readonly number[],
  withContext: ReadonlySet<Candidate>,
): Candidate[] {
  const confirmed = new Map<string, number>();
  for (const c of found) {
    if (c.score < CONFIDENT && !withContext.has(c)) continue;
    const name = text.slice(c.start, c.end);
    confirmed.set(name, Math.max(confirmed.get(name) ?? 0, c.score));
  }
  if (confirmed.size === 0) return found;
  for (const c of found) {
    const s = confirmed.get(text.slice(c.start, c.end));
    if (s !== undefined && s > c.score) c.score = s;
  }
  let added = false;
  for (let k = 0; k < weak.length; k += 2) {
    const start = weak[k] as number;
    const end = start + (weak[k + 1] as number);
    const s = confirmed.get(text.slice(start, end));
    if (s === undefined) continue;
    found.push({ type: 'PERSON', category: 'personal', start, end, score: s });
    added = true;
  }
  return added ? found.sort((a, b) => a.start - b.start) : found;
}

export const krPerson: ScanningRecognizer = {
  kind: 'scan',
  type: 'PERSON',
  category: 'personal',
  context: [...LABELS, ...TITLES],
  scan({ text, found, headerAbove }) {
    const out: Candidate[] = [];
    // Identifiers nearby, not other names (a name beside a name says nothing of a word's shape).
    const anchors = found
      .filter((f) => f.type !== 'KR_ADDRESS' && f.type !== 'PERSON')
      .map((f) => f.start)
      .sort((a, b) => a - b);
    let anchorIdx = 0;
    // Where accounts end and registration numbers start, as sets (a text of many of them is
    // looked up once per name, not walked); none made for the many texts without them.
    let accounts: Set<number> | undefined;
    let registrations: Set<number> | undefined;
    for (const f of found) {
      if (f.type === 'KR_BANK_ACCOUNT') {
        accounts ??= new Set();
        accounts.add(f.end);
      } else if (f.type === 'KR_RRN' || f.type === 'KR_FRN') {
        registrations ??= new Set();
        registrations.add(f.start);
      }
    }
    // After "이호중 서강대 교수", 서강대 is the organisation between a name and its office.
    let organisationUntil = -1;
    const weak: number[] = [];
    /** Where a word that may open a list of names ends → where it starts. */
    const listable = new Map<number, number>();
    const confirmed = new Set<Candidate>();
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      // Hangul and Hanja mixed in one name: "金민준 님", "김民俊 님", "백承준 학생".
      if (inName(c) && !(i > 0 && inName(text.charCodeAt(i - 1)))) {
        const mixed = mixedName(text, i);
        if (mixed > 0) {
          out.push({ type: 'PERSON', category: 'personal', start: i, end: i + 3, score: 0.85 });
          confirmed.add(out[out.length - 1] as Candidate);
          i = mixed - 1;
          continue;
        }
      }
      if (!isHangul(c)) {
        // A name in Hanja after its label, as registers and old forms write it: "성명: 洪吉童".
        if (isHanja(c) && (i === 0 || !isHanja(text.charCodeAt(i - 1)))) {
          let e = i + 1;
          while (e < n && e - i <= 4 && isHanja(text.charCodeAt(e))) e++;
          const hangulAfter = e < n && isHangul(text.charCodeAt(e));
          const wordAfter = hangulAfter || (e < n && isHanja(text.charCodeAt(e)));
          // Or with a title, apart or glued ("洪吉童 과장님께", "洪吉童님"), for two or three
          // characters (four are mostly idioms) led by a surname ("三星 회장" is a company's).
          let titled = false;
          if (
            e - i >= 2 &&
            e - i <= 3 &&
            HANJA_SURNAMES.includes(text.charAt(i)) &&
            !(e < n && isHanja(text.charCodeAt(e)))
          ) {
            if (hangulAfter) {
              let wordEnd = e;
              while (wordEnd < n && wordEnd - e < LONGEST_WORD && isHangul(text.charCodeAt(wordEnd)))
                wordEnd++;
              titled = GLUED_TITLE_SET.has(text, e, wordEnd) || honorificWithParticle(text, e, wordEnd);
            } else titled = titleAfter(text, e, true) > 0;
          }
          if (e - i >= 2 && e - i <= 4 && (titled || (!wordAfter && labelledAt(text, i)))) {
            // With its reading in brackets, "洪吉童(홍길동)": one span, as "홍길동(洪吉童)" is.
            const reading = bracketedAfter(text, e, isHangul);
            out.push({ type: 'PERSON', category: 'personal', start: i, end: e + reading, score: 0.85 });
            confirmed.add(out[out.length - 1] as Candidate);
          }
          i = e - 1;
        }
        continue;
      }
      const start = i;
      const startsName = START[c - HANGUL_FIRST] as number;
      while (i + 1 < n && isHangul(text.charCodeAt(i + 1))) i++;
      const end = i + 1;
      if (
        end - start === 1 &&
        startsName & 1 &&
        isGap(text.charCodeAt(end)) &&
        !(start > 0 && (isHangul(text.charCodeAt(start - 1)) || isAsciiAlnum(text.charCodeAt(start - 1))))
      ) {
        const spaced = spacedName(text, start);
        if (spaced > 0) {
          out.push({ type: 'PERSON', category: 'personal', start, end: spaced, score: 0.85 });
          confirmed.add(out[out.length - 1] as Candidate);
          i = spaced - 1;
          continue;
        }
      }
      // A child's or a family member's given name alone, after the relation and with 군, 양 or
      // 씨 ("아들 준혁 군을", "딸 리단 양이", "장남 재국씨가"), whatever its first syllable.
      const given = givenNameOfKin(text, start, end);
      if (given > 0) {
        out.push({ type: 'PERSON', category: 'personal', start, end: start + given, score: 0.85 });
        confirmed.add(out[out.length - 1] as Candidate);
        continue;
      }
      if (startsName === 0 || end - start < 2 || end - start > LONGEST_WORD || start < organisationUntil)
        continue;
      // Cheap pre-check before any slicing: the syllable after a one-syllable surname must be one
      // seen in given names. This rules out most words that merely start with 이, 정, 사…
      // Unless the word is the value of a name field ("성명: 강감찬") or signed with a seal
      // ("임꺽정 (印)"), whatever its syllables.
      let fieldValue = false;
      let rareTitled = false;
      if (!(startsName & 2) && !((SYLLABLE[text.charCodeAt(start + 1) - HANGUL_FIRST] as number) & NAME)) {
        fieldValue =
          end - start >= 3 &&
          end - start <= 5 &&
          (nameFieldBefore(text, start) || sealAfter(text, end) || holderAfterAccount(text, accounts, start));
        rareTitled = !fieldValue && titledWord(text, start, end);
        if (!(fieldValue || rareTitled) || NOT_NAME_WORDS.has(text, start, start + 2)) continue;
      }
      // Glued to a number or its unit, a word is a copula or a counter ("70.0%이지만"), not a name.
      if (start > 0 && (isAsciiAlnum(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 0x25))
        continue;
      const after = text.charCodeAt(end);
      if (MASK_CODES.has(after)) continue; // 김** , 김○○
      if (after === 0x3a || after === 0xff1a) continue; // a field label ("주호소:"), not a value
      // 황보라: 황보 + 라, or 황 + 보라? Both readings are weighed; the likelier one wins.
      const compound = startsName & 2 && end - start >= 3 && COMPOUND_SURNAME_SET.has(text, start, start + 2);
      if (!compound && !(startsName & 1)) continue;
      const asCompound = compound ? readName(text, start, end, 2) : undefined;
      const asSingle = startsName & 1 ? readName(text, start, end, 1) : undefined;
      const reading =
        asCompound && asSingle
          ? asSingle.shape > asCompound.shape
            ? asSingle
            : asCompound
          : (asCompound ?? asSingle);
      if (!reading) continue;
      let score = reading.shape;
      const titleNext =
        reading.nameLength === end - start ? titleAfter(text, end, reading.shape >= NAME_SHAPED) : 0;
      // A name the dictionary knows with a title, even one ending as a verb does (최영하 과장의).
      const knownTitled =
        score < KNOWN_SHAPE &&
        (reading.titled || titleNext > 0) &&
        isKnownName(text, start, start + reading.nameLength);
      if (knownTitled) score = KNOWN_SHAPE;
      // A weak shape before a title said only of a person, with a particle ("이봉락 판사는").
      if (titleNext < 2 && reading.shape < NAME_SHAPED && !rareTitled && reading.nameLength === 3)
        rareTitled = titledWord(text, start, end);
      const titled =
        reading.titled ||
        titleNext === 2 ||
        (titleNext === 1 && reading.shape >= NAME_SHAPED) ||
        rareTitled ||
        knownTitled;
      if (titleNext === 1 && reading.shape >= NAME_SHAPED) organisationUntil = officeAfter(text, end);
      if (placeAfterDistrict(text, start, start + reading.nameLength)) continue; // 유성구 봉명동
      const before = titledBefore(text, start, start + reading.nameLength, end);
      // Each asked once: the check for a reading that needs context below asks them again.
      const labelled = !titled && labelledAt(text, start);
      const holder = holderAfterAccount(text, accounts, start);
      const contextual =
        titled ||
        labelled ||
        (reading.shape >= NAME_SHAPED && selfIntroduced(text, start, start + reading.nameLength, end)) ||
        before === 2 ||
        (before === 1 && reading.shape >= NAME_SHAPED) ||
        holder ||
        registeredAfter(text, registrations, start + reading.nameLength) ||
        underNameColumn(headerAbove?.(start) ?? '');
      // "으로", "에" end as many words as names: only a label or a role before (not a word ending
      // in 과, which is as often "and": "전쟁과 경제난으로"), an account's holder, or the same name
      // confirmed elsewhere make one.
      // A whole word of three syllables or more that reads as a name may open a list that a
      // titled name closes ("김무성, 이완구, 안철수 의원의"): looked at once the scan is done.
      if (
        !reading.needsContext &&
        reading.nameLength === end - start &&
        reading.nameLength >= 3 &&
        reading.shape > 0.05 &&
        isListSeparator(text.charCodeAt(end))
      )
        listable.set(end, start);
      if (
        reading.needsContext &&
        !((before === 2 && !UNIT_ENDINGS.has(text.charCodeAt(start - 2))) || labelled || fieldValue || holder)
      ) {
        weak.push(start, reading.nameLength);
        continue;
      }
      if (contextual) score += CONTEXT_BOOST;
      if (fieldValue) score = Math.max(score, FIELD_VALUE);
      // "참석자 이다은, 김미정": a name right after a confident one and a comma continues the list.
      const prev = out[out.length - 1];
      if (prev && prev.score >= CONFIDENT && LIST_SEPARATOR.test(text.slice(prev.end, start)))
        score += CONTEXT_BOOST;
      while (anchorIdx < anchors.length && (anchors[anchorIdx] as number) < start - IDENTIFIER_WINDOW)
        anchorIdx++;
      if (anchorIdx < anchors.length && (anchors[anchorIdx] as number) <= end + IDENTIFIER_WINDOW) {
        score += IDENTIFIER_BOOST;
      }
      if (score < MIN_CANDIDATE) {
        // Too weak on its own; kept as two numbers in case the name is confirmed elsewhere.
        weak.push(start, reading.nameLength);
        continue;
      }
      score = Math.min(score, 1);
      out.push({ type: 'PERSON', category: 'personal', start, end: start + reading.nameLength, score });
      // A name with its own title or label is confirmed even when its shape is weak (이미정 환자).
      if (contextual && score >= MIN_CONFIRMED) confirmed.add(out[out.length - 1] as Candidate);
    }
    agedWithHonorific(text, out, confirmed);
    namesListedBefore(text, out, listable, confirmed);
    // The name written again in Hanja or Latin script is taken with it, after mentions were
    // matched by the name.
    listsOfNames(text, out);
    const names = withConfirmedMentions(text, out, weak, confirmed);
    for (const c of names) {
      c.end += otherScriptAfter(text, c.end);
      // And the name in Latin script before it, the Hangul in brackets: "Minjun Kim(김민준)".
      const latin = latinBefore(text, c.start, c.end);
      if (latin > 0) {
        c.start -= latin;
        c.end++;
      }
    }
    return names;
  },
};

import { isDigit, isHangul } from '../../chars.js';
import { matches } from '../../matches.js';
import type { Candidate, ScanningRecognizer } from '../../types.js';

/**
 * 도로명 (…로/…길 + building number) and 지번 (…동/…리/…가 + lot number) addresses. Scanning starts
 * at the rare part — a road or dong syllable followed by a number — and walks back over the
 * administrative units (시도, 시군구, 읍면), so the common Hangul text costs almost nothing.
 */
// A lot on a mountain is numbered after 산: "문호리 산 12-3", as land registers write it — also
// right after the township, where no 리 is named ("강내면 산47-3").
// Or a slash for each space ("서울시/강남구/테헤란로/123"), or the number's digits apart ("테헤란로 1 2
// 3"), as some write an address past a filter.
const ANCHOR = /(?:[로길동리가](?: ?(?:산 ?)?|\/)|면 산 ?)(?:\d(?: \d(?!\d)){2,4}|\d{1,5})(?:-\d{1,5})?/g;
// Or, after a road or a neighbourhood, the number spelt in Hangul, as said aloud (call transcripts)
// or typed past a filter: "테헤란로 백이십삼", "테헤란로 일오이", "역삼동 칠백삼십칠-일". A pass of its
// own with a plain regex (folded into ANCHOR it slowed every address), each match then read whole.
/** Digits said as Sino-Korean words, digit by digit (공/영 for 0), and what multiplies 천, 백, 십. */
const SAID_DIGIT = '[공영일이삼사오육칠팔구]';
const MULTIPLIER = '[이삼사오육칠팔구]';
/** A number counted in words (칠백삼십칠: 7 hundreds, 3 tens and 7). */
const COUNTED = `(?:${MULTIPLIER}?천)?(?:${MULTIPLIER}?백)?(?:${MULTIPLIER}?십)?[일이삼사오육칠팔구]?`;
const SPELT_ANCHOR =
  /[로길동리] [공영일이삼사오육칠팔구천백십]{2,7}(?:-[공영일이삼사오육칠팔구천백십]{1,7})?(?=번지|번|호|[ ,.)\n]|$)/g;
/**
 * Counted (이십, 백이십삼: two syllables at least, one of 천, 백, 십 among the first two) or digit by
 * digit (three at least: 이사 and 오이 are words); after a dash, a lot's second number, one will do.
 */
const SPELT_NUMBER = new RegExp(
  `^(?:(?=${MULTIPLIER}?[천백십])(?=[일이삼사오육칠팔구천백십]{2})${COUNTED}|${SAID_DIGIT}{3,5})(?:-(?:${COUNTED}|${SAID_DIGIT}{1,5}))?$`,
);
/** A count after the number, not an address: "역삼동 삼십 대 남성", "테헤란로 이백 미터". */
const COUNT_AFTER = /^ ?(?:대|세|살|명|년|개|분|층|미터|킬로)/;
const SIDO =
  /^(?:서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주|충청[남북]|전라[남북]|경상[남북])(?:특별시|광역시|특별자치시|특별자치도|도|시)?$/;
const SIDO_WORD = SIDO.source.slice(1, -1);
const UNIT = /^[가-힣\d]{1,6}(?:시|군|구|읍|면)$/;
const DONG = /^[가-힣\d]{1,6}(?:동|리|가)$/;
const CONTEXT = ['주소', '거주', '배송지', '소재지', '자택', '주거지', '사는 곳', '본적', 'address'];

/** What stands between an address's words: a space, or a slash. */
const isGap = (c: number) => c === 0x20 || c === 0x2f;

/** End of the word (Hangul and digits) that starts at `start`. */
function wordEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && (isHangul(text.charCodeAt(i)) || isDigit(text.charCodeAt(i)))) i++;
  return i;
}

/** Start of the word that ends just before `end` (Hangul and digits), or -1 if none. */
function wordStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && end - i < 16) {
    const c = text.charCodeAt(i - 1);
    if (!isHangul(c) && !isDigit(c)) break;
    i--;
  }
  return i < end ? i : -1;
}

/** A building's number and 동 ("101동"), whose number is a household's 호 ("101동 1203호"). */
const BUILDING = /^\d{1,4}동$/;
/** The 호 right after a number (a particle may follow), not a word starting with it (호선, 호텔, 호수). */
const HO = /^호(?![선텔수])/;

/**
 * Where the walk back over the administrative units starts: before the complex's name, at the
 * neighbourhood (a 동, 리 or 가 of letters), when the anchor is a building's 동 and 호 ("역삼동
 * 아이파크 101동 1203호", "송도동 센트럴파크 2차 105동 302호"); else at the road itself.
 */
function unitOfResidence(text: string, road: string, roadStart: number, afterNumber: number): number {
  if (!BUILDING.test(road) || !HO.test(text.slice(afterNumber, afterNumber + 2))) return roadStart;
  for (const ws of wordsBefore(text, roadStart, 4)) {
    const word = text.slice(ws, wordEnd(text, ws));
    if (DONG.test(word) && !BUILDING.test(word) && !/\d/.test(word)) return ws;
  }
  return roadStart;
}

/**
 * A city or district said without its 시/구 ("서울 강남 테헤란로", "경기 성남 분당 판교역로"): a word of
 * two to four syllables, not ending in a particle, counts as one when a 시도 is named at most two
 * such words back — before a road, not a word with 으로 ("제주 개봉을 시작으로 21").
 */
const BARE_PLACE = /^[가-힣]{1,3}[가-힣](?<![을를은는이가에의와과만])$/;
function sidoBefore(text: string, start: number, words: number): boolean {
  for (const ws of wordsBefore(text, start, words)) {
    const word = text.slice(ws, wordEnd(text, ws));
    if (SIDO.test(word)) return true;
    if (!BARE_PLACE.test(word)) return false;
  }
  return false;
}

/** Where the up to `max` words before `start` begin, nearest first, each followed by one space. */
function wordsBefore(text: string, start: number, max: number): number[] {
  const starts: number[] = [];
  for (let end = start; starts.length < max && end >= 2 && isGap(text.charCodeAt(end - 1)); ) {
    const ws = wordStart(text, end - 1);
    if (ws < 0) break;
    starts.push(ws);
    end = ws;
  }
  return starts;
}

// After the number, the detail part: 호 (the number was a unit's: "101동 1001호"), 번지, a building ("정부서울청사", "한빛타워"), "101동",
// "A동"/"가동", a floor ("15층", "지하 1층"), "1203호", "(역삼동)"; each may follow a comma.
const TAIL =
  /^(?:호(?![선텔수])| ?번지)?(?:,? ?[가-힣A-Za-z\d]{0,12}(?:아파트|빌라|오피스텔|타워|빌딩|맨션|청사|센터|프라자|플라자|상가|오피스|하우스)(?![가-힣]))?(?:,? ?(?:[가-힣A-Za-z]{1,12}(?:아파트|빌라|오피스텔|타워|빌딩|맨션)? ?)?(?:\d{1,4}|[A-Z가나다라마바사아자차카타파하])동)?(?:,? ?(?:지하 ?)?\d{1,3}층)?(?:,? ?\d{1,5}호)?(?: ?\([가-힣\d, ]{1,20}\))?/;

/**
 * The detail part as a named residence ending in its unit: "롯데캐슬 2106호", "행복주택 3단지 207동
 * 503호", "더샵센트럴파크 2차 803호", "푸르지오 102-2301" (동-호), "제101동 제1503호", "원룸 4층" —
 * up to three words of a name (or 3단지, 2차) after a comma or a space, then its 동, floor and 호.
 * The unit (호, 동-호, or a floor) is what points at one household or office: without it, the
 * words after a number are not taken. The neighbourhood in brackets may come first, as the
 * official form puts it after the number ("동탄대로 181 (오산동) 롯데캐슬 101동 1001호").
 */
const NAMED_UNIT =
  /^(?: ?번지)?(?: ?\([가-힣\d, ]{1,20}\))?(?:, ?| )(?:(?:[가-힣A-Za-z][가-힣A-Za-z\d]{0,14}|\d{1,2}(?:단지|차)) ){0,3}(?:(?:제 ?)?(?:\d{1,4}|[A-Z가나다라마바사아자차카타파하])동 ?)?(?:(?:지하 ?)?\d{1,3}층(?: ?(?:제 ?)?\d{1,5}호)?|(?:제 ?)?\d{1,5}호|\d{1,4}-\d{1,5}(?![\d-]))(?: ?\([가-힣\d, ]{1,20}\))?/;

/**
 * A road word that starts with a 시도 and one or two 시군구 written without spaces
 * ("서울강남구테헤란로", "경기성남시분당구판교역로"), the road's own name (two syllables or more) after
 * them: how many 시군구, else 0. Only after a 시도: a word with 시, 군 or 구 inside may be none
 * ("학교시설로 10억").
 */
const GLUED_UNIT = '[가-힣]{1,4}(?:시|군|구)';
const GLUED_UNITS = new RegExp(`^(?:${SIDO_WORD})${GLUED_UNIT}(${GLUED_UNIT})?[가-힣]{1,}[로길]$`);
/** What counts things after a number, never after a building's: "10억", "3명", "5년". */
const COUNTER = /[억만천원명개년월일시분초배위세권회건차]/;
function gluedUnits(road: string): number {
  const m = GLUED_UNITS.exec(road);
  return !m ? 0 : m[1] ? 2 : 1;
}

/**
 * The address whose road (or neighbourhood) syllable stands at `syllable` and whose number ends at
 * `afterNumber`: walked back over its units, forward over its detail part, scored.
 */
function addressAt(text: string, syllable: number, afterNumber: number): Candidate | undefined {
  const roadStart = wordStart(text, syllable + 1);
  if (roadStart < 0 || roadStart === syllable) return undefined; // a bare "로 12" is not a road
  const road = text.slice(roadStart, syllable + 1);
  const isRoad = road.endsWith('로') || road.endsWith('길');
  if (!isRoad && !DONG.test(road) && !(road.endsWith('면') && UNIT.test(road))) return undefined;

  // Walk back over "서울특별시 강남구 " (and a side-road word like "테헤란로 12번길") — for a
  // household's 동 and 호 after its complex's name, from the neighbourhood before the name
  // ("강남구 역삼동 아이파크 101동 1203호").
  let start = unitOfResidence(text, road, roadStart, afterNumber);
  let units = 0;
  let sido = false;
  // A 시도 and 시군구 written without spaces before the road ("서울강남구테헤란로152").
  const glued = isRoad && !COUNTER.test(text.charAt(afterNumber)) ? gluedUnits(road) : 0;
  if (glued > 0) {
    sido = true;
    units += glued;
  }
  let dongBeforeRoad = false;
  for (let k = 0; k < 5; k++) {
    if (start < 2 || !isGap(text.charCodeAt(start - 1))) break;
    const ws = wordStart(text, start - 1);
    if (ws < 0) break;
    const word = text.slice(ws, start - 1);
    if (SIDO.test(word)) sido = true;
    else if (UNIT.test(word)) units++;
    // The neighbourhood some write before the road: "서구 화정동 무진대로 88". Counted only
    // with a unit before it (see the score).
    else if (k === 0 && isRoad && DONG.test(word) && !/[로길]$/.test(word)) dongBeforeRoad = true;
    // A district without its 구 or 시, a 시도 named before it ("서울 강남 테헤란로 152"): before
    // a road only (a lot number after 동 is read too loosely for it: "서울 갔다가 명동 1가").
    else if (isRoad && !road.endsWith('으로') && !sido && BARE_PLACE.test(word) && sidoBefore(text, ws, 2))
      units++;
    // A road word only right before the road ("테헤란로 12번길"): before a unit, "명의로" is a
    // word with a particle.
    else if (units > 0 || sido || !/(?:로|길|번길)$/.test(word)) break;
    start = ws;
  }
  if (dongBeforeRoad && units + (sido ? 1 : 0) === 0) start = roadStart; // a word, not a place
  let score: number;
  if (units + (sido ? 1 : 0) >= 2) score = 0.85;
  else if (units + (sido ? 1 : 0) === 1) score = 0.7;
  else {
    const before = text.slice(Math.max(0, start - 20), start);
    if (!CONTEXT.some((w) => before.includes(w))) return undefined;
    score = 0.6;
  }
  const rest = text.slice(afterNumber, afterNumber + 64);
  const tail = Math.max(TAIL.exec(rest)?.[0].length ?? 0, NAMED_UNIT.exec(rest)?.[0].length ?? 0);
  const end = afterNumber + tail;
  return { type: 'KR_ADDRESS', category: 'personal', start, end, score };
}

export const krAddress: ScanningRecognizer = {
  kind: 'scan',
  type: 'KR_ADDRESS',
  category: 'personal',
  context: CONTEXT,
  scan({ text }) {
    const out: Candidate[] = [];
    let lastEnd = -1;
    for (const m of matches(ANCHOR, text)) {
      const syllable = m.index;
      const afterNumber = syllable + m[0].length;
      // "로 12번길 34": the number names a side road; the real anchor comes at "길 34".
      if (/^(?:번?길)/.test(text.slice(afterNumber, afterNumber + 2))) continue;
      if (afterNumber <= lastEnd) continue;
      const c = addressAt(text, syllable, afterNumber);
      if (!c) continue;
      out.push(c);
      lastEnd = c.end;
    }
    const found = out.length;
    for (const m of matches(SPELT_ANCHOR, text)) {
      const afterNumber = m.index + m[0].length;
      if (!SPELT_NUMBER.test(m[0].slice(2)) || COUNT_AFTER.test(text.slice(afterNumber, afterNumber + 3)))
        continue;
      // Overlapping one found by its digits ("테헤란로 일오이, 101동 1203호"), the two are joined
      // where overlaps are resolved.
      const c = addressAt(text, m.index, afterNumber);
      if (c) out.push(c);
    }
    if (out.length > found) out.sort((a, b) => a.start - b.start);
    return out;
  },
};

/** A 시도, one or two 시군구 and the 동 (읍, 면, 리): "대전 유성구 봉명동". */
const PLACE = new RegExp(
  `${SIDO_WORD} (?:[가-힣\\d]{1,6}(?:시|군|구) ){1,2}[가-힣\\d]{1,6}(?:동|읍|면|리)`,
  'y',
);
/** The 동 of a place said as a residence: "봉명동 거주", "역삼동에 살고". */
const RESIDENCE_END = /[동읍면리](?= ?(?:거주|에 ?(?:거주|살|사는|삽니다|산다)))/g;
const ADDRESS_LABEL = /(?:주소|거주지|주거지|사는 곳|거주) ?[:：]? ?/g;

/** The place ending right at `end` (the word starts before it), or -1. */
function placeEndingAt(text: string, end: number): number {
  // Its first word is at most three words before its 동 (시도, up to two 시군구): farthest first.
  const word = wordStart(text, end);
  const starts = word < 0 ? [] : wordsBefore(text, word, 3);
  for (let k = starts.length - 1; k >= 0; k--) {
    const at = starts[k] as number;
    PLACE.lastIndex = at;
    const m = PLACE.exec(text);
    if (m && at + m[0].length === end) return at;
  }
  return -1;
}

/**
 * Where someone lives, down to the neighbourhood but with no number: "대전 유성구 봉명동 거주",
 * "서울시 강남구 역삼동에 살고", "주소: 부산 해운대구 우동". A 시도, one or two 시군구 and the 동 (읍, 면,
 * 리), said as a residence (거주, 살다) or under an address label; a place named so in a news story
 * or a schedule (no such word, or "주민 30명") is not taken. Found from the rare parts — the word
 * after the 동, the label — so most text costs one look for each.
 */
export const krResidence: ScanningRecognizer = {
  kind: 'scan',
  type: 'KR_ADDRESS',
  category: 'personal',
  context: CONTEXT,
  scan({ text }) {
    const out: Candidate[] = [];
    for (const m of matches(RESIDENCE_END, text)) {
      const end = m.index + 1;
      const start = placeEndingAt(text, end);
      if (start >= 0) out.push({ type: 'KR_ADDRESS', category: 'personal', start, end, score: 0.75 });
    }
    for (const m of matches(ADDRESS_LABEL, text)) {
      const at = m.index + m[0].length;
      PLACE.lastIndex = at;
      const place = PLACE.exec(text);
      if (!place) continue;
      const end = at + place[0].length;
      // With a number after it, it is a whole address (krAddress); a longer word is no place.
      if (/^(?:[가-힣\d]| ?\d)/.test(text.slice(end, end + 2))) continue;
      out.push({ type: 'KR_ADDRESS', category: 'personal', start: at, end, score: 0.75 });
    }
    return out;
  },
};

import type { Candidate, ScanningRecognizer } from '../../types.js';

/**
 * An account's handle after its label — `카톡 아이디 hong1234`, `로그인 ID: gildong_h`, `인스타
 * @hong.gildong`, `텔레그램: hong1234`: a messenger or site account finds its holder as surely as
 * a phone number does (PIPA counts such identifiers with the person they lead to). Only after a
 * label: a handle alone is any word of Latin letters.
 *
 * A label is strong when it names an account's identifier (아이디, username, or ID / 계정 / handle
 * after a platform or a holder: `카카오톡 ID`, `회원 계정`); a platform's name alone, or 계정 alone
 * (계정과목 is accounting), labels a handle only with a colon or an `@` between (`인스타 @hong`,
 * `텔레그램: hong1234`; not `라인 A123`).
 */
const PLATFORMS = [
  '카카오톡',
  '카톡',
  '카카오',
  '인스타그램',
  '인스타',
  '텔레그램',
  '트위터',
  '페이스북',
  '디스코드',
  '스카이프',
  '위챗',
  '라인',
  '틱톡',
  '깃허브',
  '스레드',
  '링크드인',
  'kakaotalk',
  'kakao',
  'instagram',
  'insta',
  'telegram',
  'twitter',
  'facebook',
  'discord',
  'skype',
  'wechat',
  'line',
  'tiktok',
  'github',
  'threads',
  'linkedin',
];
/** Platforms whose name alone, before a colon or an `@`, labels a handle (라인, 카카오 are words too). */
const PLATFORMS_ALONE = PLATFORMS.filter(
  (p) => !['라인', '카카오', 'line', 'kakao', '스레드', 'threads'].includes(p),
);
const HOLDERS = ['로그인', '사용자', '회원', '접속', '고객', 'login', 'user', 'member'];
const OWNED = `(?:${[...PLATFORMS, ...HOLDERS].join('|')})`;
const LABEL = new RegExp(
  `(?<strong>(?:${OWNED} ?)?(?:아이디|user ?name)|(?<![A-Za-z])${OWNED} ?(?:ID|계정|핸들|handle)(?![A-Za-z]))` +
    `|(?<weak>(?<![A-Za-z가-힣])(?:${PLATFORMS_ALONE.join('|')}|계정)(?![A-Za-z]))`,
  'gi',
);
/**
 * Cheap tests before the label regex, which costs three times as much: a text with no Korean label
 * and no English one has none. Two regexes (the Korean one without the case-insensitive flag) cost
 * less than one.
 */
const KOREAN_LABELS =
  /아이디|계정|핸들|카톡|카카오|인스타|텔레그램|트위터|페이스북|디스코드|스카이프|위챗|틱톡|깃허브|링크드인/;
const ENGLISH_LABELS =
  /(?<![a-z])id(?![a-z])|name|handle|insta|telegram|twitter|facebook|discord|skype|wechat|tiktok|github|linkedin/i;
/아이디|계정|핸들|id|name|handle|카톡|카카오|인스타|텔레그램|트위터|페이스북|디스코드|스카이프|위챗|틱톡|깃허브|insta|gram|twitter|facebook|discord|skype|wechat|tiktok|github|링크드인|linkedin/i;
/** Between the label and the handle: a particle, then spaces, a colon or "=" (at most four). */
const BETWEEN = /(?:은|는|이|가|을|를|도)?[ \t:：=]{0,4}(@?)/y;
const HANDLE = /[A-Za-z0-9][A-Za-z0-9._/-]{0,40}/y;
/** The rest of an address after its scheme: up to a space, a quote or a bracket (at most 200). */
const URL_REST = /[^\s"'<>()[\]{}]{0,200}/y;
/** Punctuation that ends a sentence rather than a handle or an address. */
const TRAILING = '._/-,;:!?';
/** English words after "user ID", "username" in prose: not handles. */
const WORDS = new Set(
  'and or is are was were the for to of with in on at as be by must should field required please password pw otp and/or not'.split(
    ' ',
  ),
);

export const onlineId: ScanningRecognizer = {
  kind: 'scan',
  type: 'ONLINE_ID',
  category: 'personal',
  context: ['아이디', '계정', '카톡', '인스타그램', '텔레그램', 'ID', 'username', 'handle'],
  scan({ text }) {
    const out: Candidate[] = [];
    if (!KOREAN_LABELS.test(text) && !ENGLISH_LABELS.test(text)) return out;
    LABEL.lastIndex = 0;
    for (let m = LABEL.exec(text); m !== null; m = LABEL.exec(text)) {
      const labelEnd = m.index + m[0].length;
      BETWEEN.lastIndex = labelEnd;
      const between = BETWEEN.exec(text) as RegExpExecArray; // matches, perhaps empty
      const at = BETWEEN.lastIndex;
      const bare = m.groups?.weak !== undefined && between[1] === '' && !/[:：=]/.test(between[0]);
      HANDLE.lastIndex = at;
      const h = HANDLE.exec(text);
      if (!h) continue;
      let end = at + h[0].length;
      // A profile's address (`GitHub: https://github.com/jdoe`): the whole of it, which names the handle.
      if (text.startsWith('://', end)) {
        URL_REST.lastIndex = end;
        URL_REST.exec(text);
        end = URL_REST.lastIndex;
      }
      while (end > at && TRAILING.includes(text.charAt(end - 1))) end--;
      const next = text.charCodeAt(end);
      // An e-mail address is the e-mail recogniser's; a handle is 3 to 30 characters, a letter in it.
      if (next === 0x40 || end - at < 3 || (end - at > 30 && !text.startsWith('://', at + h[0].length)))
        continue;
      const handle = text.slice(at, end);
      if (!/[A-Za-z]/.test(handle) || WORDS.has(handle.toLowerCase())) continue;
      // A platform's name right before a word: a handle only as handles are made, lower-case
      // letters with digits or an underscore (`카톡 hong1234로`, not `카톡 PC버전`).
      if (bare && !(/[a-z]/.test(handle) && /[0-9_]/.test(handle))) continue;
      const start = between[1] === '@' ? at - 1 : at;
      out.push({ type: 'ONLINE_ID', category: 'personal', start, end, score: 0.85 });
      LABEL.lastIndex = Math.max(LABEL.lastIndex, end);
    }
    return out;
  },
};

import type { Candidate, ScanningRecognizer } from '../../types.js';

/**
 * An account's handle after its label — `카톡 아이디 hong1234`, `로그인 ID: gildong_h`, `인스타
 * @hong.gildong`, `텔레그램: hong1234`: a messenger or site account finds its holder as surely as
 * a phone number does (PIPA counts such identifiers with the person they lead to). Only after a
 * label: a handle alone is any word of Latin letters.
 *
 * A label is strong when it names an account's identifier (아이디, username, or ID / 계정 / handle
 * after a platform or a holder: `카카오톡 ID`, `회원 계정`); a platform's name alone, or 계정 alone
 * (계정과목 is accounting), labels a handle with a colon or an `@` between (`인스타 @hong`,
 * `텔레그램: hong1234`), or one shaped as handles are made (`카톡 hong_1234로`; not `라인 A123`,
 * `카톡 PC버전`). A handle holds a letter; it may start with a digit (`1004kim`).
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
/**
 * A label ending right before a handle: looked for back from each place a handle may start (a
 * space, colon or "=" before a letter, digit or "@"), and only where the character before that gap (and
 * a particle) is one a label ends with — most such places are ordinary words, passed at once.
 */
const LABEL_BEFORE = new RegExp(
  `(?:(?<strong>(?:${OWNED} ?)?(?:아이디|user ?name)|(?<![A-Za-z])${OWNED} ?(?:ID|계정|핸들|handle))` +
    `|(?<weak>(?<![A-Za-z가-힣])(?:${PLATFORMS_ALONE.join('|')}|계정)))` +
    '(?:은|는|이|가|을|를|도)?(?<gap>[ \\t:：=]{0,4})$',
  'i',
);
const LABEL_ENDS = new Set(
  [...PLATFORMS, '아이디', 'username', 'ID', '계정', '핸들', 'handle'].flatMap((w) => {
    const c = w.charAt(w.length - 1);
    return [c.charCodeAt(0), c.toUpperCase().charCodeAt(0), c.toLowerCase().charCodeAt(0)];
  }),
);
const PARTICLE_CODES = new Set([...'은는이가을를도'].map((c) => c.charCodeAt(0)));
const isGap = (c: number) => c === 0x20 || c === 0x09 || c === 0x3a || c === 0xff1a || c === 0x3d;
/**
 * Where a handle may start, after a space, a colon or "=": a letter, "@", or digits before a letter
 * (a number alone, the commonest thing after a space, is passed in the regex).
 */
const HANDLE_START = /[ \t:：=](?:[@A-Za-z]|\d{1,8}[A-Za-z_])/g;
/** The longest label and what may follow it before the handle. */
const LONGEST_BEFORE = 32;
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
    HANDLE_START.lastIndex = 0;
    for (let m = HANDLE_START.exec(text); m !== null; m = HANDLE_START.exec(text)) {
      const p = m.index + 1;
      // Back over the gap and a particle: the label must end there, with one of its last letters.
      let k = p;
      while (k > 0 && p - k < 4 && isGap(text.charCodeAt(k - 1))) k--;
      if (PARTICLE_CODES.has(text.charCodeAt(k - 1)) && !LABEL_ENDS.has(text.charCodeAt(k - 1))) k--;
      if (!LABEL_ENDS.has(text.charCodeAt(k - 1))) continue;
      const label = LABEL_BEFORE.exec(text.slice(Math.max(0, p - LONGEST_BEFORE), p));
      if (!label) continue;
      const at = text.charCodeAt(p) === 0x40 ? p + 1 : p;
      const bare = label.groups?.weak !== undefined && at === p && !/[:：=]/.test(label.groups?.gap ?? '');
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
      out.push({ type: 'ONLINE_ID', category: 'personal', start: p, end, score: 0.85 });
      HANDLE_START.lastIndex = Math.max(HANDLE_START.lastIndex, end);
    }
    return out;
  },
};

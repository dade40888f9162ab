import type { Pattern, PatternRecognizer } from '../../types.js';

/**
 * The local part, taken from the text right before a match (see the first pattern): Hangul too,
 * as internationalised addresses allow ("홍길동@회사.한국").
 */
const LOCAL = {
  // Latin or Hangul, not both: "이메일hong@…" is a label glued to an address.
  regex: /(?:[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}|[가-힣][가-힣0-9._-]{0,30})$/,
  required: true,
  maxLength: 64,
};

/**
 * The same, a Latin one perhaps with a space before the "@" ("hong @gmail.com"), for an address
 * with its domain (a Hangul word before a space is a label: "이메일 @…").
 */
const LOCAL_OR_SPACE = {
  ...LOCAL,
  regex: /(?:[A-Za-z0-9][A-Za-z0-9._%+-]{0,63} ?|[가-힣][가-힣0-9._-]{0,30})$/,
  maxLength: 65,
};

/**
 * The same, its dots perhaps written out too, for an address whose "@" is: "hong dot gildong at
 * naver dot com", "hong (dot) gildong (at) gmail (dot) com", "hong 점 gildong 골뱅이 naver 닷컴".
 */
const SPELT_LOCAL = {
  ...LOCAL,
  regex:
    /(?:[A-Za-z0-9][A-Za-z0-9_%+-]{0,63}(?: dot |\s?[([{<]\s?dot\s?[)\]}>]\s?| [점닷쩜] ))*(?:[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}|[가-힣][가-힣0-9._-]{0,30})$/i,
  maxLength: 160,
};

/** The Korean top-level domains (.한국, and .닷컴/.닷넷/.삼성): a particle may follow ("한국으로"). */
const HANGUL_TLD = '(?:한국|닷컴|닷넷|삼성)';

/** A dot of a domain written out: "(dot)", "[dot]", " dot ", "점", "닷", "쩜" (as chat says it). */
const SPELT_DOT = String.raw`(?:\.|\s?[([{<]\s?dot\s?[)\]}>]\s?| dot |\s?[점닷쩜]\s?)`;
/**
 * A domain whose dots may be written out, its top-level domain too as Koreans say one: "gmail 닷컴",
 * "hanmail 닷넷", "naver 점 컴", "example 닷 co 닷 kr".
 */
const SPELT_DOMAIN = String.raw`(?:[A-Za-z0-9-]{1,63}${SPELT_DOT}){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])|(?:[A-Za-z0-9-]{1,63}${SPELT_DOT}){0,7}[A-Za-z0-9-]{1,63}\s?[닷점쩜]\s?(?:컴|넷|오알지|케이알)`;

/**
 * An address with its "@" written out, as people write one to keep it from being read: "(at)",
 * "[at]", "{at}", "<at>", "골뱅이", "앳" or "엣" (in brackets too). One test of the text for the forms, so text without any never pays more.
 */
const SPELT_AT: Pattern = {
  name: 'email, @ written out',
  regex: new RegExp(
    String.raw`\s?(?:[([{<]\s?(?:at|골뱅이|[앳엣])\s?[)\]}>]|골뱅이|[앳엣])\s?(?:${SPELT_DOMAIN})`,
    'gi',
  ),
  trigger: /[([{<]\s?at\s?[)\]}>]|골뱅이|[앳엣]/i,
  prefix: SPELT_LOCAL,
  score: 0.85,
};

/**
 * A local part, its characters perhaps written apart ("h o n g @ …") or its dots spaced ("hong .
 * gildong @ …"), and the space before the "@".
 */
const SPACED_LOCAL = {
  regex:
    /(?:(?<![A-Za-z0-9])(?:[A-Za-z0-9._%+-] ){1,64}|[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}(?: \. [A-Za-z0-9][A-Za-z0-9_%+-]{0,63}){0,4} )$/,
  required: true,
  maxLength: 128,
};

const LABEL = '[A-Za-z0-9가-힣-]{1,63}';
/** Top-level domains common enough in Korea to end an address whose dots have a space beside them. */
const COMMON_TLD = '(?:com|net|org|kr|co|io|edu|gov|biz|info|me|jp|cn|us|uk|ac)';

export const email: PatternRecognizer = {
  kind: 'pattern',
  type: 'EMAIL',
  category: 'personal',
  patterns: [
    {
      name: 'email',
      // The match starts at the rare '@'; the local part is taken from the text just before it.
      // Starting at the local part would make the regex try every Latin letter and digit. Two or
      // three "@" typed ("hong@@naver.com") are one.
      regex: new RegExp(
        `@{1,3}(?:[A-Za-z0-9가-힣-]{1,63}\\.){1,8}(?:[A-Za-z]{2,24}(?![A-Za-z0-9-])|${HANGUL_TLD})`,
        'g',
      ),
      trigger: '@',
      prefix: LOCAL_OR_SPACE,
      score: 0.9,
    },
    // Spaces around the "@" and the dots, as some write an address to keep it from being linked
    // or read: "hong @ example . com" (a dot with a space on either side: ". " ends sentences),
    // or every character apart: "h o n g @ e x a m p l e . c o m". One pattern, one look for "@ ".
    {
      name: 'email, spaced',
      regex:
        /@ (?:(?:[A-Za-z0-9-]{1,63} \. ){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])|[A-Za-z0-9-](?: [A-Za-z0-9-]){0,62}(?: \.(?: [A-Za-z0-9-]){1,63}){0,7} \.(?: [A-Za-z]){2,24}(?![A-Za-z0-9-]| [A-Za-z0-9]))/g,
      trigger: '@ ',
      prefix: SPACED_LOCAL,
      score: 0.85,
    },
    // One space here or there, as typed in a hurry or to keep an address from being linked:
    // "hong@ gmail.com", "hong@gmail. com" (a space before the "@" is the local part's: LOCAL).
    // A dot with a space after it ends a sentence too ("ping @ team. Thanks", "me @home. Com…"):
    // the domain must end in a common top-level domain, in lower case. Only with a space, so an
    // address written as usual is matched once.
    {
      name: 'email, loosely spaced',
      regex: new RegExp(
        `@(?: (?:${LABEL} ?\\. ?){1,8}|(?:${LABEL}\\.){0,7}${LABEL}(?: \\. ?|\\. )(?:${LABEL} ?\\. ?){0,7})${COMMON_TLD}(?![A-Za-z0-9-])`,
        'g',
      ),
      trigger: '@',
      prefix: LOCAL_OR_SPACE,
      score: 0.85,
    },
    SPELT_AT,
    // An address at a mail service Koreans use, its domain left unsaid ("minjun@naver", as a
    // 네이버 ID is given): the service names the rest.
    {
      name: 'email, service without domain',
      regex: /@(?:gmail|naver|daum|hanmail|kakao|nate|hotmail|outlook|yahoo|icloud)(?![A-Za-z0-9.@-])/gi,
      trigger: '@',
      prefix: LOCAL,
      score: 0.85,
    },
    // " at " alone is English ("look at example.com"): only with the dots written out too.
    {
      name: 'email, at and dot',
      regex: /\sat\s(?:[A-Za-z0-9-]{1,63} dot ){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/gi,
      // Any case, as the pattern ("AT … DOT"); a look for " dot " cost 13 ms on 10 MB (spaces are everywhere).
      trigger: /dot/i,
      prefix: SPELT_LOCAL,
      score: 0.85,
    },
  ],
  context: ['이메일', '메일', '전자우편', 'email', 'e-mail', 'mail'],
  contextBoost: 0.05,
};

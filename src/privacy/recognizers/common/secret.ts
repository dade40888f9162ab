import type { Candidate, ScanningRecognizer } from '../../types.js';

/**
 * A secret typed after its label — `비밀번호 qwer1234!`, `비번은 1234`, `OTP 482913`, `인증번호:
 * 482913`, `보안카드 번호 1234`, `CVC 123`, `password: hunter2`, `api_key="sk-…"`: a customer who
 * pastes one into a chat gives away the account it opens, whoever reads it. Never a model's to see:
 * pseudonymised like credit data, its surrogate of the same shape and new characters.
 *
 * Korean labels take the value after a space, a colon or 은/는, when it holds a digit or a mark (a
 * word after 비밀번호 is most often what is done with it: `비밀번호 reset`, `비밀번호 변경`) or
 * follows a colon; English labels only before a colon or `=` (`password policy` is prose). The
 * value is one run of printable ASCII, quotes around it allowed, three characters or more.
 */
const LABEL =
  /(?:비밀번호|비번|패스워드|암호|핀번호|인증번호|보안카드 ?번호|OTP(?: ?번호)?|PIN(?: ?번호)?|CV[CV]2?|password|passwd|passphrase|pwd|pw|secret|api[_-]?key)/gi;
/** Between the label and the value, and whether that holds a colon or `=`. */
const BETWEEN = /^(?:은|는|이|가)?[ \t]?(?:[:：=][ \t]?)?["'`]?/;
const ACRONYM = /^(?:OTP|PIN|CV[CV])/i;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isPrintable = (c: number) => c > 0x20 && c < 0x7f;
const isHangul = (c: number) => c >= 0xac00 && c <= 0xd7a3;
const isLatin = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

export const secret: ScanningRecognizer = {
  kind: 'scan',
  type: 'SECRET',
  category: 'credit',
  context: ['비밀번호', '인증번호', 'password', 'OTP'],
  scan({ text }) {
    const out: Candidate[] = [];
    LABEL.lastIndex = 0;
    for (let m = LABEL.exec(text); m !== null; m = LABEL.exec(text)) {
      const label = m[0];
      const at = m.index;
      const end = at + label.length;
      const latin = isLatin(label.charCodeAt(0));
      // A whole word: not inside another (`pwned`, `passwordless`, `spin`).
      if (latin && ((at > 0 && isLatin(text.charCodeAt(at - 1))) || isLatin(text.charCodeAt(end)))) continue;
      // OTP, PIN and CVC are said as Korean labels are; password, pw, secret, api_key are not.
      const english = latin && !ACRONYM.test(label);
      const between = BETWEEN.exec(text.slice(end, end + 6))?.[0] ?? '';
      const colon = /[:：=]/.test(between);
      if (english && !colon) continue;
      const from = end + between.length;
      // Glued to its label only as digits after a Korean one (`비밀번호1234`; not `pin-up`).
      if (between === '' && (latin || !isDigit(text.charCodeAt(from)))) continue;
      let to = from;
      while (to < text.length && to - from <= 64 && isPrintable(text.charCodeAt(to))) to++;
      // A quote closing the value is not part of it.
      let valueEnd = to;
      while (valueEnd > from && /["'`,.;)]/.test(text.charAt(valueEnd - 1))) valueEnd--;
      if (valueEnd - from < 3 || to - from > 64) continue;
      const value = text.slice(from, valueEnd);
      // After a Korean label without a colon: a digit or a mark in it, and not a word of Hangul
      // glued after it other than a particle's or copula's (`1234입니다` is fine, `3회` is short).
      if (!colon && !/[\d\W_]/.test(value)) continue;
      // 비밀번호 glued after a word (`계좌비밀번호`) is still one; 암호 inside a word is not one.
      if (label === '암호' && isHangul(text.charCodeAt(at - 1))) continue;
      out.push({ type: 'SECRET', category: 'credit', start: from, end: valueEnd, score: 0.85 });
      LABEL.lastIndex = valueEnd;
    }
    return out;
  },
};

import { isDigit, isHangul } from '../../chars.js';
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
/**
 * Between the label and the value, and whether that holds a colon or `=`: a particle, or the quote
 * closing a key as JSON, YAML and code write one (`"password": "hunter2"`).
 */
const BETWEEN = /^(?:은|는|이|가|["'`])?[ \t]?(?:[:：=][ \t]?)?["'`]?/;
const ACRONYM = /^(?:OTP|PIN|CV[CV])/i;
const QUOTES = new Set([0x22, 0x27, 0x60]);
/** What may close a sentence or a value's markup after it: `1234.`, `hunter2"}`, `**qwer1234!**`. */
const TRAILING = new Set([...'"\'`,.;)]}*'].map((c) => c.charCodeAt(0)));
const isPrintable = (c: number) => c > 0x20 && c < 0x7f;
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
      // 비밀번호 glued after a word (`계좌비밀번호`) is still one; 암호 inside a word is not one.
      if (label === '암호' && isHangul(text.charCodeAt(at - 1))) continue;
      const between = BETWEEN.exec(text.slice(end, end + 6))?.[0] ?? '';
      const colon = /[:：=]/.test(between);
      if (english && !colon) continue;
      const from = end + between.length;
      // Glued to its label only as digits after a Korean one (`비밀번호1234`; not `pin-up`).
      if (between === '' && (latin || !isDigit(text.charCodeAt(from)))) continue;
      const quote = between.charCodeAt(between.length - 1);
      let valueEnd = -1;
      if (QUOTES.has(quote)) {
        // Quoted: up to its closing quote, whatever it holds (`"hunter2"}`, `'pass word'`).
        let to = from;
        while (
          to < text.length &&
          to - from <= 64 &&
          text.charCodeAt(to) !== quote &&
          text.charCodeAt(to) !== 0x0a
        )
          to++;
        if (text.charCodeAt(to) === quote) valueEnd = to;
      }
      if (valueEnd < 0) {
        // Unquoted, or a quote never closed: one run of printable characters.
        let to = from;
        while (to < text.length && to - from <= 64 && isPrintable(text.charCodeAt(to))) to++;
        if (to - from > 64) continue;
        // Punctuation and markup closing the sentence or the value are not part of it (`1234.`, `**x**`).
        valueEnd = to;
        while (valueEnd > from && TRAILING.has(text.charCodeAt(valueEnd - 1))) valueEnd--;
      }
      if (valueEnd - from < 3) continue;
      // After a Korean label without a colon: a digit or a mark in it (`비밀번호 reset` is prose).
      if (!colon && !/[\d\W_]/.test(text.slice(from, valueEnd))) continue;
      out.push({ type: 'SECRET', category: 'credit', start: from, end: valueEnd, score: 0.85 });
      LABEL.lastIndex = valueEnd;
    }
    return out;
  },
};

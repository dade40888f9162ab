import { isHangul } from '../../chars.js';
import { onlyDigits } from '../../checksums/index.js';
import { positionsIn } from '../../matches.js';
import type { Candidate, ScanningRecognizer } from '../../types.js';
import { GAP } from './patient-id.js';
import { SyllableWordSet } from './syllable-set.js';

/**
 * An organisation's number for a person, right after its label: a bank's, insurer's, telecom's or
 * shop's for its customer or member (고객번호, 회원번호, 가입자번호), an insurer's for the policy
 * its holder signed (증권번호, 보험계약번호), a lender's for a loan (대출계약번호), an employer's or a
 * school's for its staff and students (사원번호, 사번, 학번, 군번). With the organisation's records it
 * names the person, so it is personal data wherever it goes. Organisations number people as they
 * like (`C-20231234`, `2023-000123456`), so only the label says what the number is. Labels are
 * found from each 번 in the text (searched once for this and patients' numbers), the number read
 * right after each.
 */
/** What ends the word before 번호 in such a label (a space, and 관리, allowed between). */
const BEFORE_NUMBER = new SyllableWordSet(
  '고객|회원|가입자|카드회원|멤버십|증권|보험증권|보험계약|대출계약|계약자|사원|직원|교직원|학생|수험'.split(
    '|',
  ),
);
const GWAN = '관'.charCodeAt(0);
const RI = '리'.charCodeAt(0);

/** Whether a label of BEFORE_NUMBER ends right before `at` (a space, then 관리, allowed between). */
function labelBefore(text: string, at: number): boolean {
  let end = at;
  if (text.charCodeAt(end - 1) === 0x20) end--;
  if (text.charCodeAt(end - 1) === RI && text.charCodeAt(end - 2) === GWAN) {
    end -= 2;
    if (text.charCodeAt(end - 1) === 0x20) end--;
  }
  for (let length = 2; length <= 4 && length <= end; length++)
    if (BEFORE_NUMBER.has(text, end - length, end)) return true;
  return false;
}
/** Labels of their own: 사번, 학번, 군번 (a word of itself, not 이번, 한번, 순번…). */
const OWN = new Set(['사', '학', '군'].map((c) => c.charCodeAt(0)));
const HO = '호'.charCodeAt(0);
const EUN = '은'.charCodeAt(0);
/**
 * As a patient's number (patient-id.ts): at most three letters and a dash before its digits, up to
 * three groups joined by dashes; the label's topic particle may come first ("고객번호는 12345678").
 */
const NUMBER = new RegExp(
  `(?:은|는)?${GAP}((?:[A-Za-z]{1,3}-?)?\\d{2,14}(?:-\\d{1,10}){0,2})(?![0-9A-Za-z]|-\\d)`,
  'y',
);

export const krCustomerId: ScanningRecognizer = {
  kind: 'scan',
  type: 'KR_CUSTOMER_ID',
  category: 'personal',
  context: ['고객번호', '회원번호', '증권번호', '사원번호', '사번', '학번'],
  scan({ text, positionsOf = (w) => positionsIn(text, w) }) {
    const out: Candidate[] = [];
    for (const at of positionsOf('번')) {
      let after: number;
      if (text.charCodeAt(at + 1) === HO) {
        if (!labelBefore(text, at)) continue;
        after = at + 2;
      } else {
        // 사번, 학번, 군번 as a word: no syllable before it, none after but a particle's 은/이.
        const c = text.charCodeAt(at - 1);
        if (!OWN.has(c) || (at >= 2 && isHangul(text.charCodeAt(at - 2)))) continue;
        const next = text.charCodeAt(at + 1);
        if (isHangul(next) && next !== EUN) continue;
        after = at + 1;
      }
      NUMBER.lastIndex = after;
      const n = NUMBER.exec(text);
      if (!n) continue;
      const value = n[1] as string;
      const digits = onlyDigits(value).length;
      if (digits < 5 || digits > 20) continue;
      const end = NUMBER.lastIndex;
      // Only the label says what it is: below a deployment's own recogniser of such numbers with
      // its context word (0.4 + 0.35), which names the type it wants.
      out.push({ type: 'KR_CUSTOMER_ID', category: 'personal', start: end - value.length, end, score: 0.7 });
    }
    return out;
  },
};

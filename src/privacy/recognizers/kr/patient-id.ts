import { onlyDigits } from '../../checksums/index.js';
import { positionsIn } from '../../matches.js';
import type { Candidate, PatternRecognizer, ScanningRecognizer } from '../../types.js';

/**
 * A hospital's number for its patient (환자번호, 병록번호, 차트번호, 등록번호 on a 소견서): with the
 * record it opens it names the patient, and what it opens is health data. Hospitals number
 * patients as they like (`00231485`, `P-2026-00412`), so only its label right before it says what
 * it is. The labels are found from each 번호 in the text (from each 번, searched once for this and
 * customers' numbers: a regex for them cost five times as much), and in Latin letters only in a
 * text that holds them; the number is read right after each.
 */
/** What stands before 번호 in a patient's number's label (a space allowed between). */
const BEFORE_NUMBER = /(?:환자|병록|차트|진료카드|진료|의무기록|수진자|(?<reg>(?<![가-힣])등록)) ?$/;
/** The labels with ID or No, and in English: looked for only where the text holds them. */
const OTHER_LABELS =
  /(?:환자|병록|차트|진료카드|진료|의무기록|수진자) ?(?:ID|No\.?)|MRN|[Pp]atient (?:ID|No\.?)/g;
/**
 * 등록번호 alone is a patient's only on a medical record (MEDICAL within REACH): not after 사업자,
 * 법인, 주민, 외국인, 차량 or 동물 written apart, whose 등록번호 other recognisers read or is no
 * person's, nor beside an animal.
 */
const OTHER_REGISTRATION = /(?:사업자|법인|주민|외국인|자동차|차량|동물|특허|상표|건축물?|부동산|고유) ?$/;
const MEDICAL = /환자|진료|진단|소견서|처방|병원|의원|내원|입원|외래|수진자|patient/i;
const ANIMAL = /동물|반려/;
const REACH = 120;
const HO = '호'.charCodeAt(0);
/** Between the label and the number: a colon, a bracket, a quote or a space (at most four). */
export const GAP = '[ :：(\\[`"\']{0,4}';
/**
 * The number: at most three letters and a dash before its digits, in up to three groups joined by
 * dashes (`P-2026-00412`), five digits or more. After 등록번호 alone, digits only: a front half and
 * a digit (`975723-5`) is a 주민등록번호's shape there.
 */
const NUMBER = new RegExp(`${GAP}((?:[A-Za-z]{1,3}-?)?\\d{2,12}(?:-\\d{1,8}){0,2})(?![0-9A-Za-z]|-\\d)`, 'y');
const DIGITS_ONLY = new RegExp(`${GAP}(\\d{5,12})(?![0-9A-Za-z]|-\\d)`, 'y');

export const krPatientId: ScanningRecognizer = {
  kind: 'scan',
  type: 'KR_PATIENT_ID',
  category: 'sensitive',
  context: ['환자번호', '차트번호', '병록번호', '등록번호', '진료', 'patient'],
  scan({ text, positionsOf = (w) => positionsIn(text, w) }) {
    const out: Candidate[] = [];
    const read = (labelStart: number, after: number, registration: boolean) => {
      const number = registration ? DIGITS_ONLY : NUMBER;
      number.lastIndex = after;
      const n = number.exec(text);
      if (!n) return;
      const value = n[1] as string;
      const digits = onlyDigits(value).length;
      if (digits < 5 || digits > 16) return;
      if (registration) {
        if (OTHER_REGISTRATION.test(text.slice(Math.max(0, labelStart - 8), labelStart))) return;
        const around = text.slice(
          Math.max(0, labelStart - REACH),
          Math.min(text.length, number.lastIndex + REACH / 2),
        );
        if (!MEDICAL.test(around) || ANIMAL.test(around)) return;
      }
      const end = number.lastIndex;
      out.push({
        type: 'KR_PATIENT_ID',
        category: 'sensitive',
        start: end - value.length,
        end,
        score: registration ? 0.7 : 0.85,
      });
    };
    // From each 번 (searched once for this and customers' numbers): 번호.
    for (const at of positionsOf('번')) {
      if (text.charCodeAt(at + 1) !== HO) continue;
      const label = BEFORE_NUMBER.exec(text.slice(Math.max(0, at - 6), at));
      if (label) read(at - label[0].length, at + 2, label.groups?.reg !== undefined);
    }
    if (text.includes('ID') || text.includes('No') || text.includes('MRN') || text.includes('atient')) {
      OTHER_LABELS.lastIndex = 0;
      for (let m = OTHER_LABELS.exec(text); m !== null; m = OTHER_LABELS.exec(text))
        read(m.index, m.index + m[0].length, false);
    }
    return out.sort((x, y) => x.start - y.start);
  },
};

/**
 * A prescription's number after its label (처방전 번호, 처방번호, 처방전 발급번호, 조제처방번호,
 * 처방ID): it is issued for one patient's visit and leads to what was prescribed. Its format is the
 * issuer's (`RX-2026-0511-7742`, `PRSC-2026-0053-77192`, `2026-SE-0033817`, `PX25R-889204`): letters,
 * digits and dashes from a letter or digit, a last group after a space allowed, five digits or more.
 * The regex starts at a letter or digit and looks back for the label only there.
 */
const PRESCRIPTION_LABEL = '(?:조제)?처방(?:전)? ?(?:번호|발급번호|식별번호|발행번호|관리번호|교부번호|ID)';

export const krPrescriptionId: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_PRESCRIPTION_ID',
  category: 'sensitive',
  patterns: [
    {
      name: 'prescription-id',
      regex: new RegExp(
        `[A-Za-z0-9](?<=(?:${PRESCRIPTION_LABEL})${GAP}[A-Za-z0-9])[A-Za-z0-9-]{3,28}(?: \\d{2,6})?(?![0-9A-Za-z]|-\\d)`,
        'g',
      ),
      trigger: '처방',
      score: 0.85,
    },
  ],
  validate: (m) => {
    const digits = onlyDigits(m).length;
    return digits >= 5 && digits <= 20 && /\d$/.test(m) ? 'unknown' : 'invalid';
  },
  context: ['처방전', '처방', '약국', '조제', 'prescription'],
};

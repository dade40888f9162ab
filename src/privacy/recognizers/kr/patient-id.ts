import type { PatternRecognizer } from '../../types.js';

/**
 * A hospital's number for its patient (환자번호, 병록번호, 차트번호, 등록번호 on a 소견서): with the
 * record it opens it names the patient, and what it opens is health data. Hospitals number
 * patients as they like (`00231485`, `P-2026-00412`), so only its label right before it says what
 * it is: the number is read from its first digit, a letter or two and a dash allowed before.
 */
const LABEL =
  '(?:환자|병록|차트|진료|진료카드|의무기록|수진자) ?(?:번호|ID|No\\.?)|MRN|[Pp]atient (?:ID|No\\.?)';
/**
 * 등록번호 alone is a patient's only on a medical record (see the context words): not after 사업자,
 * 법인, 주민, 외국인, 차량 or 동물, whose 등록번호 other recognisers read or is no person's.
 */
const REGISTRATION =
  '(?<!(?:사업자|법인|주민|외국인|자동차|차량|동물|특허|상표|건축물?|부동산|고유) ?)(?<![가-힣])등록 ?번호';
/** Between the label and the number: a colon, a bracket or a space (at most four). */
const GAP = '[ :：(\\[]{0,4}';
/**
 * The number: at most three letters and a dash before its digits, in up to three groups joined by
 * dashes (`P-2026-00412`), five digits or more (`validate`). After 등록번호 alone, digits only: a
 * front half and a digit (`975723-5`) is a 주민등록번호's shape there.
 */
const NUMBER = '(?:[A-Za-z]{1,3}-?)?\\d{2,12}(?:-\\d{1,8}){0,2}(?![0-9A-Za-z]|-\\d)';
const DIGITS_ONLY = '\\d{5,12}(?![0-9A-Za-z]|-\\d)';

export const krPatientId: PatternRecognizer = {
  kind: 'pattern',
  type: 'KR_PATIENT_ID',
  category: 'sensitive',
  patterns: [
    {
      name: 'patient-id',
      regex: new RegExp(`(?<=(?:${LABEL})${GAP})${NUMBER}`, 'g'),
      trigger: /환자|병록|차트|진료|의무기록|수진자|MRN|[Pp]atient/,
      score: 0.85,
      // Tried only where a run of digits starts (its label looked back for there), not at every
      // character of a text that holds 환자 or 진료.
      digitRuns: { min: 2, firstRun: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], lead: 4 },
    },
    {
      name: 'registration-on-a-record',
      regex: new RegExp(`(?<=${REGISTRATION}${GAP})${DIGITS_ONLY}`, 'g'),
      trigger: /등록 ?번호/,
      score: 0.3,
      digitRuns: { min: 5, firstRun: [5, 6, 7, 8, 9, 10, 11, 12] },
    },
  ],
  // A medical record around 등록번호: a patient, a diagnosis, a prescription, a clinic.
  validate: (m) => {
    const digits = m.replace(/\D/g, '').length;
    return digits >= 5 && digits <= 16 ? 'unknown' : 'invalid';
  },
  // An animal's registration number is its owner's business, not a patient's.
  negativeContext: ['동물', '반려', '등록동물'],
  context: [
    '환자',
    '진료',
    '진단',
    '소견서',
    '처방',
    '병원',
    '의원',
    '내원',
    '입원',
    '외래',
    '수진자',
    'patient',
  ],
  contextWindow: { before: 120, after: 60 },
  contextBoost: 0.4,
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
    const digits = m.replace(/\D/g, '').length;
    return digits >= 5 && digits <= 20 && /\d$/.test(m) ? 'unknown' : 'invalid';
  },
  context: ['처방전', '처방', '약국', '조제', 'prescription'],
};

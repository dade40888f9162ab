import type { RecognizerCase } from '../case.js';

export const patientIdCases: RecognizerCase[] = [
  {
    name: '등록번호 on a physician’s note',
    text: '환자명: 김미정\n나이/성별: 54세 / 여\n등록번호: 00231485\n\n진단명: 제2형 당뇨병',
    spans: ['00231485'],
  },
  {
    name: 'a chart number with a letter',
    text: '(F, 67y) 차트번호: H-552019\nS) 3개월 전 시작된',
    spans: ['H-552019'],
  },
  { name: 'a patient number in groups', text: '환자번호: P-2026-00412 외래 접수', spans: ['P-2026-00412'] },
  { name: 'English labels', text: 'MRN: 12345678, Patient ID 00123456', spans: ['12345678', '00123456'] },
  { name: '병록번호 in brackets', text: '입원 기록(병록번호 [20261234])', spans: ['20261234'] },
  // Other registration numbers, and 등록번호 with no medical record around it.
  { name: "a business's registration number", text: '사업자 등록번호 1234567890 확인', spans: [] },
  { name: "an animal's", text: '등록동물: 푸들(등록번호 410082026013547)', spans: [] },
  { name: '등록번호 without a record around it', text: '회원 등록번호 7741203 으로 조회', spans: [] },
  {
    name: "a 주민등록번호's shape after 등록번호",
    text: '등록 번호 975723-5은 유효하지 않습니다. 환자명: 김서연',
    spans: [],
  },
  { name: "a clinic's code", text: '의료기관: 한빛내과의원 (요양기관기호: 31405672)', spans: [] },
  { name: 'too few digits', text: '차트번호 1234', spans: [] },
];

export const prescriptionIdCases: RecognizerCase[] = [
  {
    name: 'after 처방전 번호',
    text: '처방전 번호: RX-2026-0511-7742\n처방약:',
    spans: ['RX-2026-0511-7742'],
  },
  {
    name: 'its own label words',
    text: '처방전 식별번호: PRSC-2026-0053-77192',
    spans: ['PRSC-2026-0053-77192'],
  },
  { name: 'digits first', text: '처방전번호 20260528-0093741 이거 보세요', spans: ['20260528-0093741'] },
  { name: 'letters between', text: '(처방전번호 2026-SE-0033817)와 복용', spans: ['2026-SE-0033817'] },
  {
    name: 'a last group after a space',
    text: '진단서 처방전번호 RX2026-77 1208 첨부',
    spans: ['RX2026-77 1208'],
  },
  { name: 'after 처방ID', text: '처방ID PX25R-889204, 신장', spans: ['PX25R-889204'] },
  // Not numbers: the word after the label, too few digits, no label.
  { name: 'a word after the label', text: '처방전 번호를 알려주세요. 처방번호 확인 필요', spans: [] },
  { name: 'too few digits', text: '처방번호 RX-12', spans: [] },
  { name: 'no label', text: '주문번호 RX-2026-0511-7742', spans: [] },
];

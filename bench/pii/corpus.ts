import { completeWithCheckDigit, ean13 } from '../../src/privacy/checksums/index.js';
import { createRng, type Rng } from '../../src/privacy/random.js';
import * as g from './generators.js';

/**
 * A seeded, labelled Korean evaluation corpus: bank notes, medical charts, insurance claims,
 * complaints, chats, court papers and access logs, with hard negatives (amounts, dates, case and
 * order numbers, barcodes, masked names, Luhn-invalid numbers, words that start like names).
 */

export interface GoldEntity {
  type: string;
  start: number;
  end: number;
}
export interface LabelledDoc {
  id: string;
  kind: string;
  text: string;
  entities: GoldEntity[];
}

type Part = string | { type: string; value: string };
const e = (type: string, value: string): Part => ({ type, value });

/** A name with a particle chosen by its final consonant. */
const named = (name: string, withFinal: string, without: string): Part[] => [
  e('PERSON', name),
  g.particle(name, withFinal, without),
];

const FILLER = [
  '본 문서는 내부 업무 처리 기준에 따라 작성되었습니다. ',
  '이번 분기 정부 정책 변경에 따라 심사 기준이 일부 조정되었습니다. ',
  '한국은행 기준금리는 연 3.5%로 유지되었으며 시장 금리는 소폭 하락했습니다. ',
  '고객님의 소중한 개인정보는 관련 법령에 따라 안전하게 관리됩니다. ',
  '처리 결과는 영업일 기준 3일 이내에 문자 메시지로 안내됩니다. ',
  '정보통신망법 제28조 및 개인정보 보호법 제29조에 따른 안전성 확보 조치를 이행하였습니다. ',
  '조사 결과 특이 사항은 발견되지 않았으며 추가 확인이 필요하지 않습니다. ',
  '신청서 양식은 홈페이지 자료실에서 내려받을 수 있습니다. ',
  '최근 보이스피싱 피해가 증가하고 있어 각별한 주의가 필요합니다. ',
  '전화번호란은 비워 두셔도 접수에 문제가 없습니다. ',
  '강조하건대 모든 서류는 원본과 대조 후 반환됩니다. ',
  '이상의 내용을 확인하였으며 이에 동의합니다. ',
  '유지보수 작업으로 인해 오전 2시부터 4시까지 서비스가 중단됩니다. ',
  '신용도 평가는 외부 신용평가사 자료를 기준으로 합니다. ',
  '장기 미사용 계좌는 휴면 처리될 수 있습니다. ',
];

function hardNegative(rng: Rng): string {
  const pick = rng.int(16);
  switch (pick) {
    case 0:
      return `청구 금액은 ${(1 + rng.int(900)) * 10000 + rng.int(10000)}원이며 분할 납부가 가능합니다. `;
    case 1:
      return `접수일은 ${2020 + rng.int(5)}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}입니다. `;
    case 2:
      return `관련 사건 ${2020 + rng.int(5)}가합${10000 + rng.int(90000)}호는 현재 진행 중입니다. `;
    case 3:
      return `주문번호 ${2024}${String(rng.int(1e8)).padStart(8, '0')}의 배송이 시작되었습니다. `;
    case 4:
      return `상품 바코드 ${completeWithCheckDigit(`880${String(rng.int(1e9)).padStart(9, '0')}`, ean13)}을 확인하세요. `;
    case 5:
      return `참고 번호 ${g.luhnInvalidCard(rng)}는 내부 관리용입니다. `;
    case 6:
      return '김** 고객님의 요청은 처리 완료되었습니다. ';
    case 7:
      return '김모씨가 제기한 이의 신청은 기각되었습니다. ';
    case 8:
      return '이○○ 님의 민원은 담당 부서로 이관되었습니다. ';
    case 9:
      return `모델명 M${100 + rng.int(900)}A${1000 + rng.int(9000)} 제품의 재고가 부족합니다. `;
    case 10:
      return `우편번호 ${String(rng.int(63000)).padStart(5, '0')} 지역은 배송비가 추가됩니다. `;
    case 11:
      return `시스템 버전 ${1 + rng.int(9)}.${rng.int(20)}.${rng.int(50)} 업데이트가 완료되었습니다. `;
    case 12:
      return `회의는 ${10 + rng.int(8)}:${rng.int(6)}0:00에 시작합니다. `;
    case 13:
      return `코스피 지수는 ${2000 + rng.int(900)}.${rng.int(100)}로 마감했습니다. `;
    case 14:
      return `제${1 + rng.int(50)}조 제${1 + rng.int(5)}항에 따라 처리합니다. `;
    default:
      return `등록 번호 ${900000 + rng.int(99999)}-${rng.int(10)}은 유효하지 않습니다. `;
  }
}

const TEMPLATES: Record<string, (rng: Rng) => Part[]> = {
  bankNote(rng) {
    const n = g.personName(rng);
    const { bank, account } = g.bankAccount(rng);
    return [
      '상담일자 2024-03-15. 고객 ',
      e('PERSON', n),
      '님께서 지점을 방문하여 대출 상담을 받으심. 주민등록번호 ',
      e('KR_RRN', g.rrn(rng)),
      ', 연락처 ',
      e('PHONE', g.phone(rng)),
      '. 급여 이체 계좌는 ',
      bank,
      ' ',
      e('KR_BANK_ACCOUNT', account),
      '이며 월 소득은 약 350만 원. 신청 금액 5,000만 원, 금리 연 4.5%. ',
      ...named(n, '은', '는'),
      ' 추가 서류를 다음 주에 제출하기로 함.',
    ];
  },
  bankForm(rng) {
    const { bank, account } = g.bankAccount(rng);
    return [
      '예금주: ',
      e('PERSON', g.personName(rng)),
      '\n계좌번호: ',
      e('KR_BANK_ACCOUNT', account),
      '\n은행: ',
      bank,
      '\n연락처: ',
      e('PHONE', g.phone(rng)),
      '\n본인 확인: 운전면허증 ',
      e('KR_DRIVER_LICENSE', g.driverLicense(rng)),
    ];
  },
  chart(rng) {
    const n = g.personName(rng);
    const guardian = g.personName(rng);
    return [
      '환자명: ',
      e('PERSON', n),
      ' (남, 45세)\n주민등록번호: ',
      e('KR_RRN', g.rrn(rng)),
      '\n건강보험증번호: ',
      e('KR_HEALTH_INSURANCE', g.healthInsurance(rng)),
      '\n주소: ',
      e('KR_ADDRESS', g.address(rng)),
      '\n주호소: 3일 전부터 시작된 두통과 발열.\n',
      ...named(n, '은', '는'),
      ' 혈압 140/90, 체온 38.2도로 측정됨. 보호자 ',
      e('PERSON', guardian),
      '씨(',
      e('PHONE', g.phone(rng)),
      ')에게 경과를 설명함.\n담당의: ',
      e('PERSON', g.personName(rng)),
    ];
  },
  claim(rng) {
    const { bank, account } = g.bankAccount(rng);
    return [
      '보험금 청구서\n피보험자: ',
      e('PERSON', g.personName(rng)),
      '\n주민등록번호: ',
      e('KR_RRN', g.rrn(rng)),
      '\n청구 금액: 1,250,000원\n지급 계좌: ',
      bank,
      ' ',
      e('KR_BANK_ACCOUNT', account),
      '\n사고 차량: ',
      e('KR_VEHICLE_PLATE', g.plate(rng)),
      '\n연락처: ',
      e('PHONE', g.phone(rng)),
      ', 이메일: ',
      e('EMAIL', g.email(rng)),
    ];
  },
  complaint(rng) {
    const n = g.personName(rng);
    return [
      '민원인 ',
      ...named(n, '은', '는'),
      ' 2024년 5월 2일 ',
      e('KR_ADDRESS', g.address(rng)),
      ' 자택 앞에 불법 주차된 차량(',
      e('KR_VEHICLE_PLATE', g.plate(rng)),
      ')에 대해 신고하였습니다. 회신은 ',
      e('EMAIL', g.email(rng)),
      ' 또는 ',
      e('PHONE', g.phone(rng)),
      '으로 부탁드립니다. 담당 주무관 ',
      e('PERSON', g.personName(rng)),
      ' 배정.',
    ];
  },
  chat(rng) {
    const n = g.personName(rng);
    return [
      '상담원: 안녕하세요, 고객님. 무엇을 도와드릴까요?\n고객: 카드 분실 신고하려고요. 카드번호는 ',
      e('CREDIT_CARD', g.card(rng)),
      '이에요.\n상담원: 본인 확인을 위해 성함을 말씀해 주세요.\n고객: ',
      e('PERSON', n),
      g.particle(n, '이고요', '고요'),
      ', 전화번호는 ',
      e('PHONE', g.phone(rng)),
      '입니다.\n상담원: ',
      e('PERSON', n),
      ' 고객님, 확인되었습니다. 재발급 카드는 등록된 주소로 발송됩니다.',
    ];
  },
  court(rng) {
    return [
      '사건 2024가합12345 손해배상(기)\n원고 ',
      e('PERSON', g.personName(rng)),
      ' (주민등록번호 ',
      e('KR_RRN', g.rrn(rng)),
      ')\n주소 ',
      e('KR_ADDRESS', g.address(rng)),
      '\n피고 주식회사 한빛상사 (법인등록번호 ',
      e('KR_CRN', g.crn(rng)),
      ', 사업자등록번호 ',
      e('KR_BRN', g.brn(rng)),
      ')\n대표이사 ',
      e('PERSON', g.personName(rng)),
      '\n원고 소송대리인 변호사 ',
      e('PERSON', g.personName(rng)),
    ];
  },
  accessLog(rng) {
    return [
      '접속 로그: 2024-05-01 12:30:45 사용자 ',
      e('EMAIL', g.email(rng)),
      ' 접속 IP ',
      e('IP_ADDRESS', g.ip(rng)),
      ' 로그인 성공. 세션 a1b2c3d4 만료 30분.',
    ];
  },
  travel(rng) {
    const n = g.personName(rng);
    return [
      '출장 신청: ',
      e('PERSON', n),
      ' 대리, 여권번호 ',
      e('KR_PASSPORT', g.passport(rng)),
      ', 법인카드 ',
      e('CREDIT_CARD', g.card(rng)),
      '로 항공권 결제 예정. ',
      ...named(n, '이', '가'),
      ' 귀국 후 정산 서류 제출.',
    ];
  },
  alien(rng) {
    return [
      '외국인 근로자 ',
      e('PERSON', g.foreignName(rng)),
      '의 외국인등록번호 ',
      e('KR_FRN', g.frn(rng)),
      ', 여권번호 ',
      e('KR_PASSPORT', g.passport(rng)),
      ', 연락처 ',
      e('PHONE', g.phone(rng)),
      '. 고용 사업장 사업자등록번호 ',
      e('KR_BRN', g.brn(rng)),
      '.',
    ];
  },
  // A table whose column headers, lines above the values, are their only labels.
  roster(rng) {
    const rows: Part[] = ['외국인 근로자 명부\n\n성명(영문) / 국적 / 외국인등록번호 / 여권번호 / 연락처\n'];
    for (let k = 2 + rng.int(3); k > 0; k--)
      rows.push(
        e('PERSON', g.foreignName(rng)),
        `  ${rng.pick(['베트남', '중국', '필리핀', '우즈베키스탄', '네팔'])}  `,
        e('KR_FRN', g.rosterFrn(rng)),
        '  ',
        e('KR_PASSPORT', g.foreignPassport(rng)),
        '  ',
        e('PHONE', g.phone(rng)),
        '\n',
      );
    return rows;
  },
  checkup(rng) {
    const rows: Part[] = ['사내 건강검진 대상자 명부\n\n사번    성명    건강보험증번호      검진예약일\n'];
    for (let k = 2 + rng.int(3); k > 0; k--) {
      const hi = g.healthInsurance(rng);
      rows.push(
        `${20000 + rng.int(9000)}  `,
        e('PERSON', g.personName(rng)),
        '  ',
        e('KR_HEALTH_INSURANCE', rng.int(2) === 0 ? hi : `${hi.slice(0, 1)}-${hi.slice(1)}`),
        `        2026-0${1 + rng.int(9)}-1${rng.int(10)}\n`,
      );
    }
    return rows;
  },
  memo(rng) {
    const n = g.personName(rng);
    return [
      '회의록: ',
      ...named(n, '이', '가'),
      ' 다음 회의 안건을 정리하기로 함. 참석자 ',
      e('PERSON', g.personName(rng)),
      ', ',
      e('PERSON', g.personName(rng)),
      '.',
    ];
  },
};

function build(id: string, kind: string, parts: Part[]): LabelledDoc {
  let text = '';
  const entities: GoldEntity[] = [];
  for (const p of parts) {
    if (typeof p === 'string') text += p;
    else {
      entities.push({ type: p.type, start: text.length, end: text.length + p.value.length });
      text += p.value;
    }
  }
  return { id, kind, text, entities };
}

export function generateCorpus(seed: number, docs: number): LabelledDoc[] {
  const rng = createRng(seed);
  const kinds = Object.keys(TEMPLATES);
  const out: LabelledDoc[] = [];
  for (let i = 0; i < docs; i++) {
    const kind = kinds[i % kinds.length] as string;
    const parts: Part[] = [];
    // Body between filler and hard negatives, so context words sit at realistic distances.
    for (let k = rng.int(3); k > 0; k--) parts.push(rng.pick(FILLER));
    parts.push(hardNegative(rng), '\n');
    parts.push(...(TEMPLATES[kind] as (r: Rng) => Part[])(rng), '\n');
    for (let k = 1 + rng.int(3); k > 0; k--) parts.push(rng.pick(FILLER), hardNegative(rng));
    out.push(build(`doc-${i}`, kind, parts));
  }
  return out;
}

import type { RecognizerCase } from '../case.js';

export const foreignNameCases: RecognizerCase[] = [
  { name: 'airline style SURNAME/GIVEN', text: '승객명: KIM/JUNHO 여권번호', spans: ['KIM/JUNHO'] },
  { name: 'SURNAME / GIVEN with spaces', text: '승객명: KIM / JUNHO', spans: ['KIM / JUNHO'] },
  {
    name: 'Vietnamese name in Hangul as one word',
    text: '한글표기: 응웬티마이호아',
    spans: ['응웬티마이호아'],
  },
  { name: 'passport style', text: '성명: HONG GILDONG', spans: ['HONG GILDONG'] },
  { name: 'title case, hyphenated given name', text: 'Name: Hong Gil-dong', spans: ['Hong Gil-dong'] },
  { name: 'compound surname', text: 'JEGAL MINSU 님', spans: ['JEGAL MINSU'] },
  { name: 'given name first', text: 'Dear Gil-dong Hong,', spans: ['Gil-dong Hong'] },
  { name: 'stops before the next word', text: 'Park Ji-sung scored twice', spans: ['Park Ji-sung'] },
  { name: 'Vietnamese, Latin', text: '근로자 NGUYEN THI HOA (베트남)', spans: ['NGUYEN THI HOA'] },
  { name: 'Vietnamese, Hangul', text: '응우옌 티 흐엉 씨가 입원했다', spans: ['응우옌 티 흐엉'] },
  { name: 'Vietnamese, Hangul, short surname', text: '환자 레 반 남 (32세)', spans: ['레 반 남'] },
  { name: 'English words after a surname', text: 'LEE HARDWARE STORE', spans: [] },
  { name: 'a French title', text: 'LE MONDE 기사', spans: [] },
  { name: 'a sign', text: 'DO NOT DISTURB', spans: [] },
  { name: 'a city', text: 'HONG KONG 지점', spans: [] },
  { name: 'a street', text: 'PARK AVENUE 12', spans: [] },
  {
    name: 'English name, given name first',
    text: '담당: Michael Anderson (US office)',
    spans: ['Michael Anderson'],
  },
  { name: 'Filipino name on a roster', text: 'SANTOS MARIA  필리핀  P55512340', spans: ['SANTOS MARIA'] },
  { name: 'Japanese name, passport style', text: '성명: KENJI YAMAMOTO', spans: ['KENJI YAMAMOTO'] },
  { name: 'English name in Hangul', text: '고객 마이클 앤더슨 님의 요청', spans: ['마이클 앤더슨'] },
  { name: 'a loan term is not a name', text: 'Grace Period 동안 이자 면제', spans: [] },
];

import type { RecognizerCase } from '../case.js';

export const personCases: RecognizerCase[] = [
  { name: 'honorific 님', text: '김민준님 안녕하세요', spans: ['김민준'] },
  { name: 'title after space', text: '박지훈 변호사가 대리합니다', spans: ['박지훈'] },
  { name: 'label before', text: '성명: 홍길동', spans: ['홍길동'] },
  { name: 'patient label', text: '환자 이서연(35세)', spans: ['이서연'] },
  { name: 'customer', text: '고객 최영호 씨의 요청', spans: ['최영호'] },
  { name: 'particle excluded', text: '김민준은 어제 방문했다', spans: ['김민준'] },
  { name: 'compound surname', text: '남궁민수 고객님', spans: ['남궁민수'] },
  { name: 'compound surname 황보', text: '담당자 황보혜정', spans: ['황보혜정'] },
  { name: 'two-syllable name with title', text: '김철 씨가 왔다', spans: ['김철'] },
  {
    name: 'repeated name is found again',
    text: '신청인 정하은. 정하은의 서류는 완료.',
    spans: ['정하은', '정하은'],
  },
  { name: 'near an identifier', text: '윤서진 900101-1234568', spans: ['윤서진'] },
  { name: 'English label', text: 'Patient: 강도윤', spans: ['강도윤'] },
  { name: 'masked with asterisks', text: '김** 고객님', spans: [] },
  { name: 'masked with circles', text: '이○○ 님', spans: [] },
  { name: '김모씨', text: '김모씨가 신고했다', spans: [] },
  { name: '김모 씨', text: '피해자 김모 씨는', spans: [] },
  { name: 'common words starting with surnames', text: '이번 정부는 강조했다. 한국은 이상 없다.', spans: [] },
  { name: '고객님 is not a name', text: '고객님 안녕하세요', spans: [] },
  { name: 'verb ending', text: '잠시만 기다려 주세요', spans: [] },
  { name: 'surname alone with title', text: '김 과장님께 전달', spans: [] },
  { name: 'organisation words', text: '정보통신부 장관 발표', spans: [] },
];

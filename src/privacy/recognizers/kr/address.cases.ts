import type { RecognizerCase } from '../case.js';

export const addressCases: RecognizerCase[] = [
  {
    name: 'the neighbourhood in brackets before the residence and its unit',
    text: '경기도 화성시 동탄대로 181 (오산동) 동탄역 롯데캐슬 101동 1001호 로 배송',
    spans: ['경기도 화성시 동탄대로 181 (오산동) 동탄역 롯데캐슬 101동 1001호'],
  },
  // Without spaces, a 시도 and its 시군구 glued to the road (not words with 시 inside, nor counts).
  { name: 'glued to its road', text: '주소 서울강남구테헤란로152 입니다', spans: ['서울강남구테헤란로152'] },
  {
    name: 'two districts glued',
    text: '경기성남시분당구판교역로 235',
    spans: ['경기성남시분당구판교역로 235'],
  },
  { name: 'a word with 시 before a road', text: '학교시설로 10억원, 경기도시설로 10억', spans: [] },
  // In Latin script, as English forms and shipping labels write an address.
  {
    name: 'romanised: number, road, district, city, postcode',
    text: 'Address: 152 Teheran-ro, Gangnam-gu, Seoul 06236 (office)',
    spans: ['152 Teheran-ro, Gangnam-gu, Seoul 06236'],
  },
  {
    name: 'romanised: a unit and a side road',
    text: 'Ship to: Apt 1503, 45 Sejong-daero 110-gil, Jung-gu, Seoul, Republic of Korea',
    spans: ['Apt 1503, 45 Sejong-daero 110-gil, Jung-gu, Seoul, Republic of Korea'],
  },
  {
    name: 'romanised: 동 and 호, a lot, two districts and a province',
    text: '101-dong 1503-ho, 123-45 Jeongja-dong, Bundang-gu, Seongnam-si, Gyeonggi-do',
    spans: ['101-dong 1503-ho, 123-45 Jeongja-dong, Bundang-gu, Seongnam-si, Gyeonggi-do'],
  },
  {
    name: 'romanised: road before its number',
    text: 'Teheran-ro 152, Gangnam-gu',
    spans: ['Teheran-ro 152, Gangnam-gu'],
  },
  // In Korean order, the city first.
  {
    name: 'in Latin script, the city first',
    text: 'Ship to: Seoul, Gangnam-gu, Teheran-ro 152, 1503-ho / Gyeonggi-do Seongnam-si Bundang-gu Pangyoyeok-ro 235',
    spans: [
      'Seoul, Gangnam-gu, Teheran-ro 152, 1503-ho',
      'Gyeonggi-do Seongnam-si Bundang-gu Pangyoyeok-ro 235',
    ],
  },
  {
    name: 'in Latin script, a district and no number',
    text: 'I went to Gangnam-gu Yeoksam-dong at 5',
    spans: [],
  },
  { name: 'romanised: a road without a district', text: 'Meet at 152 Teheran-ro tomorrow', spans: [] },
  { name: 'romanised: a district alone', text: 'Our office is in Gangnam-gu, Seoul', spans: [] },
  // The detail part as a named residence and its unit: the unit points at one household.
  {
    name: 'a residence name and its 호',
    text: '주소: 서울특별시 송파구 올림픽로 300, 롯데캐슬 2106호 로 보내 주세요',
    spans: ['서울특별시 송파구 올림픽로 300, 롯데캐슬 2106호'],
  },
  {
    name: 'a complex, its 단지, 동 and 호',
    text: '광주광역시 북구 우치로 458, 행복주택 3단지 207동 503호',
    spans: ['광주광역시 북구 우치로 458, 행복주택 3단지 207동 503호'],
  },
  {
    name: '동-호 written short, after a name',
    text: '인천광역시 연수구 컨벤시아대로 165, 푸르지오 102-2301 거주',
    spans: ['인천광역시 연수구 컨벤시아대로 165, 푸르지오 102-2301'],
  },
  {
    name: '제 before 동 and 호',
    text: '경기도 고양시 일산서구 한류월드로 408, 제101동 제1503호',
    spans: ['경기도 고양시 일산서구 한류월드로 408, 제101동 제1503호'],
  },
  {
    name: 'words after the number without a unit are not the address',
    text: '서울특별시 강남구 테헤란로 521 앞 교차로에서 사고',
    spans: ['서울특별시 강남구 테헤란로 521'],
  },
  {
    name: 'a neighbourhood written before the road',
    text: '주소: 광주광역시 서구 화정동 무진대로 88 입니다',
    spans: ['광주광역시 서구 화정동 무진대로 88'],
  },
  {
    name: 'a lot on a mountain (산)',
    text: '소재지: 경기도 양평군 서종면 문호리 산 12-3 일원',
    spans: ['경기도 양평군 서종면 문호리 산 12-3'],
  },
  {
    name: 'a lot on a mountain right after the township',
    text: '분묘 소재지: 청주시 흥덕구 강내면 산47-3 일원',
    spans: ['청주시 흥덕구 강내면 산47-3'],
  },
  { name: 'a word ending in 면 before 산', text: '라면 산 1개, 이 면 산 12개', spans: [] },
  {
    name: 'a word with 로 (a particle) before the units',
    text: '배우자 명의로 광양시 황금동 산187-7번지 소유',
    spans: ['광양시 황금동 산187-7번지'],
  },
  {
    name: 'road address',
    text: '주소: 서울특별시 강남구 테헤란로 152 입니다',
    spans: ['서울특별시 강남구 테헤란로 152'],
  },
  {
    name: 'with dong and ho',
    text: '경기도 성남시 분당구 판교역로 235, 101동 1203호로 배송',
    spans: ['경기도 성남시 분당구 판교역로 235, 101동 1203호'],
  },
  {
    name: 'side road with building number',
    text: '서울시 마포구 월드컵북로4길 77-1 (연남동)',
    spans: ['서울시 마포구 월드컵북로4길 77-1 (연남동)'],
  },
  {
    name: 'numbered side road',
    text: '서울 강남구 테헤란로 12번길 34',
    spans: ['서울 강남구 테헤란로 12번길 34'],
  },
  {
    name: 'jibeon',
    text: '부산광역시 해운대구 우동 1234-5 거주',
    spans: ['부산광역시 해운대구 우동 1234-5'],
  },
  {
    name: 'jibeon with 번지',
    text: '강원도 춘천시 동면 장학리 123번지',
    spans: ['강원도 춘천시 동면 장학리 123번지'],
  },
  { name: 'short sido name', text: '대전 유성구 대학로 99', spans: ['대전 유성구 대학로 99'] },
  {
    name: 'apartment',
    text: '인천광역시 연수구 송도동 24-5 송도더샵아파트 101동 1001호',
    spans: ['인천광역시 연수구 송도동 24-5 송도더샵아파트 101동 1001호'],
  },
  { name: 'road only with context', text: '배송지 세종대로 110', spans: ['세종대로 110'] },
  { name: 'activity count is not an address', text: '봉사 활동 3회, 이동 2번', spans: [] },
  { name: 'increase is not an address', text: '매출 증가 5% 추가 2건', spans: [] },
  { name: 'district without number', text: '서울시 강남구에 산다', spans: [] },
  // A city or district said without its 시 or 구, the 시도 named first.
  {
    name: 'a district without 구',
    text: '서울 강남 테헤란로 152로 오세요',
    spans: ['서울 강남 테헤란로 152'],
  },
  {
    name: 'city and district without 시',
    text: '경기 성남 분당 판교역로 235',
    spans: ['경기 성남 분당 판교역로 235'],
  },
  { name: 'a word with 으로 is no road', text: '제주 개봉을 시작으로 21일 서울에서', spans: [] },
  { name: 'a lot number after a bare word', text: '어제 서울 갔다가 명동 1가 이후로', spans: [] },
  {
    name: 'a unit after its building, 호 kept',
    text: '주소는 아파트 101동 1001호입니다',
    spans: ['101동 1001호'],
  },
  // Where someone lives, to the neighbourhood, with no number.
  {
    name: 'a residence without number',
    text: '010-6640-1107 대전 유성구 봉명동 거주',
    spans: ['대전 유성구 봉명동'],
  },
  {
    name: 'a residence, said with 살다',
    text: '서울시 강남구 역삼동에 살고 있어요',
    spans: ['서울시 강남구 역삼동'],
  },
  { name: 'a residence under its label', text: '주소: 부산 해운대구 우동', spans: ['부산 해운대구 우동'] },
  { name: 'a place in the news', text: '어제 서울 강남구 역삼동에서 화재가 발생했다', spans: [] },
  { name: 'residents counted', text: '경기도 수원시 영통구 매탄동 주민 30명이 모였다', spans: [] },
  // A household's 동 and 호 after its complex's name, the neighbourhood and district before it.
  {
    name: "a household after its complex's name",
    text: '강남구 역삼동 아이파크 101동 1203호로 보내 주세요',
    spans: ['강남구 역삼동 아이파크 101동 1203호'],
  },
  {
    name: 'a residence under its label, down to the household',
    text: '집 주소: 인천 연수구 송도동 센트럴파크 2차 105동 302호',
    spans: ['인천 연수구 송도동 센트럴파크 2차 105동 302호'],
  },
  { name: 'a subway line after a place', text: '강남구 역삼동에서 3호선 101동 1203 타고', spans: [] },
  // Written past a filter: a slash for each space, the building number's digits apart.
  {
    name: 'slashes for spaces',
    text: '주소는 서울시/강남구/테헤란로/123 입니다',
    spans: ['서울시/강남구/테헤란로/123'],
  },
  {
    name: 'slashes before a lot number',
    text: '서울/강남구/역삼동/123-45',
    spans: ['서울/강남구/역삼동/123-45'],
  },
  {
    name: "the number's digits apart",
    text: '서울 강남구 테헤란로 1 2 3 입니다',
    spans: ['서울 강남구 테헤란로 1 2 3'],
  },
  { name: 'a slash after a word ending in 로', text: '경로/2 단계, 1/2 로/3', spans: [] },
  // The number spelt in Hangul, as call transcripts write it or someone types it past a filter.
  {
    name: 'a counted number in Hangul',
    text: '서울 강남구 테헤란로 백이십삼',
    spans: ['서울 강남구 테헤란로 백이십삼'],
  },
  {
    name: 'a number in Hangul digit by digit, then the unit',
    text: '주소: 강남구 테헤란로 일오이, 101동 1203호',
    spans: ['강남구 테헤란로 일오이, 101동 1203호'],
  },
  {
    name: 'a lot number in Hangul',
    text: '서울 강남구 역삼동 칠백삼십칠-일',
    spans: ['서울 강남구 역삼동 칠백삼십칠-일'],
  },
  { name: 'a word of numerals after a road', text: '서울 강남구 테헤란로 이사 준비 중', spans: [] },
  { name: 'an age after a neighbourhood', text: '강남구 역삼동 삼십 대 남성', spans: [] },
  { name: 'a distance after a road', text: '서울 강남구 테헤란로 이백 미터 앞', spans: [] },
];

import type { RecognizerCase } from '../case.js';

export const personCases: RecognizerCase[] = [
  // Nothing around them but names the dictionary lists as people's (known-names.ts), whatever
  // their syllables; not the words and verbs some of them also spell.
  { name: 'a known name alone before a particle', text: '이수민이 왔다', spans: ['이수민'] },
  { name: 'a known name in a list of changes', text: '2) 한도현 → 신규 영입', spans: ['한도현'] },
  { name: 'a known name with rare syllables', text: '파를 지킨 최운정은 보기에 그쳤다', spans: ['최운정'] },
  { name: 'a known name in a review', text: '송중기 연기가 좋았다', spans: ['송중기'] },
  { name: 'a known name written apart', text: '송 중기 씨', spans: ['송 중기'] },
  { name: 'a known name spelling a verb', text: '이동하는 중입니다', spans: [] },
  { name: 'a known name spelling 이 정도', text: '이정도면 충분합니다', spans: [] },
  { name: 'a known name spelling a place', text: '이태원 참사 이후', spans: [] },
  { name: 'a word and a particle spelling a known name', text: '지원이 필요합니다', spans: [] },
  { name: 'a copula after a percentage', text: '8과목이 70.0%이지만 높다', spans: [] },
  { name: 'a known name spelling a date label', text: '온누리약국 (조제일 2026.04.21)', spans: [] },
  { name: 'a known name spelling a word and a verb ending', text: '이상한 점이 있어 이용한 방법', spans: [] },
  { name: 'a known name spelling a word and a copula', text: '후보가 3명 이상일 경우, 정상일 때', spans: [] },
  { name: 'a known name after a word, with a title', text: '새누리당 이상일 의원에게', spans: ['이상일'] },
  { name: 'a known name spelling a country', text: '시리아는 화학무기를', spans: [] },
  // Each syllable apart with the same mark, as a name is written past a filter.
  { name: 'syllables apart with stars', text: '성명: 홍*길*동', spans: ['홍*길*동'] },
  { name: 'syllables apart with middle dots', text: '고객명: 김·민·준 님', spans: ['김·민·준'] },
  { name: 'syllables apart with emoji, titled', text: '담당자 홍😀길😀동 과장', spans: ['홍😀길😀동'] },
  { name: 'syllables apart with two spaces', text: '성명: 홍  길  동', spans: ['홍  길  동'] },
  { name: 'a name masked with a star', text: '성명: 김*수', spans: [] },
  { name: 'surnames listed with dots', text: '김·이·박 3명 참석', spans: [] },
  { name: 'different marks between syllables', text: '성명: 홍*길.동', spans: [] },
  // Written again in Latin script in brackets (bilingual forms, signatures): one span with the name.
  { name: 'the name again in Latin script', text: '김민준(Minjun Kim) 대리', spans: ['김민준(Minjun Kim)'] },
  { name: 'the name again in capitals', text: '대표 김민준 (KIM MINJUN)', spans: ['김민준 (KIM MINJUN)'] },
  {
    name: 'the Latin form first, the name in brackets',
    text: 'Minjun Kim(김민준) 대리',
    spans: ['Minjun Kim(김민준)'],
  },
  {
    name: 'capitals first, the name in brackets',
    text: '담당 PARK SEOJUN (박서준)',
    spans: ['PARK SEOJUN (박서준)'],
  },
  {
    name: 'the name again in Hanja and Latin script',
    text: '차주: 박서준 (朴瑞俊, Park Seo-jun), 남',
    spans: ['박서준 (朴瑞俊, Park Seo-jun)'],
  },
  // Hangul and Hanja mixed in one name, with a title or after a label; not words that mix them.
  {
    name: 'a surname in Hanja, the given name in Hangul',
    text: '金민준 님께 보고드립니다',
    spans: ['金민준'],
  },
  { name: 'the given name in Hanja, titled', text: '김民俊씨는 출근했다', spans: ['김民俊'] },
  { name: 'one given syllable in Hanja', text: '수신: 백承준 (학번 2023115540)', spans: ['백承준'] },
  { name: 'a word mixing the scripts', text: '韓국인 관광객과 中國인 관광객, 大韓민국', spans: [] },
  { name: 'a mixed name with nothing around it', text: '오늘 김民俊 출근', spans: [] },
  // A name in Hanja with a title, apart or glued.
  { name: 'Hanja with a title', text: '洪吉童 과장님께 보고드립니다', spans: ['洪吉童'] },
  { name: 'Hanja with 님 glued', text: '金民俊님 안녕하세요', spans: ['金民俊'] },
  { name: "a company's Hanja before an office", text: '三星 회장 발언', spans: [] },
  // A relation between the label and the name.
  { name: 'a relation after the label', text: '보호자: 남편 정우성 ☎ 010-2741-0093', spans: ['정우성'] },
  {
    name: 'a relation after the label, then a common noun',
    text: '보호자: 남편 직장 010-2741-0093',
    spans: [],
  },
  // Signatures, approvals and mail headers.
  { name: 'after 서명', text: '서명: 홍길동 (인)', spans: ['홍길동'] },
  { name: 'after 보낸사람', text: '보낸사람: 이영희 <yh@example.com>', spans: ['이영희'] },
  { name: 'a department after To:', text: 'To: 심장내과 전문의', spans: [] },
  // Forms met in text written elsewhere: a note in brackets after the label, a relation or a role
  // before the name, a rank after it (also with a particle).
  { name: 'label with a note in brackets', text: '신청인(건축주): 최강호\n연락처', spans: ['최강호'] },
  { name: 'relation before the name', text: '위임받는 사람: 동생 한정민', spans: ['한정민'] },
  { name: 'role ending the word before', text: '회비담당 정지훈에게 입금', spans: ['정지훈'] },
  // A role with what it is for, the name ending the phrase: names whose shape alone is weak.
  { name: 'a role with its purpose after a label', text: '성명: 전직 경리직원 황미라', spans: ['황미라'] },
  {
    name: 'a role with its purpose in a name field, a word after the name',
    text: '신청인 성명: 전직 경리직원 황미라 확인 부탁드립니다',
    spans: ['황미라'],
  },
  {
    name: 'a role with its purpose, introducing oneself',
    text: '안녕하세요, 채용담당 조은비입니다.',
    spans: ['조은비'],
  },
  { name: 'a role with its purpose, a short name', text: '상담직원 직위 영업사원 박찬', spans: ['박찬'] },
  // 으로, 로 and 에 end as many words as names: a name only with a label or role before it, after
  // an account number as its holder, or confirmed elsewhere.
  { name: 'a name and 으로 after a label', text: '예금주 홍길동으로 보내 주세요', spans: ['홍길동'] },
  { name: 'a name and 에 after a party', text: '피해자 윤다래에 관하여 허위 사실을', spans: ['윤다래'] },
  {
    name: "an account's holder and 으로",
    text: '카카오뱅크 3333-08-1947562 김서연으로 보내주셔도 돼요',
    spans: ['김서연'],
  },
  { name: "an account's holder in brackets", text: '광주은행 1107-021-558840 (임꺽정)', spans: ['임꺽정'] },
  {
    name: 'a name right before its 주민등록번호',
    text: '양하늘, 950211-2048817, 서울특별시 마포구 / 문소율 900101-2345678',
    spans: ['양하늘', '문소율'],
  },
  {
    name: 'a label before a 주민등록번호',
    text: '주민번호 900101-2345678, 생년월일, 950211-2048817',
    spans: [],
  },
  // Lists of three or more: names together, whatever stands around them.
  {
    name: 'three names in a list',
    text: '홍길동,김민준,이서연 참석 / 회람: 홍길동·박지훈·정서윤',
    spans: ['홍길동', '김민준', '이서연', '홍길동', '박지훈', '정서윤'],
  },
  { name: 'a list of common words', text: '김치, 이불, 정리, 고등어 구매', spans: [] },
  {
    name: 'who booked, holds or is addressed',
    text: '예약자 황미라, 가입자 조은비 / 황미라 귀하',
    spans: ['황미라', '조은비', '황미라'],
  },
  {
    name: 'those labels before common nouns',
    text: '구매자 정보 확인, 판매자 정책, 운전자 보험, 차주 변경',
    spans: [],
  },
  {
    name: 'two names shaped strongly as names in a list',
    text: '참석: 홍길동, 김민준 (총 2명)',
    spans: ['홍길동', '김민준'],
  },
  { name: 'two words in a list', text: '북서부로 갈수록, 고원의 고도가 높다. 김치, 이불 구매', spans: [] },
  // Family and friends named as chat names them.
  {
    name: 'a relation as the topic, the name said to be it',
    text: '엄마 이름은 박순자고 아빠는 김철수야. 동생이 김하늘인데 친구 이지은이랑 왔어',
    spans: ['박순자', '김철수', '김하늘', '이지은'],
  },
  {
    name: 'a relation as the subject of something else',
    text: '둘째 아들이 경희대 한의예과 시험을 치른다',
    spans: [],
  },
  { name: 'a relation before a word and 로', text: '린드 부인 목소리로 나오다니', spans: [] },
  { name: 'a name ending in 로 before its title', text: '앞서 김수로 씨는 심사위원으로', spans: ['김수로'] },
  {
    name: 'words ending in 으로, 로 and 에',
    text: '제품과 상대적으로 비싸고, 개발팀 사원으로 임용, 목소리로 나오다니, 지혜에 대해',
    spans: [],
  },
  {
    name: 'a role with its purpose before a noun phrase',
    text: '홍보담당 부서장 회의, 경리직원 채용을 진행',
    spans: [],
  },
  { name: 'rank after the name', text: '1) 송미라 상무 → 부사장 승진', spans: ['송미라'] },
  { name: 'rank with a particle', text: '전임 담당 이지은 대리께도 감사 전합니다', spans: ['이지은'] },
  // Honoured with 님 or an honorific particle, a rank is said of a person even after a name of a
  // rarer shape; other particles leave it a word ("정기 검사를 받았다").
  {
    name: 'rank with an honorific particle',
    text: '전임 담당 안세령 대리께도 감사 전합니다',
    spans: ['안세령'],
  },
  { name: 'rank with 님 and a particle', text: '안세령 대리님께 전달했습니다', spans: ['안세령'] },
  { name: 'a rank that is also a word, with a particle', text: '정기 검사를 받았다', spans: [] },
  {
    name: 'a label honoured with 님, the name in brackets',
    text: '고객님(최유라, 010-2856-7741) 귀속 신고',
    spans: ['최유라'],
  },
  { name: 'a label honoured with 님 before a word', text: '고객님 정보를 확인했습니다', spans: [] },
  // A seal or signature mark after the name on a contract or form, even of a rarer shape.
  {
    name: 'a seal mark after the name',
    text: '임대인 서명: 임꺽정 (印)\n임차인 서명: 나경호 (印)',
    spans: ['임꺽정', '나경호'],
  },
  { name: 'a signature mark after the name', text: '대표이사 강감찬 (서명)', spans: ['강감찬'] },
  {
    name: 'a party of a contract before the seal',
    text: '사용자 (인) / 근로자 최예린 (인)',
    spans: ['최예린'],
  },
  // A rank closing a note in brackets after the name, as appointments are announced.
  {
    name: 'a rank closing a note after the name',
    text: '- 정해민 (마케팅실 콘텐츠팀, 주임)',
    spans: ['정해민'],
  },
  {
    name: 'a rank closing a note, after a label',
    text: '■ ESG기획파트장: 배수정 (現 홍보팀 차장)',
    spans: ['배수정'],
  },
  { name: 'a note labelling someone else', text: '정보 (담당: 과장)', spans: [] },
  // The other party of a transfer, as statements and receipts name them.
  {
    name: "a statement's transfer, the name in brackets",
    text: '11.20 19:55  이체받음 (서나래)  +250,000',
    spans: ['서나래'],
  },
  { name: 'after the depositor label', text: '입금자: 서나래 / 금액 30,000원', spans: ['서나래'] },
  { name: 'a depositor label before a word', text: '입금자 정상 처리 완료', spans: [] },
  // Under a header that heads a column of people: names of a weak shape in the rows count.
  {
    name: "under a CSV export's column of people",
    text: 'record_id,patient,qty,pharmacist\n2026-0511-08,한도경,30,김보라',
    spans: ['한도경', '김보라'],
  },
  {
    name: 'under a column of people set apart by slashes',
    text: '담당자 / 부서 / 내선\n김보라 / 약제부 / 2231',
    spans: ['김보라'],
  },
  {
    name: 'a sentence with commas is no header',
    text: '환자, 보호자, 직원 모두\n김보라 색 옷을 입고 오세요',
    spans: [],
  },
  // 리, as North Korean names are written (리설주), in the records of those who settle here.
  { name: 'a surname written 리', text: ' - 성명: 리설향(가명)', spans: ['리설향'] },
  { name: 'words that start with 리', text: '리뷰를 남겨 주시면 리스크 관리에 반영합니다', spans: [] },
  {
    name: 'a relation before a common noun',
    text: '민원은 담당 부서로, 교육은 신입사원 온보딩 때',
    spans: [],
  },
  { name: 'a one-syllable title with a particle is a word', text: '상가 권리금 양도 협의', spans: [] },
  { name: 'an organisation before a rank with a particle', text: '민주당 의원에게 보냈다', spans: [] },
  // Written with spaces: the surname apart, or every syllable apart — with a label or a title.
  { name: 'surname apart, after a label', text: '고객명 : 홍 길동\n연락처', spans: ['홍 길동'] },
  { name: 'surname apart, a common word as given name, labelled', text: '성명: 이 상민', spans: ['이 상민'] },
  { name: 'every syllable apart, a title after', text: '담당자 홍 길 동 과장 앞', spans: ['홍 길 동'] },
  { name: 'surname apart, a title with a particle', text: '김 민준 과장님께 전달', spans: ['김 민준'] },
  { name: 'surname apart, 님 glued', text: '박 서연님 안녕하세요', spans: ['박 서연'] },
  { name: 'surname apart, 씨 and a particle', text: '최 지우 씨가 왔다', spans: ['최 지우'] },
  { name: 'a determiner before a noun and a title', text: '한 영국 기자가 물었다', spans: [] },
  { name: '전 (former) before a company and an office', text: '입사한 전 세가 북미지사장', spans: [] },
  { name: 'a number word before a noun', text: '두 가지의 배드 엔딩', spans: [] },
  // 이 후보 after "…과" (and) is no name; 이회성 is one the dictionary knows.
  { name: 'a word after "…과" (and)', text: '이회성과 이 후보의 측근', spans: ['이회성'] },
  { name: 'a syllable after digits', text: '300승 달성 선수 중', spans: [] },
  { name: 'no title, no label', text: '오늘 최 지우는 말했다', spans: [] },
  // The value of a name field is a name whatever its syllables; other fields' values are not.
  { name: 'rare syllables as a name field value', text: '성명: 강감찬\n주소: 서울', spans: ['강감찬'] },
  { name: 'a name field with a note in brackets', text: '예금주(본인) : 강감찬님', spans: ['강감찬'] },
  { name: 'a word as a name field value', text: '작성자: 이번주 담당', spans: [] },
  { name: 'a speaker tag is no name field', text: '박지훈 대리: 신입 입사자 안내', spans: ['박지훈'] },
  // A name said as it is in calls: after "이름은", before a copula ending.
  { name: 'after the topic 이름은, before a copula', text: '네, 제 이름은 이상민이에요', spans: ['이상민'] },
  { name: 'after the topic 성함은, first in the text', text: '성함은 이상민입니다', spans: ['이상민'] },
  { name: 'before 인데요', text: '여보세요, 저 박서연인데요', spans: ['박서연'] },
  { name: '이름이 before what the name did', text: '기관의 이름이 제정된 년도는?', spans: [] },
  // Names in Hanja after their label, and a name with its other script in brackets after a space.
  { name: 'a name in Hanja after its label', text: '성명: 洪吉童\n본적: 全羅南道', spans: ['洪吉童'] },
  {
    name: 'a name in Hanja with its reading',
    text: '성명(한자): 洪吉童 (홍길동)',
    spans: ['洪吉童 (홍길동)'],
  },
  {
    name: 'Hanja after a space, taken with the name',
    text: '성명: 김도현 (金道炫)',
    spans: ['김도현 (金道炫)'],
  },
  { name: 'Hanja that is no name', text: '한자 표기: 大韓民國', spans: [] },
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
  // Syllables rare in names, with a title right after; a name the dictionary knows ending as a verb does.
  {
    name: 'rare syllables before a title',
    text: '서울고등법원 형사10부(허부열 판사) 심리로',
    spans: ['허부열'],
  },
  {
    name: 'rare syllables before an office and a particle',
    text: '당시 신격호 총괄회장과 만나',
    spans: ['신격호'],
  },
  { name: 'rare syllables before 할머니', text: "'님아' 강계열 할머니가 하늘나라에", spans: ['강계열'] },
  {
    name: 'a known name ending in 하, titled',
    text: '삼성인 최영하 과장의 스토리가 담겼다',
    spans: ['최영하'],
  },
  {
    name: 'a weak shape before a title with a particle',
    text: '형사10단독 이봉락 판사는 사기 혐의로',
    spans: ['이봉락'],
  },
  {
    name: 'a weak shape before an organisation and an office',
    text: '이어 황교안 법무부 장관은 검찰의, 박 대통령은 손재학 전 차관이',
    spans: ['황교안', '손재학'],
  },
  {
    name: 'words before an organisation and an office',
    text: 'UN 안보리 의장 성명, 연기파 배우의 연기',
    spans: [],
  },
  {
    name: 'ambiguous titles with a particle',
    text: '근로자 대표가 서명, 한국인 과장을 하다, 민주당 의원에게',
    spans: [],
  },
  {
    name: 'an organisation before a title',
    text: '시공사 소장 박정배, 팔달구청 위생과 귀하',
    spans: ['박정배'],
  },
  {
    name: 'words of rare syllables before titles',
    text: '차년도 팀장 승진, 전파한 군 문자, 그 기구의 의장과 회장',
    spans: [],
  },
  {
    name: 'vice- and a noun of a verb before a title',
    text: '육군 부참모 총장과 KB 한마음 대표의 이야기',
    spans: [],
  },
  {
    name: 'common nouns shaped as names, beside a phone',
    text: '주유소 4곳, 상수도와 하수도, 금강산 관광, 유치원 원장, 위자료 500만원 (문의 010-2741-0093)',
    spans: [],
  },
  { name: 'a name that is also a word', text: '상담원: 이재민 고객님, 확인되었습니다.', spans: ['이재민'] },
  {
    name: 'a part of the body beside a prescription number',
    text: '정형외과(처방전번호 RX-2026-0451123)에서 치료. 시술 도중 무릎 인대가 손상되어',
    spans: [],
  },
  {
    name: 'a verb in 해서 beside a phone',
    text: '빠른 거래 원해서 가격 낮췄어요, 너무 편해서 좋아요 010-2741-0093',
    spans: [],
  },
  { name: 'surname alone with title', text: '김 과장님께 전달', spans: [] },
  { name: 'organisation words', text: '정보통신부 장관 발표', spans: [] },
  // Ranks, roles and units written before a name, as official letters do.
  { name: 'police rank before the name', text: '여성청소년과 경위 류기봉  과장 전결', spans: ['류기봉'] },
  { name: 'site chief before the name', text: '시공사 소장 박정배(연락처 확인)에게 통보', spans: ['박정배'] },
  { name: 'unit before the name', text: '계약담당: 서북구청 회계과 김동률 (내선)', spans: ['김동률'] },
  { name: 'a unit before a common word', text: '민원은 담당 부서로 이관되었습니다', spans: [] },
  { name: 'an office after a district office', text: '분당구청 민원실 방문', spans: [] },
  { name: 'a verb after 신청', text: '이의신청 하실 수 있습니다', spans: [] },
  { name: 'hospital department', text: '진료의: 정형외과 전문의 최영석', spans: ['최영석'] },
  { name: 'a neighbourhood after its district', text: '대전 유성구 봉명동 거주', spans: [] },
  // Names said of oneself, and a letter's close after its writer's name.
  { name: 'a greeting and a copula', text: '안녕하세요, 홍길동입니다. 문의드립니다', spans: ['홍길동'] },
  { name: 'called so', text: '저는 홍길동이라고 합니다', spans: ['홍길동'] },
  { name: "a letter's close", text: '감사합니다.\n홍길동 드림', spans: ['홍길동'] },
  { name: '올림 and 배상', text: '김길동 올림 / 이길동 배상', spans: ['김길동', '이길동'] },
  { name: 'the sender of a parcel', text: '보낸이: 홍길동', spans: ['홍길동'] },
  {
    name: 'what one is, said as a name would be',
    text: '저는 학생입니다. 저는 한국인입니다. 안녕하세요, 구직자입니다. 저는 제주도라고 합니다',
    spans: [],
  },
  { name: 'a dream team', text: '이번 드림팀 구성', spans: [] },
  // Names as code and data write them: JSON, query strings, keys in snake_case or camelCase.
  { name: 'a JSON field', text: '{"name": "홍길동", "age": 40}', spans: ['홍길동'] },
  { name: 'a JSON name field, rare syllables', text: '{"성명": "강감찬", "나이": 40}', spans: ['강감찬'] },
  {
    name: 'a name field in JSON inside a JSON string',
    text: '{"q": "{\\"성명\\": \\"강감찬\\"}"}',
    spans: ['강감찬'],
  },
  { name: 'a query string', text: 'GET /join?customer_name=홍길동&x=1', spans: ['홍길동'] },
  { name: 'a camelCase key', text: "{ fullName: '홍길동' }", spans: ['홍길동'] },
  { name: 'a Korean key with =', text: '고객명=홍길동', spans: ['홍길동'] },
  { name: 'a key that is no label', text: '{"title": "홍길동전"}', spans: [] },
  // Names in Markdown emphasis, as chat and model answers write them.
  { name: 'a bold name before a title', text: '**김민준** 고객님께 안내', spans: ['김민준**'] },
  { name: 'an italic name after a label', text: '성명: *이서연*', spans: ['이서연*'] },
  {
    name: 'a name split by inline tags',
    text: '<span>김</span><span>민준</span> 고객님',
    spans: ['김</span><span>민준'],
  },
  // A title after the name written again in brackets still marks the name.
  {
    name: 'a title after the name in Hanja',
    text: '홍길동(洪吉童) 고객님께 안내',
    spans: ['홍길동(洪吉童)'],
  },
  {
    name: 'a title after the name in Latin script',
    text: '김철수 (Kim Cheolsu) 과장',
    spans: ['김철수 (Kim Cheolsu)'],
  },
  { name: 'a word glossed in Hanja before a noun', text: '안전(安全) 관리 지침', spans: [] },
  {
    name: 'the name again in Hanja is part of it',
    text: '신청인 황지원(黃志元)의 주소',
    spans: ['황지원(黃志元)'],
  },
  {
    name: 'any Hanja in brackets right after a name is taken with it (fail closed)',
    text: '신청인 황지원(申請人)',
    spans: ['황지원(申請人)'],
  },
  {
    name: 'a mention confirmed elsewhere takes its Hanja too',
    text: '환자 황지원 님 입원. 보호자 연락: 황지원(黃志元)의 배우자',
    spans: ['황지원', '황지원(黃志元)'],
  },
  {
    name: 'names in the rows of a table whose header has a name column',
    text: '사번    성명    검진예약일\n21348  이상민  2026-06-14\n21076  정하은  2026-06-13',
    spans: ['이상민', '정하은'],
  },
  {
    name: "a form's labelled line does not make the lines below names",
    text: '성명: 홍길동 님\n전공: 원예학\n진료과: 신경과',
    spans: ['홍길동'],
  },
  { name: 'aligned colons on a form', text: '청구인   : 신동렬 (만 47세)', spans: ['신동렬'] },
  // As news and notices write people: an age in brackets, an office after the name — past "전"
  // (former) and the organisation's name — and the organisation itself not taken for a name.
  { name: 'an age in brackets', text: '구조된 박병수(47)은 병원으로 옮겨졌다', spans: ['박병수'] },
  { name: 'an age and more in brackets', text: '회사원 정만수(38·서울 마포구)는 말했다', spans: ['정만수'] },
  {
    name: 'an office past its ministry',
    text: '오후에 조병혁 기획재정부 차관과 면담했다',
    spans: ['조병혁'],
  },
  { name: 'a former office', text: '문대환 전 사장이 법정에 출석했다', spans: ['문대환'] },
  { name: 'an office ending a longer word', text: '윤용세 홍보실장은 이렇게 밝혔다', spans: ['윤용세'] },
  { name: 'a judge in brackets', text: '서울중앙지법 형사부(박병수 부장판사)는 17일', spans: ['박병수'] },
  {
    name: 'the university between a name and its office',
    text: '정만수 한국대 교수가 강연했다',
    spans: ['정만수'],
  },
  { name: '씨 glued with any particle', text: '어제 문대환씨도 참석했다', spans: ['문대환'] },
  { name: '씨 with any particle after a space', text: '조병혁 씨를 증인으로 불렀다', spans: ['조병혁'] },
  { name: 'a seed is not a title', text: '봄에 씨를 뿌리는 농부', spans: [] },
  { name: 'a market is not an office', text: '서울 남대문 시장에서 장을 봤다', spans: [] },
  { name: 'a count in brackets is not an age', text: '서울시(25개 구)와 경기도(31개 시군)', spans: [] },
  // An age in brackets and an honorific after it make any word a name, whatever its syllables.
  { name: 'an age and 씨, rare syllables', text: '배우 박보검(22)씨와 함께', spans: ['박보검'] },
  { name: 'an age and 씨 after a space', text: '배우 인교진(35) 씨와 서울에서', spans: ['인교진'] },
  { name: 'an age, a job and 씨', text: '피해자 도규상(45·회사원)씨는 말했다', spans: ['도규상'] },
  { name: 'a foreign name with an age and 씨', text: '하쓰코(25)씨가 만나지 못하도록', spans: ['하쓰코'] },
  { name: 'an age and 씨 after a name already written without it', text: '김모(45·회사원)씨는', spans: [] },
  { name: 'a number in brackets before a seed', text: '양파(3)씨앗과 두산(5)은', spans: [] },
  // A list closed by a titled name: the title is said of each name in it.
  {
    name: 'names with commas before a titled one',
    text: '당선된 김무성, 이완구, 안철수 의원의 선서',
    spans: ['김무성', '이완구', '안철수'],
  },
  {
    name: 'names with middle dots before a titled one',
    text: '민주당 이종걸·이상민·문병호 의원과',
    spans: ['이종걸', '이상민', '문병호'],
  },
  {
    name: 'names with ㆍ (as Korean keyboards type a middle dot) before a titled one',
    text: '민주당 이종걸ㆍ이상민ㆍ문병호 의원과',
    spans: ['이종걸', '이상민', '문병호'],
  },
  {
    name: 'names with slashes before a titled one',
    text: '김무성/이완구/안철수 의원',
    spans: ['김무성', '이완구', '안철수'],
  },
  { name: 'districts listed before an office', text: '강남구, 서초구, 송파구 구청장', spans: [] },
  { name: 'words listed before a titled name', text: '고등어, 김치찌개, 이민정 씨', spans: ['이민정'] },
  // A child's or family member's given name alone, after the relation and with 군, 양 or 씨.
  { name: "a son's given name with 군", text: '슬하에 아들 준혁 군을 뒀다', spans: ['준혁'] },
  { name: "a daughter's given name that is a word, with 양", text: '딸 사랑 양이 출연했다', spans: ['사랑'] },
  { name: "an eldest son's given name with 씨 glued", text: '장남 재국씨가 운영하는 회사', spans: ['재국'] },
  { name: 'a count after a relation', text: '아들 둘 씨름 선수, 딸 바보 양반', spans: [] },
  { name: 'the deceased named in a claim', text: '망인 도규상의 유족이 청구했다', spans: ['도규상'] },
  { name: 'the deceased, no name', text: '망인의 유족이 고인의 뜻에 따라', spans: [] },
];

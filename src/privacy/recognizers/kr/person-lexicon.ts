/**
 * Word lists behind Korean name detection. Surnames cover over 99% of the population (통계청
 * 2015 census: the top 100); given-name syllables are split by how typical they are of names.
 */
/** Lists are kept as '|'-separated strings: one line holds many words and reads like a table. */
const words = (list: string): string[] => list.split('|');

export const COMPOUND_SURNAMES = ['남궁', '황보', '제갈', '선우', '독고', '사공', '서문', '동방'];

export const SURNAMES = new Set(
  '김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민나진지엄채원천방공현함변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉사부태피목형두감음빈동온호범좌팽승간상시갈단견당화창리'.split(
    '',
  ),
);

/** Syllables that are typical of given names and rare at the start of common words' second half. */
export const NAME_SYLLABLES = new Set(
  // The second group: syllables of given names found missing on text written elsewhere (정대훈,
  // 권말순, 신금자, 오병달, 김동렬…).
  (
    '민준서연지우현윤하은수영진호예유주시원재성훈혜희경아채다소나린빈율온건가도늘승태규동석철용광명기환종미선숙자순옥인화애란봉균근범욱찬혁웅익식일길남랑람름솔슬별담겸결후해이운택완형섭필향련림강국권덕두만무문병보세송신실안양언오왕요장전제조중창천춘충평학헌효흥휘정혁곤득래록륜률룡립목묵반배백복빛삼상새샘설섬엽열염옹완용우원월위율의임잠저점조직찬청초총치탁택팔표풍필하한함해혁현혜호홍화황회휘흔희' +
    '대말금달갑분단렬돌녀심엄행귀례루리매여본'
  ).split(''),
);

/** The most name-like syllables: a surname followed by two of these reads as a name on its own. */
export const STRONG_NAME_SYLLABLES = new Set(
  '민준서연지우현윤하은수영진호예유주시원재성훈혜희경아채소나린빈율온건승도후다가세태규석철광명환종미선숙순옥화애란봉균근범욱찬혁웅익길랑람솔슬별담겸결택완형섭필향련림희'.split(
    '',
  ),
);

/** Words that follow a name as a title after a space: "박지훈 변호사", "김민준 군". */
export const TITLES = words(
  '고객님|고객|환자분|환자|님|씨|귀하|변호사|변호사님|선생님|선생|교수님|교수|박사|과장|차장|부장|대리|사원|주임|팀장|실장|이사|대표|대표님|원장|원장님|의사|' +
    '간호사|기자|판사|검사|위원|의원|회장|사장|사장님|선수|작가|군|양|학생|주무관|세무사|노무사|법무사|약사|과장님|부장님|팀장님|님께|님의|님은|님이|님께서|' +
    '씨는|씨가|씨의|씨에게|씨와|' +
    // Ranks after a name in company and public notices ("송미라 상무", "정해민 책임").
    '상무|전무|부사장|책임|수석|선임|매니저|소장|본부장|센터장|지점장|위원장|국장|처장|단장|계장|부서장|' +
    '연구원|책임연구원|선임연구원|강사|이사님|실장님|차장님|대리님|주임님|상무님|전무님',
);

/**
 * Offices named after a person in news and public notices ("윤병세 외교부 장관", "심우용
 * 부장판사", "신동주 전 부회장"). Several are also common words (시장, 감독, 고문), so they count only
 * for a word shaped like a name; a word ending in one of the longer ones is one too
 * ("대외협력실장", "공관위원장").
 */
export const OFFICES_AFTER = words(
  '장관|차관|총리|대통령|부총리|부회장|총괄회장|명예회장|부장판사|부장검사|검사장|대법관|재판관|헌법재판관|' +
    '비서관|비서실장|대변인|총장|사무총장|청장|차장검사|시장|군수|구청장|도지사|지사|의장|부의장|원내대표|총재|' +
    '이사장|관장|교장|교감|고문|특보|대사|영사|공사|셰프|감독|코치|선수|배우|가수|교수|박사|' +
    '원장|실장|국장|과장|부장|차장|팀장|소장|위원장|위원|의원|회장|사장|대표|대표이사|이사|상무|전무|기자|변호사|검사|판사',
);

/**
 * How the name of an organisation ends, between a name and its office ("윤병세 외교부 장관",
 * "김영화 강동신경정신과의원 원장", "이호중 서강대 교수").
 */
export const ORGANISATION_ENDINGS = new Set('부처청원국회사단소과실팀당대관위군구시도社'.split(''));

/**
 * Ranks and roles written before a name after a space, as Korean letters and official documents
 * do: "경위 류기봉", "시공사 소장 박정배", "담당자 김민지".
 */
export const TITLES_BEFORE = words(
  '경위|경사|경장|순경|경감|경정|총경|소장|과장|차장|부장|팀장|실장|대리|주임|사원|사무관|주무관|서기관|이사관|담당자|' +
    '대표|대표이사|원장|교수|기자|위원|위원장|의원|변호사|간호사|의사|판사|검사|이사|상무|전무|사장|회장|감독|코치|작가|' +
    '전결|신청인|대리인|보호자|작성자|확인자|결재자|수령인|책임자|관리자',
);

/**
 * Family members, parties and roles written before a person ("보호자: 며느리 한정애", "피해자
 * 윤다래", "전임 담당 안세령"). Also before common nouns ("담당 부서", "직원 교육"), so they count
 * only for a word shaped like a name.
 */
export const RELATIONS_BEFORE = words(
  '며느리|동생|아들|남편|아내|부인|어머니|아버지|모친|부친|누나|오빠|언니|손자|손녀|조카|사위|배우자|' +
    '피해자|피의자|가해자|고소인|피고소인|담당|직원|경리|전임|후임|' +
    // The deceased, as insurers' and courts' records name them: "망인 도규상의 유족".
    '망인|고인|사망자|피상속인|' +
    // As family and friends are named in chat: "아빠는 김철수야", "친구 이지은이랑".
    '엄마|아빠|할머니|할아버지|딸|와이프|친구|남자친구|여자친구|시어머니|시아버지|장모|장인',
);

/**
 * Titles that may be glued to a name ("김민준님", "이서연고객님"). Titles that are also common
 * nouns or suffixes (군 county, 의원 clinic, 검사 test) only count after a space.
 */
export const GLUED_TITLES = words(
  '님|씨|고객님|고객|환자|환자분|변호사|변호사님|선생님|교수님|과장님|부장님|팀장님|대표님|원장님|사장님|님께|님의|님은|님이|님을|님과|님께서|님에게|씨는|' +
    '씨가|씨의|씨를|씨와|씨에게|씨께서',
);

/** Particles and copulas that may follow a name inside the same 어절; the span stops before them. */
export const PARTICLES = words(
  '은|는|이|가|을|를|의|에게|께서|께|과|와|도|만|한테|에게서|로부터|이나|이라는|라는|이며|이고|입니다|이다|이에요|예요|이었다|이가|이는|이를|이의|' +
    '이와|이도|이랑|랑|하고|이고요|고요|이요|이라고|라고|께도|에게도|께서도|' +
    // As a name is said in answer (call transcripts): "저 박서연인데요".
    '인데요|인데|이었어요|였어요|이라고요|라고요',
);

/**
 * Particles after a name that end as many common words ("목소리로", "민주당으로", "지혜에"): a
 * name is read with one only where context says a name stands — "예금주 홍길동으로", "피해자
 * 윤다래에 관하여", "카카오뱅크 3333-08-1947562 김서연으로" — or it is confirmed elsewhere. Also
 * the copula as friends speak it: "엄마 이름은 박순자고 아빠는 김철수야".
 */
export const CONTEXT_PARTICLES = words('으로|로|에|에게로|야|이야|고');

/**
 * What closes a letter after the writer's name ("홍길동 드림", "김민준 올림", "이서연 배상"): a title
 * for a word shaped like a name (드림 is also "dream": 드림팀).
 */
export const SIGN_OFFS = words('드림|올림|배상|拜上');

/**
 * What one says of oneself before one's name ("저는 홍길동이라고 합니다", "안녕하세요, 홍길동입니다"):
 * with a copula after the name, the word is the speaker's name.
 */
export const SELF_BEFORE = words('저는|전|제가|저|안녕하세요|안녕하십니까|반갑습니다|여보세요');
export const COPULAS = words('입니다|이에요|예요|이라고|라고|인데요|이고요|이요|이라고요|라고요');

/** Labels that introduce a name: "성명: 홍길동", "환자 김민준", "예금주 이서연". */
export const LABELS = words(
  '성명|이름|성함|고객명|환자명|예금주|담당자|신청인|신청자|피보험자|보험계약자|계약자|수익자|보호자|작성자|대리인|원고|피고|피고인|피해자|가해자|의뢰인|수취인|' +
    '보내는 분|받는 분|수신|발신|참조|환자|고객|담당의|주치의|변호사|대표자|대표이사|상담원|민원인|채무자|채권자|증인|name|patient|client|' +
    'customer|mr.|ms.|dr.|참석자|승인자|수령인|주무관|상담사|설계사|간호사|의사|팀장|과장|대리|기자|교수|' +
    // Who booked, bought, owns or holds: orders, contracts and reservations.
    '예약자|예약자명|명의자|명의인|가입자|주문자|주문자명|구매자|판매자|운전자|소유주|차주|매수인|매도인|' +
    // Labels of public and private forms found before names in text written elsewhere.
    '청구인|피청구인|피신청인|체납자|위반자|소유자|수신자|대상자|수검자|수검자명|평가자|피평가자|임대인|임차인|' +
    '전대인|전차인|조합원|승객명|처방의|진료의|전문의|전공의|원장|약사|보건교사|멘토|멘티|신고인|건축주|연고자|' +
    '접수직원|점주|근로자|전결|작성|성명(영문)|신고인 성명|민원인 성명|대상|피고발인|고발인|납세의무자|납세자|' +
    '위임인|수임인|상속인|피상속인|세대주|임용자|합격자|지원자|학생명|아동명|보호자(모)|보호자(부)|' +
    // Signatures, approvals and mail headers.
    '서명|서명자|결재자|검토자|확인자|보낸사람|받는사람|보낸 사람|받는 사람|sender|recipient|' +
    // The other party of a transfer in a bank's statement or receipt.
    '이체받음|입금자|입금인|송금인|송금자|보낸분|받는분|받은분|' +
    // Letters and parcels.
    '보낸이|받는이|보내는이|받을이|발신인|수신인|발송인',
);

/**
 * Common words that begin with a surname syllable and can stand where a name stands
 * ("고객님", "정부는", "이번에"). A candidate equal to one of these is never a name.
 */
export const NOT_NAMES = new Set(
  (
    '갈수 고원 간결 간단 간부 간호 감독 감사 감소 감정 강남 강력 강원 강의 강제 강조 강철 강화 거제 검사 검찰 결정 경계 경과 경기 경남 경북 경산 경영 경우 경쟁 경제 경주 경찰 경향 ' +
    '경험 고객 고객센터 고구 고대 고도 고려 고민 고발 고소 고용 고위 고유 고전 고종 고지 고통 고향 공간 공개 공격 공고 공군 공단 공동 공무 공무원 공부 공사 공산 공식 공연 ' +
    '공유 공장 공정 공주 공지 공판 공화 과장 곽란 관장 광명 광양 광주 교수 구간 구단 구름 구리 구매 구미 구분 구성 구속 구역 구입 구조 구청 구체 구축 국가 국기 국내 국립 ' +
    '국무 국민 국방 국세 국왕 국외 국장 국정 국제 국회 군수 권력 권리 권위 권유 권한 금리 금속 금액 금융 금지 기간 기계 기관 기념 기능 기대 기독 기록 기본 기사 기술 기억 ' +
    '기업 기여 기원 기존 기준 기지 기차 기타 기회 기후 길거 길림 길이 김천 김치 김포 김해 나가 나라 나머 나무 나서 나아 나이 나주 나중 나타 남부 남북 남성 남양 남원 남은 ' +
    '남자 남쪽 남편 내과 노동 노래 노력 노무 노선 노출 누님 단계 단지 담당 당사 당선 당신 당진 대구 대리 대전 대출 대표 도덕 도로 도서 도서관 도시 도움 도입 도전 도지 ' +
    '도지사 도착 도청 동맹 동물 동부 동생 동시 동안 동양 동의 동일 두려 두번 라디 라이 라틴 류큐 마감 마련 마리 마산 마을 마음 마지 마지막 마치 마침 맹목 맹자 명나 명령 ' +
    '명성 명세 명예 명의 명칭 명확 모델 모두 모든 모바 모습 모양 모집 모형 목록 목사 목적 목포 목표 문경 문명 문서 문의 문자 문제 문학 문화 민간 민감 민사 민원 민족 민주 ' +
    '밀양 박물 박사 박해 반납 반대 반도 반드 반란 반면 반발 반복 반영 반응 반환 방문 방법 방송 방송사 방식 방안 방어 방지 방침 방향 배경 배상 배송 배우 배제 배치 배포 백만 ' +
    '백성 백신 백인 백제 범위 범죄 변경 변동 변론 변수 변호 변화 보령 보상 보험 보호 봉건 봉급 봉사 봉투 부근 부담 부대 부모 부분 부산 부서 부인 부장 부정 부족 부처 부천 ' +
    '부활 사건 사고 사람 사랑 사망 사모 사무 사실 사업 사용 사원 사유 사이 사장 사전 사진 사천 사항 사회 상담 상당 상대 상무 상승 상업 상원 상위 상주 상징 상태 상품 상환 ' +
    '상황 서귀 서류 서명 서부 서비 서비스 서산 서양 서울 서적 석가 석방 석사 석유 석탄 선거 선교 선물 선박 선배 선생 선수 선언 선정 선조 선진 선택 설계 설득 설립 설명 설정 ' +
    '설치 성격 성공 성과 성남 성립 성명 성별 성인 성장 성장률 성적 성질 성취 성함 세무 세종 소개 소녀 소년 소득 소련 소리 소비 소설 소속 소송 소수 소아 소유 소장 소재 손님 ' +
    '손실 손해 송금 송환 수사 수신 수원 수익 순천 승리 승인 승진 시간 시기 시대 시리즈 시민 시설 시스 시인 시작 시장 시절 시험 신고 신규 신념 신라 신문 신부 신분 신속 신앙 ' +
    '신용 신용도 신원 신청 신청서 신체 신한 신호 신화 실장 심리 심사 심의 심지 심판 안과 안내 안녕 안동 안보 안산 안양 안에 안전 안정 안정성 양국 양도 양산 양식 양주 양측 ' +
    '양평 어느 어떤 어려 어린 어머 엄격 엄마 엄청 여권 여기 여당 여러 여름 여부 여사 여성 여수 여왕 여주 여행 연결 연구 연금 연기 연대 연도 연락 연방 연속 연수 연습 연장 ' +
    '연주 연체 연출 연합 염려 염색 영주 예금 예산 예수 예술 예약 예전 예정 오늘 오래 오랜 오산 오전 오직 오후 오히 옥살 옥상 왕국 왕비 왕실 왕위 왕자 왕조 외과 용기 용도 ' +
    '용병 용어 우려 우리 우선 우세 우수 우승 우연 우주 우체 우편 울산 원고 원금 원래 원로 원본 원인 원자 원작 원장 원주 원천 원칙 월세 위기 위대 위원 위원회 위치 위탁 위하 ' +
    '위한 위해 위험 유가 유대 유럽 유명 유사 유산 유의 유일 유지 유지보수 유학 유행 유형 유효 육군 육상 육지 육해 은퇴 은하 은행 의사 의원 이것 이곳 이날 이내 이념 이달 ' +
    '이동 이라 이란 이러 이런 이렇 이론 이름 이미 이미지 이번 이사 이사회 이상 이송 이수 이슬람 이야 이어 이외 이용 이용자 이유 이익 이자 이자율 이전 이제 이주 이준 이집 ' +
    '이천 이체 이탈 이하 이해 이행 이후 인간 인구 인기 인도 인류 인물 인사 인상 인수위 인식 인원 인정 인증 인지 인천 인터 인터넷 인하 인형 임금 임대 임명 임무 임시 임원 임진 장관 ' +
    '장관님 장군 장기 장기간 장르 장면 장비 장소 장수 장애 장점 전개 전국 전기 전남 전달 전략 전무 전문 전문가 전부 전북 전선 전설 전세 전송 전시 전액 전입 전자 전쟁 전주 ' +
    '전체 전출 전통 전투 전화 전환 전후 정권 정규 정기 정기적 정당 정도 정리 정면 정벌 정보 정보를 정복 정부 정산 정상 정식 정신 정읍 정의 정정 정지 정착 정책 정체 정치 ' +
    '정통 정해 정확 정확성 제공 제국 제기 제도 제시 제안 제왕 제외 제작 제정 제주 제천 제출 제품 제한 조건 조교 조국 조금 조기 조례 조명 조사 조상 조서 조선 조선인 조성 ' +
    '조세 조약 조정 조정안 조직 조치 조합 조회 주간 주관 주님 주도 주로 주문 주민 주민등록 주변 주소 주식 주요 주의 주의사항 주인 주임 주장 주재 주제 주체 주최 주치 주택 ' +
    '주한 지구 지금 지급 지나 지난 지도 지방 지배 지불 지시 지식 지역 지연 지원 지원금 지적 지점 지정 지지 지하 직원 진단 진료 진보 진술 진실 진압 진정 진주 진짜 진출 진해 ' +
    '진행 진행중 진화 차관 차량 차례 차별 차액 차원 차이 차장 차주 차지 창구 채권 채널 채무 채용 채택 천만 천문 천연 천주 천하 천황 총장 최강 최고 최근 최대 최선 최소 최신 ' +
    '최악 최저 최적 최종 최초 추가 추방 추정 추종 추진 추천 추측 충남 충북 충주 치과 친구 탁구 탁월 태도 태양 태어 태평 태풍 통영 팀장 판결 판사 편성 편의 편지 편집 편찬 ' +
    '포항 표기 표면 표시 표준 표현 피아 피의 피해 하고 하나 하남 하느 하는 하늘 하도 하락 하루 하면 하부 하여 하원 하지 학생 한강 한계 한국 한국어 한글 한달 한도 한미 한반 ' +
    '한번 한양 한의 한일 한자 한정 한정식 한족 한중 한편 한해 함경 함께 함대 허가 허용 허위 현금 현대 현상 현실 현장 현재 현지 현행 현황 형님 형사 형성 형식 형제 형태 호소 ' +
    '호주 호출 호텔 호환 홍보 홍수 화면 화원 환자 황금 황실 황제 황후 회장 후배 ' +
    // Words of forms and letters found taken for names in text written elsewhere (ko-pii, issue list).
    '주시기 주시 전결 양수인 양수 배송지 주소지 부가세 이용해 안건 이의 손자 지진 사무관 신임 정황 ' +
    '신림 여의도 화성 송부 시행 결재 협조 회신 문의처 기안 검토 공람 수신자 발신 참조 이상무 경유 ' +
    '경위서 동의서 명세서 지원서 지원자 진흥원 고시원 임직원 동호회 동승자 명의자 백화점 지하철 강아지 ' +
    '선순위 반전세 전세 홍보팀 현주소 장해율 방향성 조제 상기 주미국 사망 전용 표명 이직 전치 금원 신장 ' +
    '사인 배정 시도 조율 원하 사면 감염 양하 한가지 신도시 최우선 전주시 천안시 창원시 나주시 진흥 ' +
    // Hospital departments as they start ("정형외과 전문의 …"), and document words with a surname
    // syllable first that stand before a particle or a noun.
    '정형외 신경외 성형외 흉부외 감염내 신장내 소화기 호흡기 순환기 내분비 가정의 재활의 영상의 마취통 응급의 ' +
    '신경과 피부과 비뇨기 이비인 산부인 소아청 신분증 기하여 사망에 양하지 명단 마무리 정하여 배정된 부서 사업자 전문관 ' +
    '전원 당일 서버 사본 사무실 상대방 사기범 전직 경미 기재 전수 유선 부재 부소장 전임 전담 사내 사후 경리 ' +
    '고발 고발인 피고발인 대상 배부 배달 수취 수령 조제 조회서 명세 명부 주인공 인근 시신 지문 조연 조연들 사진들 ' +
    '배우들 화재 조화 강도 여운 이중 고가 이영화 마성 하다가 어선 나선 남지 ' +
    // Parts of the body on a medical record, near its numbers ("무릎 인대가 손상되어").
    '인대 연골 허리 어깨 손목 발목 무릎 ' +
    // Common nouns of three syllables shaped as a surname and a given name, taken for names in
    // news text (read from KLUE-NER's words wrongly taken; exact words only, no prefix of a name;
    // not those that are also names, 이재민, 현지인).
    '주유소 상수도 하수도 유람선 유치원 금강산 위자료 천재성 감수성 선교사 이상형 유연성 ' +
    // Parties of a contract, where the name is signed after them ("사용자 (인)").
    '사용자 사업주 고용주 도급인 수급인 양도인 ' +
    // What one says one is, as one would say one's name ("저는 구직자입니다", "고양이 드림").
    '고양이 경상도 전라도 충청도 강원도 경기도 제주도 울릉도 구직자 한국인 유학생 장애인 정규직 노인 여자 장남 장녀 차남 ' +
    // Words and places the dictionary also lists as people's names (known-names.ts): "이정도면".
    '이정도 이태원 신천지 시리아'
  ).split(' '),
);

export const MASK_CHARS = new Set(['*', '○', '◯', '●', 'O', 'X', 'x', '×', '□', '■', '△', '＊', '〇', '-']);

/** The console's words, Korean first. */
export type Lang = 'ko' | 'en';

const ko = {
  title: '주권 콘솔',
  signIn: '로그인',
  signOut: '로그아웃',
  tenant: '테넌트',
  user: '사용자',
  password: '비밀번호',
  chat: '채팅',
  pii: '개인정보 검사',
  model: '모델',
  send: '보내기',
  message: '메시지',
  pseudonymised: '모델에 보내기 전에 가명 처리됨',
  nothingFound: '보낸 내용에서 개인정보가 발견되지 않았습니다',
  foundKept: '개인정보가 발견되었으나 정책상 원문 그대로 전송됨',
  scan: '검사',
  text: '텍스트',
  masked: '가명 처리 미리보기',
  type: '유형',
  category: '분류',
  score: '점수',
  noEntities: '개인정보가 없습니다',
  residency: { onprem: '사내', domestic: '국내', foreign: '해외' },
  language: 'English',
} as const;

type Words = {
  [K in keyof typeof ko]: (typeof ko)[K] extends string ? string : { [R in keyof (typeof ko)[K]]: string };
};

const en: Words = {
  title: 'jugwon console',
  signIn: 'Sign in',
  signOut: 'Sign out',
  tenant: 'Tenant',
  user: 'User',
  password: 'Password',
  chat: 'Chat',
  pii: 'PII inspector',
  model: 'Model',
  send: 'Send',
  message: 'Message',
  pseudonymised: 'Pseudonymised before it left',
  nothingFound: 'No personal data found in what was sent',
  foundKept: 'Personal data found and sent as is, as the policy allows',
  scan: 'Scan',
  text: 'Text',
  masked: 'Mask preview',
  type: 'Type',
  category: 'Category',
  score: 'Score',
  noEntities: 'No personal data',
  residency: { onprem: 'on-prem', domestic: 'domestic', foreign: 'foreign' },
  language: '한국어',
};

export const words: Record<Lang, Words> = { ko, en };

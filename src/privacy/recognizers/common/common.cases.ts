import type { RecognizerCase } from '../case.js';

export const emailCases: RecognizerCase[] = [
  { name: 'plain', text: '이메일 hong.gildong@example.co.kr 로', spans: ['hong.gildong@example.co.kr'] },
  { name: 'plus tag', text: 'a.b+news@mail.example.com', spans: ['a.b+news@mail.example.com'] },
  // As Koreans say an address: 앳 for @, 닷컴 and 닷넷 for .com and .net, a service without its domain.
  { name: '골뱅이 and 닷컴', text: '메일 minjun 골뱅이 gmail 닷컴', spans: ['minjun 골뱅이 gmail 닷컴'] },
  { name: '앳 and 닷', text: '메일은 minjun 앳 gmail 닷 com 입니다', spans: ['minjun 앳 gmail 닷 com'] },
  {
    name: '골뱅이 and 쩜, as chat says them',
    text: '메일 hong 골뱅이 naver 쩜 com',
    spans: ['hong 골뱅이 naver 쩜 com'],
  },
  { name: 'the @ typed twice', text: '메일 hong@@naver.com 으로', spans: ['hong@@naver.com'] },
  {
    name: '닷넷 and a particle',
    text: 'minjun 골뱅이 hanmail 닷넷으로',
    spans: ['minjun 골뱅이 hanmail 닷넷'],
  },
  { name: 'a service without domain', text: '네이버 아이디 minjun@naver 입니다', spans: ['minjun@naver'] },
  { name: 'the word 앳된 is no at', text: '앳된 얼굴의 minjun, 문의는 @gmail 계정으로', spans: [] },
  { name: 'in Korean sentence', text: '문의는kim_01@test.kr으로', spans: ['kim_01@test.kr'] },
  { name: 'full-width at-sign', text: '메일 user＠example.com', spans: ['user＠example.com'] },
  // Internationalised addresses: a Hangul local part or domain, the .한국 top-level domain.
  { name: 'Hangul local part and domain', text: '이메일 홍길동@회사.한국 로', spans: ['홍길동@회사.한국'] },
  { name: 'a particle after .한국', text: 'hong@회사.한국으로 보내 주세요', spans: ['hong@회사.한국'] },
  { name: 'a Hangul domain label', text: 'gildong@한국전자.kr 로', spans: ['gildong@한국전자.kr'] },
  {
    name: 'a label glued before a Latin address',
    text: '이메일hong@example.com',
    spans: ['hong@example.com'],
  },
  { name: 'a mention, no domain', text: '@홍길동 님 확인', spans: [] },
  { name: 'no TLD', text: 'user@localhost', spans: [] },
  { name: 'handle', text: '@jugwon 계정', spans: [] },
  // The "@" (and the dots) written out, to keep an address from being read.
  { name: '(at)', text: '메일 minjun.kim(at)example.co.kr 로', spans: ['minjun.kim(at)example.co.kr'] },
  {
    name: '{at} and <dot>',
    text: 'hong{at}naver{dot}com, kim<at>daum<dot>net',
    spans: ['hong{at}naver{dot}com', 'kim<at>daum<dot>net'],
  },
  { name: '엣 said for @', text: '메일은 hong 엣 naver 점 com 이에요', spans: ['hong 엣 naver 점 com'] },
  { name: '엣 in a word', text: '엣지 있는 naver.com 디자인', spans: [] },
  { name: '[at] with spaces', text: 'kim01 [at] example.com', spans: ['kim01 [at] example.com'] },
  { name: '(AT) and (dot)', text: 'kim(AT)example(dot)co(dot)kr', spans: ['kim(AT)example(dot)co(dot)kr'] },
  {
    name: '골뱅이',
    text: '메일은 minjun.kim 골뱅이 example.co.kr 입니다',
    spans: ['minjun.kim 골뱅이 example.co.kr'],
  },
  { name: '골뱅이 and 점', text: 'minjun골뱅이naver점com', spans: ['minjun골뱅이naver점com'] },
  {
    name: 'AT and DOT in capitals',
    text: 'mail: hong AT example DOT com',
    spans: ['hong AT example DOT com'],
  },
  { name: '(골뱅이)', text: '메일: hong(골뱅이)example.com', spans: ['hong(골뱅이)example.com'] },
  // Spaces around the "@" and the dots, or between every character.
  {
    name: 'spaces around @ and dots',
    text: '메일 hong @ example . co . kr 로',
    spans: ['hong @ example . co . kr'],
  },
  {
    name: 'every character apart',
    text: '메일 h o n g @ e x a m p l e . c o m 으로',
    spans: ['h o n g @ e x a m p l e . c o m'],
  },
  {
    name: 'characters apart after a word',
    text: 'mail k i m @ a b c . k r',
    spans: ['k i m @ a b c . k r'],
  },
  { name: 'a sentence after an @', text: 'ping @ team. Thanks', spans: [] },
  // One space here or there, and dots of the local part spaced too.
  { name: 'a space after @', text: '메일 hong@ gmail.com 로', spans: ['hong@ gmail.com'] },
  { name: 'a space before @', text: '메일 hong @gmail.com 로', spans: ['hong @gmail.com'] },
  { name: 'a space after a dot', text: '메일 hong@naver. com 으로', spans: ['hong@naver. com'] },
  {
    name: 'the dots of the local part spaced',
    text: 'hong . gildong @ gmail . com',
    spans: ['hong . gildong @ gmail . com'],
  },
  { name: 'a sentence after an @ and a capital', text: 'Contact me @home. Com is fine', spans: [] },
  { name: 'a mention before a spaced dot', text: '@ jugwon . 확인', spans: [] },
  {
    name: 'at and dot',
    text: 'write to minjun.kim at example dot co dot kr',
    spans: ['minjun.kim at example dot co dot kr'],
  },
  { name: 'at in English', text: 'look at example.com or meet at noon', spans: [] },
  // The local part's dots written out as well: none of the address left outside the span.
  {
    name: 'at and dot, the local part dotted in words',
    text: '메일 hong dot gildong at naver dot com',
    spans: ['hong dot gildong at naver dot com'],
  },
  {
    name: '(at) and (dot), the local part dotted in words',
    text: 'hong (dot) gildong (at) gmail (dot) com',
    spans: ['hong (dot) gildong (at) gmail (dot) com'],
  },
  {
    name: '골뱅이 and 닷컴, the local part dotted with 점',
    text: '메일 hong 점 gildong 골뱅이 naver 닷컴',
    spans: ['hong 점 gildong 골뱅이 naver 닷컴'],
  },
  {
    name: 'a word before a spelt address is not its local part',
    text: '메일은 hong at naver dot com',
    spans: ['hong at naver dot com'],
  },
  { name: '(at) with no domain', text: 'price (at) 3000원', spans: [] },
];

export const ipCases: RecognizerCase[] = [
  { name: 'IPv4', text: '접속 IP 192.168.0.1', spans: ['192.168.0.1'] },
  { name: 'IPv4 no context', text: 'from 211.234.10.5 at', spans: ['211.234.10.5'] },
  // Addresses that belong to no one: a netmask, public DNS resolvers.
  { name: 'netmask', text: '서브넷 마스크: 255.255.255.0', spans: [] },
  { name: 'public resolvers', text: 'DNS: 8.8.8.8 / 168.126.63.1', spans: [] },
  { name: 'IPv6 compressed', text: 'IP 2001:db8::1', spans: ['2001:db8::1'] },
  {
    name: 'IPv6 full',
    text: '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
    spans: ['2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
  },
  { name: 'octet out of range', text: '999.1.1.1', spans: [] },
  { name: 'version with five parts', text: 'v1.2.3.4.5', spans: [] },
  { name: 'time is not IPv6', text: '12:30:45 도착', spans: [] },
  { name: 'IPv6 link-local', text: 'fe80::1ff:fe23:4567:890a', spans: ['fe80::1ff:fe23:4567:890a'] },
  { name: 'five hex digits before the colon', text: '12345::1', spans: [] },
  { name: 'glued to a word', text: 'x2001:db8::1', spans: [] },
  { name: 'C++ scope', text: 'std::vector, abc::def', spans: [] },
];

export const creditCardCases: RecognizerCase[] = [
  { name: 'Visa hyphen', text: '카드 4111-1111-1111-1111', spans: ['4111-1111-1111-1111'] },
  { name: 'Mastercard spaces', text: '5500 0000 0000 0004 결제', spans: ['5500 0000 0000 0004'] },
  { name: 'no separator', text: '4012888888881881', spans: ['4012888888881881'] },
  { name: 'Amex', text: 'card 3782-822463-10005', spans: ['3782-822463-10005'] },
  { name: 'domestic 9 IIN', text: '국내카드 9410-1234-5678-9010', spans: ['9410-1234-5678-9010'] },
  { name: 'Luhn-invalid with context', text: '카드번호 4111-1111-1111-1112', spans: ['4111-1111-1111-1112'] },
  { name: 'Luhn-invalid without context', text: '주문 4111-1111-1111-1112', spans: [] },
  { name: 'mixed separators', text: '4111-1111 1111-1111', spans: [] },
  { name: 'dots', text: '카드 4111.1111.1111.1111', spans: ['4111.1111.1111.1111'] },
  { name: 'dots, Luhn-invalid, no context', text: '버전 4111.1111.1111.1112', spans: [] },
  { name: 'dots and spaces mixed', text: '4111.1111 1111.1111', spans: [] },
  {
    name: 'after a phone number whose digits run into it',
    text: '010-9876-5432 4111-1111-1111-1111',
    spans: ['4111-1111-1111-1111'],
  },
  { name: 'IIN 1', text: '1111-1111-1111-1117', spans: [] },
];

export const onlineIdCases: RecognizerCase[] = [
  { name: 'after 아이디', text: '로그인 아이디는 hong1234입니다.', spans: ['hong1234'] },
  { name: 'a handle starting with digits', text: '아이디: 1004kim 으로 가입', spans: ['1004kim'] },
  { name: "a messenger's ID", text: '카톡 아이디 jjang_realtor 추가하시거나', spans: ['jjang_realtor'] },
  { name: 'glued label', text: '카톡아이디: gildong.hong', spans: ['gildong.hong'] },
  { name: 'a platform and ID', text: '카카오톡 ID hong_1234 로 연락', spans: ['hong_1234'] },
  { name: 'a handle after @', text: '인스타 @hong.gildong 팔로우 부탁', spans: ['@hong.gildong'] },
  { name: 'a platform and a colon', text: '텔레그램: hong1234', spans: ['hong1234'] },
  { name: 'shaped as handles are', text: '카톡 hong1234로 연락주세요', spans: ['hong1234'] },
  {
    name: 'English labels',
    text: 'username: jsmith, Instagram handle @jsmith_1.',
    spans: ['jsmith', '@jsmith_1'],
  },
  {
    name: "a profile's address",
    text: 'GitHub: https://github.com/jdoe. 블로그',
    spans: ['https://github.com/jdoe'],
  },
  {
    name: 'LinkedIn',
    text: 'LinkedIn: https://linkedin.com/in/tkhwang\n거주지',
    spans: ['https://linkedin.com/in/tkhwang'],
  },
  { name: 'an account of a platform', text: '트위터 계정 @hong_gd 에서', spans: ['@hong_gd'] },
  // Not handles: no label, a label before a word, an e-mail address, accounting, a production line.
  { name: 'no label', text: 'hong1234 님이 입장했습니다', spans: [] },
  { name: 'prose after user ID', text: 'Enter your user ID and password', spans: [] },
  { name: 'an e-mail address after 아이디', text: '아이디: hong@naver.com', spans: [] },
  { name: 'the word after 아이디', text: '아이디 찾기, 아이디 변경', spans: [] },
  { name: 'digits only', text: '회원 ID 12345678', spans: [] },
  { name: 'a generic ID', text: 'Order ID: ABC123, 요청 ID abc-123', spans: [] },
  { name: 'accounting', text: '계정과목 A01, 계정 분류 B02', spans: [] },
  { name: 'a line of production', text: '생산 라인 A123, 라인 L2-03', spans: [] },
  { name: 'a platform before a word', text: '카톡 PC버전, 인스타 Reels', spans: [] },
];

export const secretCases: RecognizerCase[] = [
  { name: 'a password after its label', text: '비밀번호 qwer1234! 입니다', spans: ['qwer1234!'] },
  { name: 'a PIN after 은', text: '비번은 1234', spans: ['1234'] },
  { name: 'a one-time code', text: 'OTP 번호 123456 불러드릴게요', spans: ['123456'] },
  { name: 'a verification code after a colon', text: '인증번호: 482913', spans: ['482913'] },
  { name: "a card's security code", text: '카드 CVC 123', spans: ['123'] },
  { name: 'an account password glued to its word', text: '계좌비밀번호 1234입니다', spans: ['1234'] },
  { name: 'a password in a pasted configuration', text: 'password: hunter2', spans: ['hunter2'] },
  { name: 'a quoted API key', text: 'api_key="sk-abc123def456"', spans: ['sk-abc123def456'] },
  // As JSON, YAML and code write a key and its value: the key's closing quote before the colon.
  { name: 'a password in JSON', text: '{"password": "hunter2"}', spans: ['hunter2'] },
  { name: 'a quoted password with a space', text: "password: 'pass word' 로", spans: ['pass word'] },
  { name: 'a quote never closed', text: 'password: "hunter2', spans: ['hunter2'] },
  // What is done with a password, prose, counts and words that hold a label.
  { name: 'what is done with it', text: '비밀번호 변경 방법, 비밀번호를 잊어버렸어요', spans: [] },
  { name: 'English prose', text: 'see the password policy and the pin-up', spans: [] },
  { name: 'a count after the label', text: '비밀번호 3회 오류', spans: [] },
  { name: 'a currency', text: '암호화폐 1234개', spans: [] },
];

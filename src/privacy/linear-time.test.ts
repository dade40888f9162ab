import { describe, it } from 'vitest';
import { expectLinear } from '../../test/support/growth.js';
import { createDetector } from './engine.js';

/**
 * Detection runs in linear time: text eight times longer takes at most ~12 times as long (a
 * quadratic step would take 64 times). Each input repeats what a recogniser half-matches, or what
 * opens its search window, as an attacker would send it.
 */
const UNITS: Record<string, string> = {
  'account words': '계좌 ',
  'account words and numbers': '계좌 1234 ',
  'bank names': '국민 ',
  'bank names and accounts': '국민은행 123456-12-123456 ',
  digits: '1',
  'digit-hyphen': '12-',
  'digits and spaces': '1 ',
  'names with titles': '김민준님 ',
  // Every one a name the dictionary knows (a search in its sorted list), confirming the others.
  'names the dictionary knows': '송중기는 최운정과 ',
  'English given names in Hangul': '데이비드 박 제임스 ',
  'Korean given names in Latin script before surnames': 'Minjun Kim Seoyeon ',
  'the same in capitals': 'MINJUN KIM SEOYEON ',
  'names before notes that never close': '김민준 (마케팅실 콘텐츠팀 ',
  surnames: '김이박',
  'road numbers': '테헤란로 1',
  'roads and districts between slashes': '강남구/테헤란로/1',
  'road numbers with digits apart': '테헤란로 1 2 ',
  'dates after a birth-date label': '생년월일: 1990.01.01 ',
  "a 주민등록번호's label before six digits": '주민번호 앞 6자리 900101 주민번호는 ',
  'dates shaped like birth dates': '1990. 1. 1. 900101 ',
  'birth-date labels before two-digit years': '생년월일 90.',
  'years one was born in': '1990년생, 91년생이고 ~90년생 ',
  // Birth-date labels that open a table, line after line or all on one line, and rows of dates.
  'header lines of birth-date columns': '성명 / 생년월일\n',
  'birth-date labels on one endless line': '생년월일 / ',
  'birth-date labels in long cells': '생년월일, 그리고 그 밖의 모든 내용을 적는 칸 ',
  'rows of birth dates under a header': '성명 / 생년월일\n홍길동 / 1990.01.01\n',
  'English birth-date labels before months': 'DOB March 1, ',
  'road numbers and residence names': '서울 강남구 테헤란로 1, 롯데캐슬 2 ',
  'e-mail-like': 'a.',
  'at signs': 'a@',
  'at signs typed twice': 'a@@b.',
  'dots said as 쩜': 'a 골뱅이 b 쩜 ',
  'local parts dotted in words': 'a dot b at c dot d ',
  'numbers spelt in Hangul after roads': '강남구 테헤란로 백이십삼 ',
  'spelt and written numbers after roads': '테헤란로 1 테헤란로 일이삼, ',
  'Hangul addresses glued together': '가@가.',
  'Hangul domains without a top-level domain': '홍@회사.회사',
  'region digits': '서울 12',
  'phone-like': '010-',
  'country codes in brackets before numbers': '(+82)10-1234 (+82) ',
  'mobile numbers without their 0': '연락처 10-',
  'zero-width and full-width': '\u200B１２－',
  // What reads a table's header line: one header over ever more rows, and ever more blocks.
  'rows under one header': 'E12345678 홍길동 920745-5123498\n',
  'blocks with headers': '\n\n성명  여권번호  건강보험증번호\n홍길동  E12345678  1-2204558773\n',
  'names with Hanja': '황지원(黃志元) ',
  'names mixing Hangul and Hanja': '金민준 김民俊님 백承',
  'names with Latin script in brackets': '김민준(Minjun Kim) ',
  'Latin names before names in brackets': 'Minjun Kim(김민준) ',
  'mail headers': 'From: Minjun Kim <',
  'ranks before names': '경위 류기봉 ',
  // What looks for a label's note in brackets, and for titles with particles after names.
  'closing brackets before names': ') : 김민준 ',
  'labels with notes': '신청인(건축주): 최강호 ',
  'titles with particles': '송미라 대리께도 ',
  'rare syllables before titles': '허부열 판사 신격호 총괄회장과 ',
  'roles said with their purpose': '경리직원 황미라 채용담당 ',
  'who booked or holds, and 귀하': '예약자 황미라 귀하 명의자 ',
  'roles in name fields before other words': '성명: 전직 경리직원 황미라 확인 ',
  'names before 으로 and 에': '예금주 홍길동으로 목소리로 피해자 윤다래에 ',
  'account holders': '3333-08-1947562 김서연으로 (임꺽정) ',
  'names before registration numbers': '양하늘, 950211-2048817 ',
  'relations as the topic': '아빠는 김철수야 동생이 ',
  'lists of names': '홍길동, 김민준/',
  'lists of names before titled ones': '김무성, 이완구, 안철수 의원 ',
  'given names after relations': '아들 준혁 군 딸 사랑양 ',
  "customers' and students' numbers after labels": '고객번호: C-20231234 학번 2020123456 번',
  'secrets after labels': '비밀번호 qwer1234! password: ',
  'labels of secrets before endless values': 'pw=a',
  'secrets in quotes never closed': 'password: "a ',
  'ages and honorifics after names': '하쓰코(25)씨 ',
  'ages in brackets never closed': '(1·',
  'slashed Latin names': 'KIM/JUNHO ',
  // What reads past a name for its office, its organisation, or an age in brackets.
  'offices past organisations': '박병수 전 외교부 장관 ',
  'ages in brackets': '박병수(47) ',
  'impossible birth dates': '주민 901345-1234567 ',
  // Digits spelt in Hangul: runs too short to fold, and one endless run that does.
  'spelt digits in words': '이사 오일 ',
  'spelt digits': '일이삼',
  'ASCII digits before spelt ones': '0-0-0-이 ',
  'spelt digits joined by ㅡ': '일ㅡ이ㅡ',
  'spelt digits joined by 에': '공일공에 ',
  'spelt digits joined by 다시': '공일 다시 ',
  'digits joined by the dash named, or 하고': '01 하이픈 2하고 공일 그리고 ',
  'short runs with ㅡ': '이ㅡ사 ',
  // Escapes half-written (no ";" ever comes, bytes that never finish a character), and numbers
  // wrapped after their dash, line after line.
  'ampersands without a semicolon': '&',
  'references half-written': '&#12',
  'UTF-8 escapes cut short': '%ED%99',
  'JSON escapes of digits': '\\u0031-',
  'numbers wrapped after a dash': '12-\n',
  'surnames apart from their given names': '성명: 김 민준 과장 ',
  'names apart with other gaps': '성명: 김*민*준 ',
  'surnames before gaps': '김*',
  'name fields with rare syllables': '성명: 강감찬 ',
  'brackets before colons': '성명)):',
  'Hanja after labels': '성명: 洪吉童 (홍길동) ',
  'Hanja without end': '洪',
  'names in conjoining letters': '\u1112\u1169\u11BC\u1100\u1175\u11AF\u1103\u1169\u11BC\u1102\u1175\u11B7 ',
  'conjoining consonants alone': '\u1100\u11A8',
  'Hangul typed letter by letter': 'ㄱㅏㄴㄷㅏ',
  'letters of chat': 'ㅋㅋ ㅎㅏ ',
  'consonants that pair as finals': 'ㄱㅏㄹㄱㅅ',
  // Runs of the base64 alphabet: ever more to decode, of text with an identifier, and one endless run.
  'base64 of identifiers': `${Buffer.from('연락처 010-1234-5678').toString('base64')} `,
  'base64 without end': 'QUJD',
  // Numbers with O and l for digits and dots between groups: ever more, one endless, and words of
  // O and l between digits (each looked at again from the number's start).
  'numbers with O, l and middle dots': 'O1O·l234·5678 ',
  'one endless number with middle dots': '1·O',
  'O and l between digits': '1 lol 2 ',
  'ㅇ for 0, and letters glued before digits': 'ㅇ1ㅇ-ㅇ234 ㅇㅇ1ㅇ ',
  'letters and spaced dashes': 'O1O - l2 - ',
  'slashes after digits': '1/',
  // Numbers spelt in English words: one endless run, runs one word too short, words inside words.
  'digit words without end': 'one two ',
  'digit word runs one too short': 'one two three four five six seven. ',
  'digit words inside words': 'someone ',
  // Addresses with spaces around their "@" and dots, or between every character; accounts in spaced groups.
  'spaced e-mail addresses': 'a @ b . c . ',
  'e-mail characters apart': 'a b @ c . d . e ',
  'e-mail addresses loosely spaced': 'a . b @ c. d ',
  'e-mail addresses said in Korean': 'a 앳 b 닷 c 점 ',
  'e-mail addresses with {at} or 엣': 'a{at}b{dot}c 엣 d 점 <at>',
  // Accounts' handles after their labels: ever more, labels with nothing after them, and one
  // endless address after a label.
  'handles after labels': '카톡 아이디 hong_1 인스타 @a.b 텔레그램: c_2 ',
  'labels without handles': '아이디 카톡아이디 ID: ',
  'one endless profile address': 'GitHub: https://',
  // Patients' numbers after their labels: ever more, and labels before too few digits.
  'patient numbers after labels': '환자번호: P-2026-00412 등록번호 1234567 ',
  'patient labels before short numbers': '차트번호 12-',
  'passports regrouped or their letter said': '여권번호 M 123 456 78 엠 1 2 3 ',
  'licences regrouped': '면허번호 11-12-3456-7890 1-',
  '주민 before numbers in three groups': '주민번호 9001 0112 34568 주민 1 2 ',
  'prescription numbers after labels': '처방전 번호: RX-2026-0511 ',
  'prescription labels before letters': '처방번호 A',
  'spaced account groups': '계좌 123456 12 ',
  'dotted account groups': '계좌 123456.12.',
  'front halves without their back': '앞자리 900101 뒷 ',
  'districts before a residence word': '주소 서울 강남구 서초구 ',
  'residences one after another': '서울 강남구 역삼동 거주 강남 ',
  'bare districts before a road': '서울 강남 서초 테헤란로 1',
  'households after complex names': '강남구 역삼동 아이파크 101동 1203호 ',
  'everyday bank names before numbers': '우리 1002-123-456789 ',
  // Names in code and data, said of oneself, at a letter's close; dates one was born on; numbers
  // without an area code after their label; numbers in pairs.
  'names in JSON': '{"name": "홍길동", ',
  'self-introductions': '안녕하세요, 홍길동입니다 ',
  "letters' closes": '홍길동 드림 ',
  'dates one was born on': '90년 1월 1일생 1990년 1월 1일에 태어 ',
  'numbers without an area code': '전화 345-6789 ',
  'numbers in pairs': '12 34 ',
  // Numbers with some groups digit by digit: groups whole and single, without end.
  'part-spaced digits': '1234567 - 1 2 3 ',
  // Separators ordinary numbers use too, read only in an identifier's layout: chains without end,
  // of one kind and after another kind, with groups of an identifier's lengths and letters.
  'comma chains': '1,',
  'colon chains': '010:1234:5678:',
  'apostrophes between digits': "90'01'01'",
  'brackets between digits': '010(1234)5678(',
  'doubled dashes between digits': '1--2..',
  'dashes and dots after digits': '1---.',
  'brackets opened between digits': '0101(234(',
  'marks between digits': '010;1234=5678#',
  'escaped tabs between digits': '900101\\t12\\t',
  'percent signs between digits': '1%2%3',
  'romanised places in Korean order without a number': 'Seoul Gangnam-gu Teheran-ro, ',
  'long romanised places before a district': 'Abcdefghijklmnopqrs Abcdefghijklmn-gu Yeoksamdongabcdefg-dong ',
  'a 시도 glued to roads': '서울강남구테헤란로 서울시설로 1',
  'comma chains of long groups': '010,1234,',
  'bar chains with letters': 'O1O|1234|',
  'guarded after a middle dot': '1588·1234, ',
  'half spelt groups': '공1공-1',
  'digits joined by 의': '12의 ',
  // Markup between digits: marks, tags, tags that never close, code spans, lone stars.
  'Markdown marks between digits': '1-**1**-',
  'tags between digits': '1</b>-<b>',
  'tags that never close after digits': '1<b ',
  'code spans around digits': '`1`-',
  'stars between digits': '1 * 1 *',
  'tag ends with no tag open before them': '>1-**1**-',
  'emphasis that never closes': '**김민준 ',
  'inline tags inside words': '김<b></b>',
  'comments that never close inside words': '김<!-- ',
  'names in bold': '**김민준** 님 ',
  'stars and tildes without end': '*~',
  // Romanised addresses and names after an English label: parts repeated without end.
  'romanised address parts': '1 Ab-ro, Cd-gu, Ef-si, ',
  'romanised districts': 'Ab-gu, ',
  'name labels before capitals': 'Name: Ab Cd Ef ',
  'capitals after a label': 'Full name: A',
  // Candidates that overlap one another without end (each address's local part is the one before):
  // all of them become one entity, which was resolved pairwise.
  'e-mail addresses glued together': 'a.b@c.co.',
  'identifiers of several types glued together':
    '4111-1111-1111-1111서울시 강남구 테헤란로 123010-1234-5678a.b@c.co',
};

/** Families whose text starts with a table header once, then repeats the rows under it. */
const HEADED = new Set(['rows under one header']);
const HEADER = '성명 / 여권번호 / 외국인등록번호\n';

const detector = createDetector({ threshold: 0 });

describe('detection time grows linearly with adversarial input', () => {
  it.each(Object.entries(UNITS))(
    '%s',
    async (_name, unit) => {
      const head = HEADED.has(_name) ? HEADER : '';
      const body = unit.repeat(Math.ceil(16_000 / unit.length));
      const time = (times: number) => {
        const text = head + body.repeat(times);
        const t0 = performance.now();
        detector.detect(text);
        return performance.now() - t0;
      };
      // Eight times the text: at most ~12 times as long (a quadratic step on 128 K characters is seconds).
      await expectLinear(time, 1, 8, 12);
    },
    60_000,
  );
});

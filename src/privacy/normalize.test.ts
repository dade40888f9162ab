import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, toOriginalSpan } from './normalize.js';

describe('normalize', () => {
  // The character class itself, one regex match at a time: what the code-unit table must agree with.
  const CLASS = String.raw`[[\p{Nd}--[0-9]][\p{Pd}--[\-]][\p{Zs}--[ ]]\p{Cf}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0\u00B2\u00B3\u00B9\u2070\u2074-\u2079\u2080-\u2089\u2212\u2460-\u2468\u24EA\u24F5-\u24FD\u2776-\u277E\u2780-\u2788\u278A-\u2792\uFE58\uFE63\uFF01-\uFF5E\u3161\u3002\uFF61]`;
  const folds = (ch: string) => new RegExp(`^${CLASS}$`, 'v').test(ch);

  it('changes exactly the characters of its class, in the whole BMP and across surrogate pairs', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if ((normalize(`a${ch}b`).text !== `a${ch}b`) !== folds(ch)) wrong.push(c.toString(16));
    }
    // Astral: mathematical digits, tag characters and supplementary variation selectors fold;
    // an emoji and other letters do not; a lone surrogate is left as it is.
    for (const ch of [
      '\u{1D7CE}',
      '\u{1D7D9}',
      '\u{E0001}',
      '\u{E0100}',
      '\u{1F600}',
      '\u{20000}',
      '\uD800',
      '\uDC00',
    ])
      if ((normalize(`a${ch}b`).text !== `a${ch}b`) !== (ch.length === 2 && folds(ch))) wrong.push(ch);
    expect(wrong).toEqual([]);
    expect(normalize('\u{1D7CE}\u{1D7CF}-\u{E0001}1').text).toBe('01-1');
  });

  it('returns ordinary text unchanged and without an offset map', () => {
    const n = normalize('주민등록번호 900101-1234568');
    expect(n.text).toBe('주민등록번호 900101-1234568');
    expect(n.offsets).toBeUndefined();
  });

  it('folds full-width digits, letters and punctuation one for one', () => {
    expect(normalize('９００１０１－ＡＢｃ＠').text).toBe('900101-ABc@');
  });

  it.each([
    ['hyphen', '\u2010'],
    ['non-breaking hyphen', '\u2011'],
    ['figure dash', '\u2012'],
    ['en dash', '\u2013'],
    ['em dash', '\u2014'],
    ['minus sign', '\u2212'],
    ['small hyphen-minus', '\uFE63'],
    ['full-width hyphen-minus', '\uFF0D'],
  ])('folds the %s to "-"', (_name, dash) => {
    expect(normalize(`010${dash}1234`).text).toBe('010-1234');
  });

  it('folds no-break, ideographic and typographic spaces to a space', () => {
    expect(normalize('a\u00A0b\u3000c\u2009d\u202Fe').text).toBe('a b c d e');
  });

  it('removes zero-width characters and maps spans back to the original text', () => {
    const original = '번호 9001\u200B01-12\u2060345\uFEFF68 끝';
    const n = normalize(original);
    expect(n.text).toBe('번호 900101-1234568 끝');
    const start = n.text.indexOf('9');
    const end = n.text.indexOf(' 끝');
    const [s, e] = toOriginalSpan(n, start, end);
    expect(original.slice(s, e)).toBe('9001\u200B01-12\u2060345\uFEFF68');
  });

  it('maps every normalised offset to the same character in the original', () => {
    const original = '\u200B가\u00ADＡ\u200D나-\u200C다';
    const n = normalize(original);
    for (let i = 0; i < n.text.length; i++) {
      const [s] = toOriginalSpan(n, i, i + 1);
      expect(normalize(original.charAt(s)).text).toBe(n.text.charAt(i));
    }
  });
});

describe('numbers spelt digit by digit in Hangul or hanja', () => {
  it('read as digits when the run is as long as a number', () => {
    expect(normalize('연락처 공일공-일이삼사-오육칠팔 입니다').text).toBe('연락처 010-1234-5678 입니다');
    expect(normalize('영일영 일이삼사 오육칠팔').text).toBe('010 1234 5678');
    expect(normalize('구공공일공일-일이삼사오육팔').text).toBe('900101-1234568');
    expect(normalize('九〇〇一〇一-一二三四五六八').text).toBe('900101-1234568');
    // Mixed with ASCII digits, on either side.
    expect(normalize('010-일이삼사-5678').text).toBe('010-1234-5678');
    expect(normalize('010 1234 오육칠팔').text).toBe('010 1234 5678');
    // Mixed inside a group: two spelt digits will do when the group holds an ASCII one too.
    expect(normalize('공1공-1234-5678').text).toBe('010-1234-5678');
    expect(normalize('0일공 1234 5678').text).toBe('010 1234 5678');
    expect(normalize('구0공1공1-1234568').text).toBe('900101-1234568');
  });

  it('leave ordinary words alone, and a copula after the number', () => {
    for (const t of [
      '이사 오일 구이 먹고 사이 좋게',
      '일이삼사오육칠',
      '1층 이사 예정',
      '3.5 이상',
      // One or two syllables after a number are words: a copula, a day, a counter.
      '카드번호는 9417 7100 7286 1844이에요',
      '2024-03-15일에 1234-5678-9이',
      // A word against a number, or a dose: not a digit inside a number.
      '15일 1234-5678',
      '1일1회 12345678',
      '카드 4111-1111-1111-111일',
      // Vehicle plates hold one syllable, some of them digits' (오, 구, 사), also two in a row.
      '715구9603',
      '12오3456 34구5678',
    ])
      expect(normalize(t)).toMatchObject({ text: t, offsets: undefined });
    expect(normalize('번호는 공일공 일이삼사 오육칠팔이에요').text).toBe('번호는 010 1234 5678이에요');
  });

  it('read ㅡ typed for a dash as one, and an ideographic full stop as a full stop', () => {
    expect(normalize('010ㅡ1234ㅡ5678').text).toBe('010-1234-5678');
    expect(normalize('공일공ㅡ일이삼사ㅡ오육칠팔').text).toBe('010-1234-5678');
    expect(normalize('kim@example。co。kr').text).toBe('kim@example.co.kr');
  });

  it('keep offsets as they are: one code unit for one', () => {
    const t = '\u200B공일공-일이삼사-오육칠팔';
    const n = normalize(t);
    expect(n.text).toBe('010-1234-5678');
    expect(toOriginalSpan(n, 0, n.text.length)).toEqual([1, t.length]);
  });
});

describe('normalize against disguises', () => {
  it.each([
    ['a left-to-right mark', '900101\u200E-1234568'],
    ['a combining grapheme joiner', '9001\u034F01-1234568'],
    ['a Hangul filler', '900101\u3164-1234568'],
    ['a variation selector', '900101-12345\uFE0F68'],
    ['a soft hyphen', '9001\u00AD01-1234568'],
    ['bidi controls', '\u202E900101-1234568\u202C'],
    ['Arabic-Indic digits', '٩٠٠١٠١-١٢٣٤٥٦٨'],
    ['Devanagari digits', '९००१०१-१२३४५६८'],
    ['mathematical bold digits', '𝟗𝟎𝟎𝟏𝟎𝟏-𝟏𝟐𝟑𝟒𝟓𝟔𝟖'],
    ['circled digits', '⑨⓪⓪①⓪①-①②③④⑤⑥⑧'],
    ['superscript digits', '⁹⁰⁰¹⁰¹-¹²³⁴⁵⁶⁸'],
    ['a wave dash', '900101\u301C1234568'],
    ['a two-em dash', '900101\u2E3A1234568'],
  ])('folds %s, and maps the span back onto the original', (_name, disguised) => {
    const n = normalize(disguised);
    expect(n.text.replace(/\s/g, '')).toBe('900101-1234568');
    const start = n.text.indexOf('9');
    const [s, e] = toOriginalSpan(n, start, n.text.length);
    expect(normalize(disguised.slice(s, e)).text.trim()).toBe(n.text.slice(start).trim());
  });
});

describe('escapes read as the characters they stand for', () => {
  it.each([
    ['JSON escapes (ASCII-only JSON)', '{"name":"\\uD64D\\uAE38\\uB3D9"}', '{"name":"홍길동"}'],
    ['a surrogate pair in two escapes', '\\uD83D\\uDE00!', '😀!'],
    ['escapes inside a JSON string, backslashes doubled', '\\\\u0039\\\\\\\\u0030', '90'],
    ["Python's bytes", "b'\\xed\\x99\\x8d \\x40'", "b'홍 @'"],
    ['URL bytes', '?n=%ED%99%8D%EA%B8%B8%EB%8F%99&m=hong%40example.com', '?n=홍길동&m=hong@example.com'],
    [
      'HTML decimal references',
      '&#54861;&#44600;&#46041; hong&#64;example&#46;com',
      '홍길동 hong@example.com',
    ],
    [
      'HTML hex and named references',
      'hong&#x40;example&period;com &commat; 010&hyphen;1',
      'hong@example.com @ 010-1',
    ],
    ['an escaped character that folds', '\\uFF11\\u200B2&#8209;3', '12-3'],
    ['quotes escaped in a JSON string', '{"a":"{\\"password\\": \\"x1\\"}"}', '{"a":"{"password": "x1"}"}'],
  ])('%s', (_name, original, decoded) => {
    const n = normalize(original);
    expect(n.text).toBe(decoded);
    // Every character read maps back to the escape it came from, and a span to all of it.
    for (let i = 0; i < n.text.length; i++) {
      const [s, e] = toOriginalSpan(n, i, i + 1);
      expect(normalize(original.slice(s, e)).text).toBe(n.text.charAt(i));
    }
    expect(toOriginalSpan(n, 0, n.text.length)).toEqual([0, original.length]);
  });

  it.each([
    ['a per cent sign', '할인 30% 적용, 100%'],
    ['bytes cut short', '%ED%99 끝'],
    ['an overlong form', '%C0%80'],
    ['a surrogate written in UTF-8', '%ED%A0%80'],
    ['a lone continuation byte', '%80 \\x80'],
    ['references out of range', '&#0; &#xD800; &#99999999; &#; &#x;'],
    ['names that are no reference, or have no ";"', 'AT&T; R&D &commat &unknown;'],
    ['a backslash before no escape', 'C:\\Users\\new \\u12G4 \\x4'],
  ])('leaves alone %s', (_name, text) => {
    expect(normalize(text).text).toBe(text);
  });
});

describe('a number wrapped after one of its dashes', () => {
  it.each([
    ['a line break', '900101-\n1234568', '900101-1234568'],
    ['CRLF, with spaces around', '010-  \r\n  1234-5678', '010-1234-5678'],
    ['a dash that folds', '900101\u2010\n1234568', '900101-1234568'],
    ['a line break escaped in JSON text', '900101-\\n1234568', '900101-1234568'],
    ['CRLF escaped, backslashes doubled', '900101-\\\\r\\\\n1234568', '900101-1234568'],
    ['no dash, a line break escaped between the digits', '900101\\n1234568', '900101\n1234568'],
  ])('reads as one across %s', (_name, original, joined) => {
    const n = normalize(original);
    expect(n.text).toBe(joined);
    expect(toOriginalSpan(n, 0, n.text.length)).toEqual([0, original.length]);
  });

  it.each([
    ['numbers on their own lines', '2024\n2025'],
    ['a dash after no digit', '목록 -\n1. 항목'],
    ['a dash before no digit', '12-\n가'],
    ['a blank line between', '12-\n\n34'],
    ['a list after a number', '총 3-\n  - 4'],
    ['an escape that is no line break', '12-\\t34'],
  ])('leaves apart %s', (_name, text) => {
    expect(normalize(text).text).toBe(text);
  });
});

describe('a dash or dot typed more than once between groups', () => {
  it.each([
    ['a doubled dash', '900101--1234568', '900101-1234568'],
    ['tripled dashes', '010---1234---5678', '010-1234-5678'],
    ['doubled dots', '010..1234..5678', '010.1234.5678'],
    ['doubled dashes with spaces around', '010 -- 1234 -- 5678', '010 - 1234 - 5678'],
  ])('reads as one %s', (_name, original, read) => {
    const n = normalize(original);
    expect(n.text).toBe(read);
    expect(toOriginalSpan(n, 0, n.text.length)).toEqual([0, original.length]);
  });

  it.each([
    ['a line of dashes', '1----2, 3 ---- 4'],
    ['dashes after no digit', 'a--b, 가..나'],
    ['a dotted leader', '1장....12'],
    ['an ellipsis after a number', '12... 그리고'],
  ])('leaves alone %s', (_name, text) => {
    expect(normalize(text).text).toBe(text);
  });
});

describe('Hangul in conjoining letters (NFD)', () => {
  it('composes every syllable as NFC does, each mapped back onto its letters', () => {
    const all = Array.from({ length: 11_172 }, (_, i) => String.fromCharCode(0xac00 + i)).join('');
    const decomposed = all.normalize('NFD');
    const n = normalize(decomposed);
    expect(n.text).toBe(all);
    for (let i = 0; i < n.text.length; i += 97) {
      const [s, e] = toOriginalSpan(n, i, i + 1);
      expect(decomposed.slice(s, e)).toBe(n.text.charAt(i).normalize('NFD'));
    }
  });

  it('composes a final consonant after a syllable written whole, and maps a span onto all of it', () => {
    const original = '담당자 \u1112\u1169\u11BC기\u11AF동 과장';
    const n = normalize(original);
    expect(n.text).toBe('담당자 홍길동 과장');
    expect(original.slice(...toOriginalSpan(n, 4, 7))).toBe('\u1112\u1169\u11BC기\u11AF동');
  });

  it('leaves letters that make no syllable as they are', () => {
    for (const text of ['\u1100 \u1161', '\u11A8\u1100', 'a\u11AF', '각\u11A8', '\u1113\u1161', 'ㄱㅏ'])
      expect(normalize(text).text).toBe(text);
  });
});

describe('numbers said aloud and transcribed', () => {
  it.each([
    ['에 between ASCII groups', '010에 1234에 5678', '010-1234-5678'],
    ['다시 between ASCII groups', '4111 다시 1111 다시 1111 다시 1111', '4111-1111-1111-1111'],
    ['다시 between spelt groups', '공일공 다시 일이삼사 다시 오육칠팔', '010-1234-5678'],
    ['에 between spelt groups', '공일공에 일이삼사에 오육칠팔', '010-1234-5678'],
    // 의 is written for the 에 that is said.
    ['의 between ASCII groups', '010의 1234의 5678', '010-1234-5678'],
    ['의 between spelt groups', '공일공의 일이삼사의 오육칠팔', '010-1234-5678'],
    // The dash named (대시, 하이픈), or "and" (하고, 그리고), glued to a group or after a space.
    ['하고 between ASCII groups', '010 하고 1234 하고 5678', '010-1234-5678'],
    ['하고 glued to ASCII groups', '010하고 1234하고 5678', '010-1234-5678'],
    ['그리고 between spelt groups', '구공공일공일 그리고 일이삼사오육팔', '900101-1234568'],
    ['하이픈 between spelt groups', '공일공 하이픈 일이삼사 하이픈 오육칠팔', '010-1234-5678'],
    ['대시 between ASCII groups', '4111 대시 1111 대시 1111 대시 1111', '4111-1111-1111-1111'],
  ])('reads %s as dashes, a span covering what was said', (_name, original, read) => {
    const n = normalize(original);
    expect(n.text).toBe(read);
    expect(toOriginalSpan(n, 0, n.text.length)).toEqual([0, original.length]);
  });

  it.each([
    ['arithmetic', '100에 200을 더하면 300'],
    ['a multiple', '3의 배수와 1000의 200배'],
    ['fewer digits than any identifier', '24 다시 2025'],
    ['a short number', '010에 1234'],
    ['다시 as a word', '다시 해 주세요'],
    ['하고 between years', '2019 하고 2020 비교'],
    ['하고 in a sum', '100하고 200'],
    ['words between numbers', '3번 하고 4번, 1234 그리고 5678, 12 하이픈 34'],
  ])('leaves alone %s', (_name, text) => {
    expect(normalize(text).text).toBe(text);
  });
});

describe('markup between the parts of a number', () => {
  it.each([
    ['Markdown bold', '연락처 010-**1234**-5678', '연락처 010-1234-5678'],
    ['Markdown italics on a half', '주민번호 900101-*1234568*', '주민번호 900101-1234568'],
    ['code spans', '`010`-`1234`-`5678`', '`010-1234-5678`'],
    ['strike-through', '010-~~1234~~-5678', '010-1234-5678'],
    ['HTML tags', '900101</span>-<span class="x">1234568', '900101-1234568'],
    ['table cells, read apart', '<td>010</td><td>1234</td><td>5678</td>', '<td>010 1234 5678</td>'],
    [
      'cells of short numbers, still apart',
      '<td>100</td><td>2000</td><td>3000</td>',
      '<td>100 2000 3000</td>',
    ],
  ])('removes %s, a span mapping back over them', (_name, original, read) => {
    const n = normalize(original);
    expect(n.text).toBe(read);
    const digits = read.search(/\d/);
    const [start, end] = toOriginalSpan(n, digits, read.search(/\d[^\d]*$/) + 1);
    expect(original.slice(start, end).replace(/\D/g, '')).toBe(read.replace(/\D/g, ''));
  });

  it.each([
    ['inline tags inside a word', '<span>김</span><span>민준</span> 고객님', '<span>김민준</span> 고객님'],
    ['a comment inside a word', '김<!-- -->민준 고객님', '김민준 고객님'],
  ])('removes %s, a span mapping back over them', (_name, original, read) => {
    const n = normalize(original);
    expect(n.text).toBe(read);
    const at = read.indexOf('김민준');
    const [start, end] = toOriginalSpan(n, at, at + 3);
    expect(original.slice(start, end).replace(/<[^>]*>/g, '')).toBe('김민준');
  });

  it.each([
    ['a product', '1234*5678', '1234 * 5678 = 7006652'],
    ['a range', '10~20', '2020~2021년'],
    ['a tag that does not close', '010-<b 1234-5678'],
    ['block tags between syllables (cells apart)', '<td>김</td><td>민준</td>'],
  ])('leaves alone %s', (_name, ...texts) => {
    for (const text of texts) expect(normalize(text).text).toBe(text);
  });
});

describe('Markdown emphasis', () => {
  it.each([
    ['bold', '**김민준** 고객님께', '김민준 고객님께'],
    ['italics', '성명: *김민준*', '성명: 김민준'],
    ['both, glued to a particle', '***김민준***님', '김민준님'],
    ['strike-through', '~~김민준~~ 고객님', '김민준 고객님'],
    ['a bold label', '**성명:** 김민준', '성명: 김민준'],
  ])('reads %s as the words it marks', (_name, original, read) => {
    const n = normalize(original);
    expect(n.text).toBe(read);
    const at = read.indexOf('김민준');
    expect(original.slice(...toOriginalSpan(n, at, at + 3))).toMatch(/^김민준/);
  });

  it.each([
    ['a product', '1*2*3'],
    ['spaced operators', '2 * 3 * 4'],
    ['list bullets', '* 항목 하나\n* 항목 둘'],
    ['marks with spaces inside', '** 김민준 **'],
    ['a mark that does not close', '**김민준 고객님'],
    ['stars that mask, after a syllable', '홍*동 고객님, 김*수 고객님', '김*김*김*'],
  ])('leaves alone %s', (_name, ...texts) => {
    for (const text of texts) expect(normalize(text).text).toBe(text);
  });
});

describe('Hangul typed letter by letter', () => {
  it('composes the letters as a keyboard would, and maps spans back', () => {
    const n = normalize('성명: ㅎㅗㅇㄱㅣㄹㄷㅗㅇ 님');
    expect(n.text).toBe('성명: 홍길동 님');
    expect(toOriginalSpan(n, 4, 7)).toEqual([4, 13]);
    // Two vowels that make one, two consonants that end a syllable, letters typed as clusters.
    expect(normalize('ㄱㅗㅏㄴㄹㅣ ㄷㅏㄹㄱㄱㅗㄱㅣ ㄷㅏㄺ ㅇㅏㄴㅎㅇㅏ ㅎㅏㄴㄱㅡㄹ').text).toBe(
      '관리 닭고기 ㄷㅏㄺ 않아 한글',
    );
  });

  it('leaves letters of chat, and a single syllable, as they are', () => {
    for (const text of ['ㅋㅋㅋㅋ', 'ㅎㅎ 좋아요', 'ㅠㅠ', 'ㅇㅇ ㄱㅅ', 'ㄱㅏ', '010ㅡ1234ㅡ5678'])
      expect(normalize(text).text).toBe(text === '010ㅡ1234ㅡ5678' ? '010-1234-5678' : text);
  });
});

describe('numbers spelt out in English words', () => {
  it('reads a run of eight digit words or more as digits, and maps spans back', () => {
    const n = normalize('call zero one zero, one two three four, five six seven eight today');
    expect(n.text).toBe('call 0 1 0  1 2 3 4  5 6 7 8 today');
    const start = n.text.indexOf('0');
    const end = n.text.lastIndexOf('8') + 1;
    expect(toOriginalSpan(n, start, end)).toEqual([5, 60]);
    expect(normalize('Nine Oh Oh One Oh One dash One Two Three Four Five Six Eight').text).toBe(
      '9 0 0 1 0 1 - 1 2 3 4 5 6 8',
    );
  });

  it('composes with the other folds: their offsets map through both', () => {
    const text = 'zero\u200B one zero\u2010one two three four five six seven eight';
    const n = normalize(text);
    expect(n.text).toBe('0 1 0-1 2 3 4 5 6 7 8');
    expect(toOriginalSpan(n, 0, n.text.length)).toEqual([0, text.length]);
  });

  it.each([
    ['short runs', 'one or two of them, three or four, five six seven'],
    ['words inside words', 'someone two three four five six seven eight'],
    ['digit words apart', 'one, two, and three; four, five: six, seven, eight'],
  ])('leaves alone %s', (_name, text) => {
    expect(normalize(text).text).toBe(text);
  });
});

describe('the offset map, whatever the text', () => {
  // Pieces every reading acts on: digits and separators, spelt digits and spoken joiners, markup
  // and emphasis, escapes, invisible and full-width characters, letters typed apart, Hangul.
  const PIECES = [
    ...'0123456789',
    '010',
    '900101',
    '-',
    ' ',
    '.',
    ',',
    '~',
    '*',
    '**',
    '`',
    '~~',
    '<b>',
    '</span>',
    '<!-- -->',
    '<td>',
    '공',
    '일',
    '이',
    '에 ',
    ' 다시 ',
    '의 ',
    '\\u0039',
    '%2D',
    '&#45;',
    '\u200B',
    '１',
    'ー',
    'O',
    'l',
    'ㅎㅗㅇ',
    '김민준',
    'one ',
    '\n',
  ];
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''));

  it('maps every offset into the original, in order, and spans back inside it', () => {
    fc.assert(
      fc.property(text, (original) => {
        const n = normalize(original);
        expect(n.originalLength).toBe(original.length);
        if (!n.offsets) return;
        expect(n.offsets.length).toBe(n.text.length + 1);
        for (let i = 1; i < n.offsets.length; i++)
          expect(n.offsets[i] as number).toBeGreaterThanOrEqual(n.offsets[i - 1] as number);
        expect(n.offsets[0]).toBeGreaterThanOrEqual(0);
        expect(n.offsets[n.text.length]).toBeLessThanOrEqual(original.length);
        const [s, e] = toOriginalSpan(n, 0, n.text.length);
        expect(0 <= s && s <= e && e <= original.length).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  // Without readings that need their neighbours (spelt digits, digit words, O and l, letters typed
  // apart), each digit of the normalised text maps back onto the characters it was read from.
  const local = fc
    .array(fc.constantFrom(...PIECES.filter((p) => !/[가-힣ㄱ-ㅣOl]|one/.test(p))), { maxLength: 40 })
    .map((p) => p.join(''));

  it('maps each digit back onto what it was read from, through every step', () => {
    fc.assert(
      fc.property(local, (original) => {
        const n = normalize(original);
        for (let i = 0; i < n.text.length; i++) {
          const c = n.text.charAt(i);
          if (c < '0' || c > '9') continue;
          const from = original.slice(...toOriginalSpan(n, i, i + 1));
          expect(normalize(from).text.replace(/\D/g, '')).toBe(c);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

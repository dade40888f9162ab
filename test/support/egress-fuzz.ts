import fc from 'fast-check';

/**
 * Requests that carry a 주민등록번호 somewhere a client can put text — every field of the chat
 * protocol, in every disguise — for the egress fuzzer (test/e2e/egress-fuzz.test.ts, and
 * `npm run fuzz:egress` for long runs).
 */
export const RRN = '900101-1234568';
export const RRN_DIGITS = '9001011234568';

const ASCII = '0123456789';
const ENGLISH = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const digitsIn = (zero: number) => (d: string) => String.fromCodePoint(zero + Number(d));
const mapDigits = (s: string, f: (d: string) => string) =>
  [...s].map((c) => (ASCII.includes(c) ? f(c) : c)).join('');

/** The number as someone hiding it would write it. */
export const DISGUISES: Record<string, (s: string) => string> = {
  plain: (s) => s,
  'left-to-right mark': (s) => s.replace('-', '\u200E-'),
  'zero-width space': (s) => s.split('').join('\u200B'),
  'combining grapheme joiner': (s) => s.replace('01-', '0\u034F1-'),
  'Hangul filler': (s) => s.replace('-', '\u3164-'),
  'variation selector': (s) => s.replace('12', '1\uFE0F2'),
  'soft hyphen': (s) => s.replace('0101', '01\u00AD01'),
  'bidi override': (s) => `\u202E${s}\u202C`,
  dots: (s) => s.replace('-', '.'),
  slash: (s) => s.replace('-', '/'),
  'spaced digits': (s) => s.split('').join(' '),
  'back half spaced': (s) => s.replace(/-(\d+)$/, (_, d: string) => ` - ${d.split('').join(' ')}`),
  'in pairs': (s) => (s.replace('-', '').match(/\d{1,2}/g) as string[]).join(' '),
  'spelt and ASCII digits mixed': (s) =>
    s.replace(/^(\d)(\d)(\d)/, (_, a: string, b: string, c: string) => `${spelt(a)}${b}${spelt(c)}`),
  'dotted digits': (s) => s.replace('-', '').split('').join('.'),
  'full-width': (s) => mapDigits(s, digitsIn(0xff10)).replace('-', '－'),
  'Arabic-Indic digits': (s) => mapDigits(s, digitsIn(0x0660)),
  'Devanagari digits': (s) => mapDigits(s, digitsIn(0x0966)),
  'mathematical bold digits': (s) => mapDigits(s, digitsIn(0x1d7ce)),
  'circled digits': (s) =>
    mapDigits(s, (d) => (d === '0' ? '⓪' : String.fromCodePoint(0x2460 + Number(d) - 1))),
  'em dash': (s) => s.replace('-', '—'),
  'spelt in Hangul': (s) => mapDigits(s, (d) => '공일이삼사오육칠팔구'[Number(d)] as string),
  'spelt in hanja': (s) => mapDigits(s, (d) => '〇一二三四五六七八九'[Number(d)] as string),
  'spelt in English': (s) =>
    [...s].map((c) => (c === '-' ? 'dash' : (ENGLISH[Number(c)] as string))).join(' '),
  // As code, URLs and web pages write characters, and as a narrow column wraps the number.
  'JSON escapes': (s) => escapeEach(s, (c) => `\\u${hex(c, 4)}`),
  'URL-encoded': (s) => escapeEach(s, (c) => `%${hex(c, 2)}`),
  'Python bytes': (s) => escapeEach(s, (c) => `\\x${hex(c, 2)}`),
  'HTML references': (s) => escapeEach(s, (c) => `&#${c};`),
  'HTML hex references': (s) => escapeEach(s, (c) => `&#x${hex(c, 2)};`),
  'wrapped after its dash': (s) => s.replace('-', '-\n'),
  'halves on two lines': (s) => s.replace('-', '\n'),
  'said aloud': (s) =>
    `${mapDigits(s, (d) => '공일이삼사오육칠팔구'[Number(d)] as string).replace('-', ' 다시 ')}`,
  'said aloud, the dash named': (s) => s.replace('-', ' 하이픈 '),
  'halves joined by 하고': (s) => s.replace('-', '하고 '),
  'said in halves': (s) => `주민번호 앞자리는 ${s.slice(0, 6)}이고 뒷자리는 ${s.slice(7)}입니다`,
  // As a scan is read (O for 0, l for 1), and as Korean typography and forms join groups.
  'O for 0': (s) => s.replace(/0/g, 'O'),
  'l for 1': (s) => s.replace(/1/g, 'l'),
  'ㅇ for 0': (s) => s.replace(/0/g, 'ㅇ'),
  'O and l, the dash spaced': (s) => s.replace(/0/g, 'O').replace(/1/g, 'l').replace('-', ' - '),
  'a middle dot': (s) => s.replace('-', '·'),
  'an underscore': (s) => s.replace('-', '_'),
  // Markup between its parts, as Markdown and HTML write it.
  'Markdown bold': (s) => s.replace(/-(\d+)$/, (_, d: string) => `-**${d}**`),
  'HTML tags': (s) => s.replace(/^(\d+)-(\d+)$/, '<b>$1</b>-<b>$2</b>'),
  'table cells': (s) => s.replace(/^(\d+)-(\d+)$/, '<td>$1</td><td>$2</td>'),
  // Separators ordinary numbers use too: thousands, ranges, table cells.
  'a comma': (s) => s.replace('-', ','),
  'a tilde with spaces': (s) => s.replace('-', ' ~ '),
  'a bar': (s) => s.replace('-', '|'),
  'a colon': (s) => s.replace('-', ':'),
  'an apostrophe': (s) => s.replace('-', "'"),
  'a semicolon': (s) => s.replace('-', ';'),
  'an equals sign': (s) => s.replace('-', '='),
  'a hash': (s) => s.replace('-', '#'),
  'a tab': (s) => s.replace('-', '\t'),
  'an ampersand': (s) => s.replace('-', '&'),
  'a percent sign': (s) => s.replace('-', '%'),
  'the back half in brackets': (s) => s.replace(/-(\d+)$/, '($1)'),
  'a doubled dash': (s) => s.replace('-', '--'),
  // What Japanese and Korean input methods and word processors put for a dash.
  'a prolonged sound mark': (s) => s.replace('-', 'ー'),
  'a box-drawing line': (s) => s.replace('-', '─'),
  'a heavy minus sign': (s) => s.replace('-', '➖'),
  'arae-a': (s) => s.replace('-', 'ㆍ'),
  base64: (s) => Buffer.from(s).toString('base64'),
  'base64url, without its dash': (s) => Buffer.from(s.replace('-', '')).toString('base64url'),
};

const spelt = (d: string) => '공일이삼사오육칠팔구'[Number(d)] as string;
const hex = (c: number, width: number) => c.toString(16).toUpperCase().padStart(width, '0');
const escapeEach = (s: string, f: (c: number) => string) => [...s].map((c) => f(c.charCodeAt(0))).join('');

/**
 * What a model reads in escapes (JSON's, URLs', Python's bytes, HTML's), decoded here on its own —
 * not by the detector's code, so the oracle does not share its blind spots.
 */
const unescaped = (s: string) =>
  s
    .replace(/\\+u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/(?:%|\\+x)([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/&#(x?)([0-9a-fA-F]+);/g, (_, x: string, n: string) =>
      String.fromCodePoint(Number.parseInt(n, x ? 16 : 10)),
    );

const text = (secret: string) => `신청인 주민등록번호 ${secret} 확인 부탁드립니다`;

/** Where the secret goes: each builds a request body around it. */
export const PLACES: Record<string, (secret: string) => Record<string, unknown>> = {
  'message content': (s) => ({ messages: [{ role: 'user', content: text(s) }] }),
  'system message': (s) => ({
    messages: [
      { role: 'system', content: text(s) },
      { role: 'user', content: '요약' },
    ],
  }),
  'text part': (s) => ({ messages: [{ role: 'user', content: [{ type: 'text', text: text(s) }] }] }),
  'split across parts': (s) => ({
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: s.slice(0, 7) },
          { type: 'text', text: s.slice(7) },
        ],
      },
    ],
  }),
  'split across messages': (s) => ({
    messages: [
      { role: 'user', content: `번호 앞부분 ${s.slice(0, 7)}` },
      { role: 'user', content: `${s.slice(7)} 뒷부분` },
    ],
  }),
  'message name': (s) => ({ messages: [{ role: 'user', name: s, content: '안녕' }] }),
  'assistant refusal': (s) => ({
    messages: [
      { role: 'assistant', content: null, refusal: text(s) },
      { role: 'user', content: '다시' },
    ],
  }),
  'tool call arguments': (s) => ({
    messages: [
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'lookup', arguments: JSON.stringify({ rrn: s }) } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: '없음' },
    ],
  }),
  'tool result': (s) => ({
    messages: [
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: text(s) },
    ],
  }),
  'tool result in parts': (s) => ({
    messages: [{ role: 'tool', tool_call_id: 'c1', content: [{ type: 'text', text: text(s) }] }],
  }),
  'tool call name': (s) => ({
    messages: [
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: s, arguments: '{}' } }],
      },
    ],
  }),
  'legacy function_call arguments': (s) => ({
    messages: [{ role: 'assistant', content: null, function_call: { name: 'lookup', arguments: s } }],
  }),
  'tool description': (s) => ({
    messages: [{ role: 'user', content: '안녕' }],
    tools: [
      {
        type: 'function',
        function: { name: 'lookup', description: text(s), parameters: { type: 'object' } },
      },
    ],
  }),
  'tool parameter description': (s) => ({
    messages: [{ role: 'user', content: '안녕' }],
    tools: [
      {
        type: 'function',
        function: {
          name: 'lookup',
          parameters: { type: 'object', properties: { id: { type: 'string', description: text(s) } } },
        },
      },
    ],
  }),
  'legacy functions': (s) => ({
    messages: [{ role: 'user', content: '안녕' }],
    functions: [{ name: 'f', description: text(s) }],
  }),
  user: (s) => ({ messages: [{ role: 'user', content: '안녕' }], user: s }),
  metadata: (s) => ({ messages: [{ role: 'user', content: '안녕' }], metadata: { customer: s } }),
  stop: (s) => ({ messages: [{ role: 'user', content: '안녕' }], stop: [s] }),
  'response_format schema': (s) => ({
    messages: [{ role: 'user', content: '안녕' }],
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'x', schema: { type: 'object', description: text(s) } },
    },
  }),
  prediction: (s) => ({
    messages: [{ role: 'user', content: '안녕' }],
    prediction: { type: 'content', content: s },
  }),
  'an unknown field': (s) => ({ messages: [{ role: 'user', content: '안녕' }], x_extra: { note: s } }),
  // Keys are text a client chooses too, and a number can be an identifier.
  'a key of an unknown field': (s) => ({
    messages: [{ role: 'user', content: '안녕' }],
    x_extra: { [s]: 1 },
  }),
  'logit_bias key': (s) => ({ messages: [{ role: 'user', content: '안녕' }], logit_bias: { [s]: 1 } }),
  'a top-level field name': (s) => ({ messages: [{ role: 'user', content: '안녕' }], [s]: true }),
  'a key like an identifier': () => ({
    messages: [{ role: 'user', content: '안녕' }],
    x_extra: { [`rrn_${RRN_DIGITS}`]: 1 },
  }),
  'a message field name': (s) => ({ messages: [{ role: 'user', content: '안녕', [s]: 1 }] }),
  'tool parameter name': (s) => ({
    messages: [{ role: 'user', content: '안녕' }],
    tools: [
      {
        type: 'function',
        function: { name: 'lookup', parameters: { type: 'object', properties: { [s]: { type: 'string' } } } },
      },
    ],
  }),
  'response_format property name': (s) => ({
    messages: [{ role: 'user', content: '안녕' }],
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'x', schema: { type: 'object', properties: { [s]: { type: 'string' } } } },
    },
  }),
  'a number (seed)': () => ({ messages: [{ role: 'user', content: '안녕' }], seed: Number(RRN_DIGITS) }),
  'a number in an unknown field': () => ({
    messages: [{ role: 'user', content: '안녕' }],
    x_extra: { ids: [7, Number(RRN_DIGITS)] },
  }),
  'input_text part': (s) => ({
    messages: [{ role: 'user', content: [{ type: 'input_text', text: text(s) }] }],
  }),
  'file part with inline data': (s) => ({
    messages: [
      {
        role: 'user',
        content: [
          { type: 'file', file: { filename: 'a.txt', file_data: Buffer.from(text(s)).toString('base64') } },
        ],
      },
    ],
  }),
  'image part': (s) => ({
    messages: [
      { role: 'user', content: [{ type: 'image_url', image_url: { url: `https://example.com/${s}.png` } }] },
    ],
  }),
};

export const requestArb = fc.record({
  place: fc.constantFrom(...Object.keys(PLACES)),
  disguise: fc.constantFrom(...Object.keys(DISGUISES)),
  stream: fc.boolean(),
});

/**
 * The digits of a request body as a model would read them: disguises folded, digits spelt in
 * English read (on its own, as the escapes are), O and l read as 0 and 1 everywhere (a model reads
 * them so in a number; elsewhere they only add digits between words), everything but digits gone —
 * twice, escapes decoded and as written ("900101%1234568" is a number as written; decoded, %12 is
 * a control character), the two readings apart by a space.
 */
export function digitsReaching(body: string, normalize: (s: string) => string): string {
  let decoded = body;
  // Base64 anywhere (inline file data, text): the model would read it decoded.
  for (const m of body.matchAll(/[A-Za-z0-9+/_-]{8,}/g))
    decoded += ` ${Buffer.from(m[0], 'base64').toString('utf8')}`;
  const digits = (s: string) =>
    normalize(s)
      .replace(/zero|one|two|three|four|five|six|seven|eight|nine/gi, (w) =>
        String(ENGLISH.indexOf(w.toLowerCase())),
      )
      .replace(/[Oo]/g, '0')
      .replace(/[lI]/g, '1')
      .replace(/\D/g, '');
  return `${digits(unescaped(decoded))} ${digits(decoded)}`;
}

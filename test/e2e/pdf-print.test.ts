import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../src/knowledge/parsers/index.js';

/**
 * Korean PDFs as people make them: Chromium's "print to PDF" with a Korean font (Debian's
 * fonts-nanum). Justified text comes out with U+0001 where the word spaces were; the parser
 * must give the words back their spaces. Needs Chromium (see console-browser.test.ts).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_BROWSER = existsSync(CHROMIUM);
if (!HAVE_BROWSER && process.env.JUGWON_TEST_BROWSER === 'required')
  throw new Error(`JUGWON_TEST_BROWSER=required but there is no Chromium at ${CHROMIUM}`);

const PARAGRAPH =
  '연체이자율은 약정이자율에 연 3%를 더한 이율로 한다. 대출 금리는 한국은행 기준금리에 연동하며, 변경 시 고객에게 미리 알린다. ';

async function printed(style: string): Promise<Uint8Array> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setContent(
      `<html lang="ko"><body style="${style}"><p>${PARAGRAPH.repeat(3)}</p><p>상환 방법은 원리금 균등 분할 상환으로 한다.</p></body></html>`,
    );
    return new Uint8Array(await page.pdf({ format: 'A4' }));
  } finally {
    await browser.close();
  }
}

describe.skipIf(!HAVE_BROWSER)('PDFs printed by Chromium', () => {
  it.each([
    ['justified (U+0001 where the spaces were)', "font-family: 'NanumGothic'; text-align: justify"],
    ['left-aligned', "font-family: 'NanumMyeongjo'"],
  ])(
    'keeps the word spaces of Korean text: %s',
    async (_, style) => {
      const [doc] = await parseBytes('약관.pdf', await printed(style));
      const text = (doc?.doc.blocks ?? []).map((b) => ('text' in b ? b.text : '')).join('\n');
      expect(text).toContain('연체이자율은 약정이자율에 연 3%를 더한 이율로 한다.');
      expect(text).toContain('상환 방법은 원리금 균등 분할 상환으로 한다.');
      expect([...text].some((c) => (c.codePointAt(0) as number) < 9)).toBe(false); // no control characters
      expect(text).not.toContain('연체이자율은약정이자율에');
    },
    60_000,
  );
});

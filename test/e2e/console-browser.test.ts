import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { createServer } from '../../src/http/server.js';
import { createApiKey } from '../../src/tenancy/api-keys.js';
import { createTenant } from '../../src/tenancy/tenants.js';
import { createUser } from '../../src/tenancy/users.js';
import { hwpxFixture } from '../support/hwpx-fixture.js';
import { startMockUpstream } from '../support/mock-upstream.js';
import { writeTinyGguf } from '../support/tiny-gguf.js';

/**
 * The web console in real headless Chromium (Debian's, installed by .ci/run) against the real
 * server: an embedded tiny GGUF model and a domestic OpenAI-compatible one. JUGWON_SCREENSHOTS=1
 * saves each screen to docs/screenshots/.
 */
// A shared CI machine can be slow: every wait allows 15 s unless it says otherwise.
const poll = <T>(fn: () => T | Promise<T>, o: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 15_000, ...o });
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Without a Chromium (a developer's laptop), the browser tests are skipped with one line saying
 * how to run them; `.ci/run` sets JUGWON_TEST_BROWSER=required, so there a missing browser fails.
 */
const HAVE_BROWSER = existsSync(CHROMIUM);
if (!HAVE_BROWSER) {
  if (process.env.JUGWON_TEST_BROWSER === 'required')
    throw new Error(
      `JUGWON_TEST_BROWSER=required but there is no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`,
    );
  console.warn(
    `browser tests skipped: no Chromium at ${CHROMIUM}; install it (Debian: apt install chromium) or set CHROMIUM_PATH`,
  );
}
const SHOTS =
  process.env.JUGWON_SCREENSHOTS === '1' ? new URL('../../docs/screenshots/', import.meta.url).pathname : '';

// axe-core, the accessibility rules engine, checks each screen against WCAG 2.1 A and AA and its best practices.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
type Page = import('playwright-core').Page;
async function accessibilityProblems(page: Page, screen: string): Promise<string[]> {
  // Evaluated through the debugging protocol, which the page's script CSP does not govern.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(`${AXE}\n;0`);
  const { violations, passes } = (await page.evaluate(
    `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }).then(r => ({ passes: r.passes.length, violations: r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')) }))`,
  )) as { violations: string[]; passes: number };
  const found = passes > 0 ? violations : ['axe checked nothing'];
  return found.map((f) => `${screen}: ${f}`);
}

/** Presses Tab until the focused element is the named control: it can be reached by keyboard. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      '(document.activeElement?.getAttribute("aria-label") || document.activeElement?.labels?.[0]?.textContent || document.activeElement?.textContent || "").trim()',
    );
    if (focused === name) return;
  }
  throw new Error(`"${name}" cannot be reached with the Tab key`);
}

describe.skipIf(!HAVE_BROWSER)('web console in a browser', () => {
  it('signs in, streams a chat answer, shows what was pseudonymised, inspects PII, switches language', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jugwon-console-'));
    const modelPath = writeTinyGguf(join(dir, 'tiny.gguf'));
    // A domestic model that answers as a bank's assistant would (the screenshots show it): it sees
    // only stand-ins, and writes them into its answer, where the console shows the real values.
    const upstream = await startMockUpstream({
      reply: (text) => {
        const standIns = text.match(/〔[A-Z_]+_\d+〕/g) ?? [];
        if (text.includes('표로'))
          return "**상환 방식 비교**\n\n| 방식 | 특징 |\n| --- | --- |\n| 원리금 균등 | 매달 같은 금액 |\n| 원금 균등 | 이자가 점점 줄어듦 |\n\n- 중도상환 수수료: 1.2%\n- 문의: 영업점\n\n<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";
        if (text.includes('연체'))
          return '연체 이자는 약정 금리에 연 3%를 더한 이율로 계산됩니다(여신규정 제7조). 상환 일정을 조정하시려면 영업점이나 고객센터로 문의해 주세요.';
        if (standIns.length > 0)
          return `${standIns[0]}께 보낼 안내문 초안입니다.\n\n${standIns[0]}, 안녕하세요. 요청하신 대출 상환일 변경이 완료되었습니다. 변경된 상환일은 매월 25일이며, 자세한 내용은 ${standIns[1] ?? '고객센터'}(으)로 문자로도 안내해 드리겠습니다.`;
        return '네, 무엇을 도와드릴까요? 대출, 예금, 카드 업무를 안내해 드립니다.';
      },
    });
    // An answer that streams slowly, to be stopped.
    const slow = await startMockUpstream({
      chunkDelayMs: 100,
      chunkSize: 4,
      reply: () => '천천히 답변하는 중입니다. '.repeat(40),
    });
    const server = await createServer(
      resolveConfig({
        dataDir: join(dir, 'data'),
        models: [
          // One thread: on a small shared CI machine more threads make a tiny model slower.
          { id: 'local', provider: 'llamacpp', path: modelPath, residency: 'onprem', threads: 1 },
          { id: 'cloud-kr', provider: 'openai-compatible', baseUrl: upstream.url, residency: 'domestic' },
          { id: 'slow-kr', provider: 'openai-compatible', baseUrl: slow.url, residency: 'domestic' },
        ],
      }),
      { logger: false },
    );
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    await createTenant(server.store.db, '한빛은행');
    await createUser(server.store.db, '한빛은행', 'kim', {
      role: 'operator',
      password: 'correct horse battery',
    });
    await createApiKey(server.store.db, '한빛은행');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const problems: string[] = [];
    const shot = async (page: Page, name: string, fullPage = true) => {
      problems.push(...(await accessibilityProblems(page, name)));
      if (!SHOTS) return;
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
    };
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
      await page.goto(base);
      // Someone without an account is told what to do.
      await poll(() => page.getByText(/계정이 없으면/).isVisible()).toBe(true);
      await page.getByLabel('테넌트').fill('한빛은행');
      await page.getByLabel('사용자').fill('kim');
      await page.getByLabel('비밀번호').fill('wrong password!!');
      await page.getByRole('button', { name: '로그인' }).click();
      await poll(() => page.getByRole('alert').textContent()).toBe(
        '로그인하지 못했습니다. 기관, 사용자, 비밀번호를 확인해 주세요.',
      );
      await page.getByLabel('비밀번호').fill('correct horse battery');
      await shot(page, 'signin');
      await page.getByRole('button', { name: '로그인' }).click();
      await page.getByRole('heading', { name: '채팅' }).waitFor();

      // The embedded model streams an answer.
      await page.getByLabel('모델').selectOption('local');
      await page.getByLabel('메시지').fill('안녕하세요');
      await page.getByRole('button', { name: '보내기' }).click();
      await poll(async () => (await page.locator('li.assistant').last().textContent())?.length ?? 0, {
        timeout: 30_000,
      }).toBeGreaterThan(0);
      await page.getByTestId('pii-notice').waitFor();
      // A new conversation (the tiny test model's words are random).
      await page.reload();
      await page.getByRole('heading', { name: '채팅' }).waitFor();

      // The domestic model gets stand-ins; the answer shows the real values; the notice says so.
      await page.getByLabel('모델').selectOption('cloud-kr');
      await page.getByLabel('메시지').fill('고객 김민준님(010-2345-6789)께 안내');
      await page.getByRole('button', { name: '보내기' }).click();
      await poll(() => page.getByTestId('pii-notice').textContent(), { timeout: 15_000 }).toContain(
        '가명 처리됨',
      );
      await poll(() => page.locator('li.assistant').last().textContent(), { timeout: 15_000 }).toContain(
        '김민준께 보낼 안내문',
      );
      expect(await page.locator('li.assistant').last().textContent()).toContain('010-2345-6789(으)로');
      expect(await page.locator('li.assistant').last().textContent()).not.toContain('〔');
      // The answer carries the AI Basic Act label the server applied (the tenant's default: on).
      await poll(() => page.locator('li.assistant').last().locator('.ai-label').textContent()).toBe(
        'AI가 생성한 답변입니다',
      );
      // The user's own text shows what was found in it.
      await poll(() => page.locator('li.user mark').count()).toBeGreaterThanOrEqual(1);
      const sent = upstream.received.at(-1) ?? '';
      expect(sent).not.toContain('010-2345-6789');
      expect(sent).toContain('〔PHONE_1〕');
      await shot(page, 'chat');

      // Answers are Markdown, rendered as elements: a table, bold text, a list; raw HTML dropped.
      await page.getByLabel('메시지').fill('상환 방식을 표로 정리해 주세요');
      await page.getByRole('button', { name: '보내기' }).click();
      await poll(() => page.locator('li.assistant').last().locator('table td').count()).toBe(4);
      expect(await page.locator('li.assistant').last().locator('strong').textContent()).toBe(
        '상환 방식 비교',
      );
      expect(await page.locator('li.assistant').last().locator('ul li').count()).toBe(2);
      expect(await page.locator('li.assistant img, li.assistant script').count()).toBe(0);
      expect(await page.title()).not.toBe('pwned');
      // Copy puts the answer's text on the clipboard.
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.locator('li.assistant').last().getByRole('button', { name: '복사' }).click();
      await poll(() => page.evaluate('navigator.clipboard.readText()')).toContain('| 원리금 균등 |');
      // Regenerate asks the last question again, in place of its answer.
      const asked = upstream.received.length;
      const turns = await page.locator('ol.turns > li').count();
      await page.getByRole('button', { name: '다시 생성' }).click();
      await poll(() => upstream.received.length).toBe(asked + 1);
      await poll(() => page.locator('li.assistant').last().locator('table td').count()).toBe(4);
      expect(await page.locator('ol.turns > li').count()).toBe(turns);
      // Enter sends; while an input method is still composing a syllable, Enter does not.
      await page.getByLabel('메시지').fill('안녕하세요 반갑습니다');
      // Evaluated in the page (its KeyboardEvent), as a composing input method sends it.
      await page.evaluate(
        "document.querySelector('textarea').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true }))",
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(await page.locator('ol.turns > li').count()).toBe(turns);
      await page.getByLabel('메시지').press('Enter');
      await poll(() => page.locator('ol.turns > li').count()).toBe(turns + 2);
      // A slow answer can be stopped; what came so far stays, marked as stopped.
      await page.getByLabel('모델').selectOption('slow-kr');
      await page.getByLabel('메시지').fill('천천히 답해 주세요');
      await page.getByRole('button', { name: '보내기' }).click();
      await poll(
        async () => (await page.locator('li.assistant').last().textContent())?.length ?? 0,
      ).toBeGreaterThan(3);
      await page.getByRole('button', { name: '중지' }).click();
      await poll(() => page.locator('li.assistant').last().textContent()).toContain('답변을 중지했습니다');
      await page.getByRole('button', { name: '보내기' }).waitFor();
      await poll(() => slow.aborted()).toBe(1);
      // The server keeps the conversation: after a reload it is in the list, titled without the
      // personal data in its first question, and opens again.
      await page.reload();
      await page.getByRole('heading', { name: '채팅' }).waitFor();
      const kept = page.getByRole('navigation', { name: '대화 목록' });
      await poll(() =>
        kept.getByRole('button', { name: '고객 〔PERSON〕님(〔PHONE〕)께 안내', exact: true }).count(),
      ).toBe(1);
      await kept.getByRole('button', { name: '고객 〔PERSON〕님(〔PHONE〕)께 안내', exact: true }).click();
      await poll(() => page.locator('li.assistant').first().textContent()).toContain('김민준께 보낼 안내문');
      await poll(() => page.locator('ol.turns > li').count()).toBe(turns + 2);
      await kept.getByRole('button', { name: '이름 바꾸기: 고객 〔PERSON〕님(〔PHONE〕)께 안내' }).click();
      await kept.getByLabel('대화 이름').fill('상환일 안내');
      await kept.getByRole('button', { name: '저장' }).click();
      await poll(() => kept.getByRole('button', { name: '상환일 안내', exact: true }).count()).toBe(1);
      await kept.getByRole('button', { name: '삭제: 상환일 안내' }).click();
      await poll(() => kept.getByRole('button', { name: '상환일 안내', exact: true }).count()).toBe(0);
      await poll(() => page.locator('ol.turns > li').count()).toBe(0);
      await page.getByLabel('모델').selectOption('cloud-kr');

      await page.getByRole('button', { name: '개인정보 검사' }).click();
      await page.getByLabel('텍스트').fill('담당 이서연 과장 010-2345-6789, 계좌 국민은행 123456-78-901234');
      await page.getByRole('button', { name: '검사', exact: true }).click();
      await poll(() => page.locator('mark').count()).toBeGreaterThanOrEqual(2);
      await poll(() => page.getByTestId('pii-masked').textContent()).toContain('〔PHONE_1〕');
      await shot(page, 'pii');

      // Documents: upload an HWPX made here, see it listed, find it by search.
      await page.getByRole('button', { name: '문서' }).click();
      await page.getByLabel('컬렉션', { exact: true }).fill('내규');
      await page.getByLabel('파일 선택').setInputFiles([
        {
          name: '여신규정.hwpx',
          mimeType: 'application/octet-stream',
          buffer: Buffer.from(
            hwpxFixture({
              paragraphs: [
                '제7조(연체) 연체 이자는 약정 금리에 3%를 더한다.',
                '제8조(문의) 여신 담당 박서준(010-3456-7890)에게 문의한다.',
              ],
            }),
          ),
        },
        { name: 'broken.hwpx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip') },
      ]);
      await poll(() => page.locator('.uploads li.done').count(), { timeout: 15_000 }).toBe(1);
      await poll(() => page.locator('.uploads li.error').textContent()).toContain('not a readable zip');
      await poll(() => page.getByRole('row', { name: /여신규정\.hwpx/ }).textContent()).toContain('색인됨');
      // A file that fails in an existing collection stays listed as failed, with the reason.
      await page
        .getByLabel('파일 선택')
        .setInputFiles([
          { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 broken') },
        ]);
      await poll(() => page.getByRole('row', { name: /scan\.pdf/ }).textContent()).toContain('실패');
      await page.getByLabel('컬렉션 검색').fill('연체 이자는 얼마인가요');
      await page.getByRole('button', { name: '검색', exact: true }).click();
      await poll(() => page.getByTestId('hits').textContent()).toContain('약정 금리에 3%');
      await shot(page, 'documents');
      await page.getByRole('button', { name: '목록에서 지우기: scan.pdf' }).click();
      await poll(() => page.getByRole('row', { name: /scan\.pdf/ }).count()).toBe(0);

      // Chat grounded in the collection: citations that open the source passage.
      await page.getByRole('button', { name: '채팅' }).click();
      await page.getByLabel('모델').selectOption('cloud-kr');
      await page.getByLabel('근거 문서 (컬렉션)').selectOption('내규');
      await page.getByLabel('메시지').fill('연체 이자는 어떻게 되나요?');
      await page.getByRole('button', { name: '보내기' }).click();
      await page.getByTestId('citations').getByText('여신규정.hwpx').click();
      await poll(() => page.getByTestId('citations').locator('blockquote').textContent()).toContain(
        '약정 금리에 3%',
      );
      await shot(page, 'chat-citations');

      // Usage: charts and the table of what was just used.
      await page.getByRole('button', { name: '사용량' }).click();
      await poll(() => page.getByTestId('usage-table').textContent()).toContain('cloud-kr');
      // Chart.js draws on a canvas; its text alternative carries every figure.
      await poll(() => page.locator('figure.chart canvas').first().getAttribute('aria-label')).toMatch(
        /^일별 요청 수 \(모델별\): \d\d-\d\d cloud-kr 5; \d\d-\d\d local 1; \d\d-\d\d slow-kr 1$/,
      );
      await shot(page, 'usage');

      // Evaluations: a run started here on a chosen model; its results show per suite.
      await page.getByRole('button', { name: '모델 평가' }).click();
      await page.getByLabel('평가 모음').selectOption('finance-exam.jsonl');
      await page.getByRole('checkbox', { name: 'cloud-kr' }).check();
      await page.getByRole('checkbox', { name: 'local' }).check(); // scored by log-likelihood
      await page.getByRole('button', { name: '평가 시작' }).click();
      await poll(() => page.getByTestId('eval-jobs').textContent(), { timeout: 20_000 }).toContain('완료');
      await poll(() => page.getByTestId('eval-finance-exam').textContent()).toContain('cloud-kr');
      await poll(() => page.getByTestId('eval-finance-exam').textContent()).toContain('local');
      await page.getByRole('cell', { name: '예금' }).first().waitFor(); // accuracy per category
      await page.getByRole('button', { name: '문항별 차이' }).first().click();
      await poll(() => page.locator('figure figcaption').last().textContent()).toContain('문항별 차이');
      await shot(page, 'evals');

      // Audit: the chain verifies.
      await page.getByRole('button', { name: '감사 기록' }).click();
      await page.getByRole('button', { name: '조회' }).click();
      await poll(() => page.locator('tbody tr').count()).toBeGreaterThan(3);
      // Times on the reader's clock, in Korean, with the stored UTC instant kept in the markup.
      const when = page.locator('tbody tr time').first();
      expect(await when.getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
      expect(await when.textContent()).toMatch(
        /^\d{4}\. \d{1,2}\. \d{1,2}\. (오전|오후) \d{1,2}:\d{2}:\d{2}$/,
      );
      await page.getByRole('button', { name: '체인 검증' }).click();
      await poll(() => page.getByTestId('verify-result').textContent()).toContain('검증 성공');
      await shot(page, 'audit');

      // The monthly access-record review: the report opens, the sign-off is recorded in the trail.
      await page.getByLabel('점검 의견').fill('이상 없음');
      await page.getByRole('button', { name: '점검 확인 서명' }).click();
      await poll(() => page.getByTestId('signoff-result').textContent()).toContain(
        '서명이 감사 기록에 남았습니다',
      );
      const reportHref = await page.getByRole('link', { name: '보고서 열기' }).getAttribute('href');
      expect(await page.evaluate(`fetch(${JSON.stringify(reportHref)}).then((r) => r.text())`)).toContain(
        '개인정보처리시스템 접속기록 점검 보고서',
      );

      // A data subject's request: a phone number in an uploaded document is found however it is
      // written, then erased.
      await page.getByRole('button', { name: '정보주체 요청' }).click();
      await page.getByLabel('찾을 값 (주민등록번호·전화번호·이메일·이름)').fill('01034567890');
      await page.getByLabel('요청 번호').fill('민원-2026-0042');
      await page.getByRole('button', { name: '찾기' }).click();
      await poll(() => page.getByTestId('subject-summary').textContent()).toContain('문서 컬렉션 1');
      await page
        .getByRole('cell', { name: /«010-3456-7890»/ })
        .first()
        .waitFor();
      await shot(page, 'subjects');
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: '삭제', exact: true }).click();
      await poll(() => page.getByTestId('subject-summary').textContent()).toContain('건 삭제됨');
      await page.getByRole('button', { name: '찾기' }).click();
      await poll(() => page.getByTestId('subject-summary').textContent()).toContain('0 건 발견');

      // Keys: created (shown once), then revoked.
      await page.getByRole('button', { name: 'API 키' }).click();
      await page.getByLabel('테넌트').fill('한빛은행');
      await page.getByLabel('이름').fill('batch');
      await page.getByRole('button', { name: '키 만들기' }).click();
      await poll(() => page.getByTestId('new-key').textContent()).toMatch(/^jg_[0-9a-f]{16}_/);
      const newKey = (await page.getByTestId('new-key').textContent()) as string;
      const models = await fetch(`${base}/v1/models`, { headers: { authorization: `Bearer ${newKey}` } });
      expect(models.status).toBe(200);
      await shot(page, 'keys');
      await page.getByRole('row', { name: /batch/ }).getByRole('button', { name: '폐기' }).click();
      await poll(() => page.getByRole('row', { name: /batch/ }).textContent()).toContain('폐기됨');
      expect(
        (await fetch(`${base}/v1/models`, { headers: { authorization: `Bearer ${newKey}` } })).status,
      ).toBe(401);

      // Administration: models with residency and health, tenants with their policy, users.
      await page.getByRole('button', { name: '관리' }).click();
      await poll(() => page.getByTestId('models').textContent()).toContain('cloud-kr');
      const tenantForm = page.locator('form', { has: page.getByRole('button', { name: '테넌트 만들기' }) });
      await tenantForm.getByLabel('새 테넌트').fill('bank-c');
      await tenantForm.getByRole('combobox').selectOption('finance-sandbox');
      await page.getByRole('button', { name: '테넌트 만들기' }).click();
      await poll(() => page.getByTestId('tenants').textContent()).toContain('bank-c');
      await page.getByLabel('한빛은행 정책').selectOption('open');
      await poll(
        async () =>
          (
            await server.store.db
              .selectFrom('tenants')
              .select('policy_preset')
              .where('name', '=', '한빛은행')
              .executeTakeFirst()
          )?.policy_preset,
      ).toBe('open');
      const userForm = page.locator('form', { has: page.getByRole('button', { name: '사용자 만들기' }) });
      await userForm.getByLabel('테넌트').fill('bank-c');
      await userForm.getByLabel('새 사용자').fill('lee');
      await userForm.getByRole('combobox').selectOption('compliance');
      await userForm.getByLabel('비밀번호 (12자 이상, 선택)').fill('another long password');
      await page.getByRole('button', { name: '사용자 만들기' }).click();
      await poll(() => page.getByTestId('users').textContent()).toContain('lee');
      // A forgotten password: the administrator sets a new one.
      await page.getByRole('row', { name: /lee/ }).getByRole('button', { name: '비밀번호 재설정' }).click();
      await page.getByLabel('새 비밀번호 (12자 이상)').fill('a brand new password');
      await page.getByRole('button', { name: '설정', exact: true }).click();
      await poll(() => page.getByRole('status').textContent()).toContain('비밀번호를 재설정했습니다');
      const lee = await fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: 'bank-c', user: 'lee', password: 'a brand new password' }),
      });
      expect(lee.status).toBe(200);
      await page.getByRole('row', { name: /lee/ }).getByRole('button', { name: '사용 중지' }).click();
      await poll(() => page.getByRole('row', { name: /lee/ }).textContent()).toContain('중지됨');
      await shot(page, 'admin');

      // The user's own password.
      await page.getByRole('button', { name: '내 계정' }).click();
      await page.getByLabel('현재 비밀번호').fill('correct horse battery');
      await page.getByLabel('새 비밀번호 (12자 이상)').fill('staple battery horse');
      await page.getByLabel('새 비밀번호 확인').fill('staple battery horsy');
      await page.getByRole('button', { name: '비밀번호 변경' }).click();
      await poll(() => page.getByRole('alert').textContent()).toContain('일치하지 않습니다');
      await page.getByLabel('새 비밀번호 확인').fill('staple battery horse');
      await page.getByRole('button', { name: '비밀번호 변경' }).click();
      await poll(() => page.getByRole('status').textContent()).toContain('비밀번호를 바꿨습니다');
      await shot(page, 'account');

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'My account' }).waitFor();
      await page.getByRole('button', { name: 'PII inspector' }).click();
      await page.getByRole('heading', { name: 'PII inspector' }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      // Signed out on the server too: the old session no longer works.
      await page.reload();
      await page.getByRole('button', { name: '로그인' }).waitFor();

      // The keyboard alone: sign in with the new password, move between screens, act.
      await tabTo(page, '테넌트');
      await page.keyboard.type('한빛은행');
      await tabTo(page, '사용자');
      await page.keyboard.type('kim');
      await tabTo(page, '비밀번호');
      await page.keyboard.type('staple battery horse');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: '채팅' }).waitFor();
      await tabTo(page, '개인정보 검사');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: '개인정보 검사' }).waitFor();
      await tabTo(page, '텍스트');
      await page.keyboard.type('주민번호 900101-1234568');
      await tabTo(page, '검사');
      await page.keyboard.press('Enter');
      await poll(() => page.getByTestId('pii-masked').textContent()).toContain('〔KR_RRN_1〕');

      // On a phone-sized screen every page fits its width (wide tables scroll in their own box).
      await page.setViewportSize({ width: 390, height: 844 });
      const overflowing: string[] = [];
      for (const screen of [
        '채팅',
        '문서',
        '개인정보 검사',
        '사용량',
        '모델 평가',
        '감사 기록',
        '정보주체 요청',
        'API 키',
        '관리',
        '내 계정',
      ]) {
        await page.getByRole('button', { name: screen, exact: true }).click();
        await page.getByRole('heading', { level: 2, name: screen }).waitFor();
        const wide = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        if ((wide as number) > 0) overflowing.push(`${screen}: ${wide}px`);
      }
      await page.getByRole('button', { name: '감사 기록', exact: true }).click();
      await page.getByRole('button', { name: '조회' }).click();
      await poll(() => page.locator('tbody tr').count()).toBeGreaterThan(3);
      if (((await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number) > 0)
        overflowing.push('감사 기록 with records');
      await shot(page, 'audit-phone', false);
      expect(overflowing).toEqual([]);

      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
      await upstream.close();
      await slow.close();
    }
  }, 180_000);
});

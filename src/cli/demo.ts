import { createInterface } from 'node:readline/promises';
import { createStreamRestorer, detect, mask } from '../privacy/index.js';
import { formatEntities } from './pii-scan.js';

const SAMPLE =
  '고객 김민준님(주민등록번호 900101-1234568)의 연락처는 010-1234-5678, 이메일 minjun.kim@example.co.kr 입니다. ' +
  '환불 계좌: 국민은행 123456-12-123456, 주소: 서울특별시 강남구 테헤란로 152, 101동 1203호.';

function show(text: string, out: NodeJS.WritableStream): void {
  const entities = detect(text);
  out.write(formatEntities(text, entities));
  if (entities.length === 0) return;
  const tagged = mask(text, { entities });
  out.write(`\n가명 처리 (tag):       ${tagged.text}\n`);
  const fake = mask(text, { entities, mode: 'surrogate' });
  out.write(`가명 처리 (surrogate): ${fake.text}\n`);
  // What a model's streamed answer looks like once the gateway restores it, token by token.
  const restorer = createStreamRestorer(tagged.vault);
  const answer = `확인했습니다: ${tagged.text}`;
  let restored = '';
  for (let i = 0; i < answer.length; i += 3) restored += restorer.push(answer.slice(i, i + 3));
  restored += restorer.flush();
  out.write(`스트림 복원:           ${restored}\n\n`);
}

/** `npm start` until the gateway exists: paste Korean text, see what jugwon would protect. */
export async function runDemo(
  input: NodeJS.ReadableStream,
  out: NodeJS.WritableStream,
  interactive: boolean,
): Promise<void> {
  out.write('jugwon 개인정보 탐지 데모 — personal-data demo\n\n예시 문장:\n');
  out.write(`${SAMPLE}\n\n`);
  show(SAMPLE, out);
  const rl = createInterface({ input, output: interactive ? out : undefined, terminal: interactive });
  if (interactive) {
    out.write('문장을 입력하세요 (Ctrl+D로 종료). Type a sentence (Ctrl+D to quit).\n');
    rl.setPrompt('> ');
    rl.prompt();
  }
  for await (const line of rl) {
    if (line.trim() !== '') show(line, out);
    if (interactive) rl.prompt();
  }
}

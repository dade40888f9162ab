import { JugwonError } from '../core/errors.js';
// The detector alone, not the privacy barrel: masking and its vault (node:crypto) are not
// loaded by a scan's start-up.
import type { Detector } from '../privacy/engine.js';
import { detectorFromConfig } from '../privacy/from-config.js';
import type { Entity } from '../privacy/types.js';
import type { PseudonymMode } from '../privacy/vault.js';
import { configFromOptions } from './config.js';
import { write } from './io.js';
import { readLines } from './lines.js';

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface CommonOptions {
  config?: string;
  threshold?: string;
  types?: string;
}

function parseThreshold(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(n >= 0 && n <= 1))
    throw new JugwonError('JG_USAGE', { problem: `--threshold must be a number from 0 to 1, got "${v}"` });
  return n;
}

/** The detector of the configuration (--config, else ./jugwon.yaml: its allow/deny lists and recognisers apply). */
export function buildDetector(o: CommonOptions): { detector: Detector; mode: PseudonymMode } {
  const config = configFromOptions(o.config);
  const threshold = parseThreshold(o.threshold);
  const types = o.types
    ?.split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const detector = detectorFromConfig(config.privacy, {
    ...(threshold !== undefined ? { threshold } : {}),
    ...(types ? { types } : {}),
  });
  return { detector, mode: config.privacy.mode };
}

/** JSON.parse messages quote the input; errors must never carry the user's text, so keep the position only. */
function jsonProblem(e: unknown): string {
  const at = /position (\d+)/.exec((e as Error).message);
  if (/end of JSON input/.test((e as Error).message)) return 'the line ends before the JSON value does';
  return at ? `invalid JSON at character ${Number(at[1]) + 1}` : 'invalid JSON';
}

const HAS_LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `jugwon pii scan --jsonl`: one output line per input line, same order. Returns the exit code. */
export async function scanJsonl(
  detector: Detector,
  input: AsyncIterable<Buffer>,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): Promise<number> {
  let failures = 0;
  const fail = async (id: unknown, e: JugwonError) => {
    failures++;
    err.write(`jugwon: ${e.code}: ${e.message}\n`);
    await write(out, `${JSON.stringify({ id: id ?? null, error: { code: e.code, message: e.message } })}\n`);
  };
  for await (const line of readLines(input, maxLineBytes)) {
    if (line.kind === 'too-long') {
      await fail(
        null,
        new JugwonError('JG_INPUT_TOO_LARGE', { what: `Line ${line.number}`, limit: maxLineBytes }),
      );
      continue;
    }
    if (line.kind === 'not-text') {
      await fail(null, new JugwonError('JG_INPUT_NOT_TEXT', { source: `Line ${line.number}` }));
      continue;
    }
    if (line.text.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line.text);
    } catch (e) {
      await fail(
        null,
        new JugwonError('JG_INPUT_INVALID_JSON', { line: line.number, problem: jsonProblem(e) }),
      );
      continue;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      await fail(
        null,
        new JugwonError('JG_INPUT_INVALID_JSON', { line: line.number, problem: 'not an object' }),
      );
      continue;
    }
    const { id, text } = record as { id?: unknown; text?: unknown };
    if (typeof text !== 'string') {
      await fail(
        id,
        new JugwonError('JG_INPUT_INVALID_RECORD', { line: line.number, problem: '"text" must be a string' }),
      );
      continue;
    }
    if (HAS_LONE_SURROGATE.test(text)) {
      err.write(`jugwon: line ${line.number}: text has unpaired UTF-16 surrogates; scanned as is.\n`);
    }
    const entities = detector.detect(text);
    await write(out, `${JSON.stringify({ id: id ?? null, entities })}\n`);
  }
  return failures > 0 ? 1 : 0;
}

function lineCol(text: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return [line, offset - lineStart + 1];
}

export function formatEntities(text: string, entities: readonly Entity[]): string {
  if (entities.length === 0) return 'No personal data found.\n';
  const rows = entities.map((e) => {
    const [l, c] = lineCol(text, e.start);
    return [`${l}:${c}`, e.type, e.category, e.score.toFixed(2), e.text.replace(/\s+/g, ' ')];
  });
  const header = ['where', 'type', 'category', 'score', 'text'];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[header, ...rows].map((r) => (r[i] as string).length)));
  const fmt = (r: string[]) => r.map((v, i) => (i < 4 ? v.padEnd(widths[i] as number) : v)).join('  ');
  const counts = new Map<string, number>();
  for (const e of entities) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  const summary = [...counts].map(([t, n]) => `${t} ${n}`).join(', ');
  return `${[fmt(header), ...rows.map(fmt)].join('\n')}\n\n${entities.length} entities: ${summary}\n`;
}

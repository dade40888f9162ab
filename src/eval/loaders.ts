import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { JugwonError } from '../core/errors.js';
import {
  type EvalItem,
  FORMATS,
  LETTERS,
  lettered,
  type Protocol,
  PUBLISHED_SHOTS,
  type Suite,
  type SuiteFormat,
} from './suite.js';

/**
 * Loaders for the published Korean benchmarks, from files the user provides. Every row becomes
 * an item or an error naming its file and line: nothing is dropped or merged silently.
 */
type Row = Record<string, unknown> & { __line: number };

const bad = (file: string, line: number | undefined, problem: string) =>
  new JugwonError('JG_SUITE_INVALID', { file, ...(line ? { line } : {}), problem });

/** Rows of a CSV/TSV/JSON/JSONL/Parquet file, each with the line (or row number) it came from. */
async function readRows(file: string): Promise<Row[]> {
  const ext = extname(file).toLowerCase();
  if (ext === '.parquet') {
    const { parquetReadObjects } = await import('hyparquet');
    const bytes = readFileSync(file);
    try {
      const rows = (await parquetReadObjects({
        file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      })) as Record<string, unknown>[];
      return rows.map((r, i) => ({ ...r, __line: i + 1 }));
    } catch (e) {
      throw bad(file, undefined, `not a readable Parquet file (${(e as Error).message})`);
    }
  }
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  if (ext === '.jsonl') {
    const rows: Row[] = [];
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        const v = JSON.parse(line) as unknown;
        if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
        rows.push({ ...(v as Record<string, unknown>), __line: i + 1 });
      } catch {
        throw bad(file, i + 1, 'not a JSON object');
      }
    });
    return rows;
  }
  if (ext === '.json') {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw bad(file, undefined, `not valid JSON (${(e as Error).message})`);
    }
    const list = Array.isArray(v) ? v : (v as { data?: unknown })?.data;
    if (!Array.isArray(list)) throw bad(file, undefined, 'expected a JSON array of items');
    return list.map((r, i) => ({ ...(r as Record<string, unknown>), __line: i + 1 }));
  }
  if (ext === '.csv' || ext === '.tsv') {
    try {
      const records = parseCsv(text, {
        columns: true,
        delimiter: ext === '.tsv' ? '\t' : ',',
        skip_empty_lines: true,
        relax_quotes: false,
        info: true,
      }) as { record: Record<string, string>; info: { lines: number } }[];
      return records.map(({ record, info }) => ({ ...record, __line: info.lines }));
    } catch (e) {
      const line = (e as { lines?: number }).lines;
      throw bad(file, line, `not valid ${ext.slice(1).toUpperCase()} (${(e as Error).message})`);
    }
  }
  throw bad(file, undefined, `unsupported file type "${ext || 'none'}" (csv, tsv, json, jsonl, parquet)`);
}

function text(file: string, row: Row, column: string): string {
  const v = row[column];
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === ''))
    throw bad(file, row.__line, `missing "${column}"`);
  return String(v);
}

function answerNumber(file: string, row: Row, column: string, count: number, base: 0 | 1): number {
  const raw = text(file, row, column).trim();
  const n = /^\d+$/.test(raw) ? Number(raw) - base : LETTERS.indexOf(raw.replace(/[()]/g, '') as 'A');
  if (!Number.isInteger(n) || n < 0 || n >= count)
    throw bad(file, row.__line, `answer "${raw}" is out of range (${count} choices)`);
  return n;
}

/** A list column: a real array, or its text form ("['a', 'b']" as datasets export it). */
function list(file: string, row: Row, column: string): string[] {
  const v = row[column];
  if (Array.isArray(v)) return v.map(String);
  const s = text(file, row, column).trim();
  try {
    const parsed = JSON.parse(s.startsWith("['") || s.startsWith('["') ? s.replace(/'/g, '"') : s) as unknown;
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    /* fall through */
  }
  throw bad(file, row.__line, `"${column}" must be a list of choices`);
}

const UNKNOWN = /알 수 없|모름|모른다|판단할 수 없|정보가 부족|확인할 수 없/;
const stem = (file: string) => basename(file).replace(/\.[^.]+$/, '');

interface Loaded {
  item: Omit<EvalItem, 'key'>;
  /** KoBBQ: what a permuted prompt is rebuilt from. */
  context?: string;
  question?: string;
}

/** KoBBQ's prompt 1 (evaluation/0_evaluation_prompts.tsv of the publisher), with the choices as given. */
function kobbqPrompt(context: string, question: string, choices: readonly string[]): string {
  const labels = LETTERS.slice(0, choices.length);
  return `주어진 맥락을 천천히 읽고, 질문에 대한 적절한 정답을 ${labels.join(', ')} 중에 골라 알파벳 하나로 답하시오.\n\n맥락: ${context.trim()}\n질문: ${question.trim()}\n${choices.map((c, i) => `${labels[i]}: ${c}`).join('\n')}\n정답:`;
}

/**
 * The publisher's three orderings of a sample's choices: the rows of the circulant matrix of the
 * choices (scipy.linalg.circulant in evaluation/1_preprocess.py): [a,c,b], [b,a,c], [c,b,a].
 */
export function circulantOrders(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (((i - j) % n) + n) % n));
}

/** A KoBBQ item asked with its choices in `order` (indices into the original choices). */
function reordered(item: EvalItem, l: Loaded, order: number[], i: number): EvalItem {
  const choices = order.map((k) => item.choices[k] as string);
  const at = (k: number) => (k < 0 ? -1 : order.indexOf(k));
  const bias = item.bias as NonNullable<EvalItem['bias']>;
  return {
    ...item,
    key: `${item.key}-${i}`,
    ...(item.id ? { id: `${item.id}-${i}` } : {}),
    prompt: kobbqPrompt(l.context ?? '', l.question ?? '', choices),
    choices,
    answer: at(item.answer),
    bias: { ...bias, biased: at(bias.biased), unknown: at(bias.unknown) },
  };
}

const LOADERS: Record<SuiteFormat, (file: string, row: Row) => Loaded> = {
  // KMMLU (HAERAE-HUB/KMMLU): question, A-D, answer 1-4, Category; one file per subject.
  kmmlu(file, row) {
    const choices = ['A', 'B', 'C', 'D'].map((c) => text(file, row, c));
    return {
      item: {
        prompt: lettered(text(file, row, 'question'), choices),
        labels: ['A', 'B', 'C', 'D'],
        choices,
        answer: answerNumber(file, row, 'answer', 4, 1),
        category: String(row.Category ?? row.category ?? stem(file).replace(/-(test|dev|train)$/, '')),
      },
    };
  },
  // KorMedMCQA (sean0042/KorMedMCQA): subject, question, A-E, answer 1-5.
  kormedmcqa(file, row) {
    const columns = ['A', 'B', 'C', 'D', 'E'].filter((c) => row[c] !== undefined && String(row[c]) !== '');
    if (columns.length < 2) throw bad(file, row.__line, 'needs choice columns A, B, C, D, E');
    const choices = columns.map((c) => text(file, row, c));
    return {
      item: {
        prompt: lettered(text(file, row, 'question'), choices),
        labels: columns,
        choices,
        answer: answerNumber(file, row, 'answer', choices.length, 1),
        category: String(row.subject ?? stem(file)),
      },
    };
  },
  // HAE-RAE Bench (HAERAE-HUB/HAE_RAE_BENCH): query holds the question and its (A)…(E) options.
  haerae(file, row) {
    const query = text(file, row, 'query');
    // Always the five labels (A)–(E), as the harness task scores every item (four-option items too).
    const labels = LETTERS.slice(0, 5).map((l) => `(${l})`);
    return {
      item: {
        prompt: query.trimEnd(),
        labels,
        choices: labels,
        answer: answerNumber(file, row, 'answer', 5, 1),
        category: String(row.category ?? row.subset ?? stem(file)),
      },
    };
  },
  // CLIcK: paragraph, question, choices, answer (the right choice's text); category from the id.
  click(file, row) {
    const choices = list(file, row, 'choices');
    const answerText = text(file, row, 'answer');
    const answer = choices.indexOf(answerText);
    if (answer < 0) throw bad(file, row.__line, `answer "${answerText}" is not one of the choices`);
    const paragraph = row.paragraph ? String(row.paragraph) : '';
    const question = text(file, row, 'question');
    const labels = LETTERS.slice(0, choices.length);
    const id = row.id ? String(row.id) : '';
    return {
      item: {
        ...(id ? { id } : {}),
        prompt: clickPrompt(paragraph, question, choices),
        labels: [...labels],
        choices,
        // Scored by the likelihood of each choice's text, as the harness's CLIcK tasks do.
        continuations: choices.map((c) => ` ${c}`),
        answer,
        category: id ? id.replace(/_\d+$/, '') : stem(file),
      },
    };
  },
  // KoBBQ: sample_id (category-…-amb|dis-bsd|cnt), context, question, choices, biased_answer, answer.
  kobbq(file, row) {
    const id = text(file, row, 'sample_id');
    const choices = list(file, row, 'choices');
    const answerText = text(file, row, 'answer');
    const answer = choices.indexOf(answerText);
    if (answer < 0) throw bad(file, row.__line, `answer "${answerText}" is not one of the choices`);
    const biased = choices.indexOf(text(file, row, 'biased_answer'));
    if (biased < 0) throw bad(file, row.__line, 'biased_answer is not one of the choices');
    // category-template(variant)-target-amb|dis-bsd|cnt, e.g. age-001a-001-amb-bsd.
    const fields = id.split('-');
    const kind = fields[3];
    const variant = fields[1]?.slice(-1);
    if ((kind !== 'amb' && kind !== 'dis') || !variant || !/^(bsd|cnt)$/.test(fields[4] ?? ''))
      throw bad(file, row.__line, `sample_id "${id}" is not category-template-target-amb|dis-bsd|cnt`);
    // The "unknown" choice: the right answer of an ambiguous context; in a disambiguated one,
    // the choice that says so in words (-1 if none does: its scores do not need it).
    const unknown = kind === 'amb' ? answer : choices.findIndex((c) => UNKNOWN.test(c));
    const labels = LETTERS.slice(0, choices.length);
    const prompt = kobbqPrompt(text(file, row, 'context'), text(file, row, 'question'), choices);
    return {
      item: {
        id,
        prompt,
        labels: [...labels],
        choices,
        answer,
        category: id.split('-')[0] ?? 'unknown',
        bias: {
          context: kind === 'amb' ? 'ambiguous' : 'disambiguated',
          // The publisher's rule (evaluation/5_evaluation.py): variant b or d → biased context.
          contextType: variant === 'b' || variant === 'd' ? 'biased' : 'counter-biased',
          biased,
          unknown,
        },
      },
      context: text(file, row, 'context'),
      question: text(file, row, 'question'),
    };
  },
  // jugwon's own: {"id","question","choices":[...],"answer":i,"category"?} (answer from 0).
  'mcq-jsonl'(file, row) {
    const choices = list(file, row, 'choices');
    if (choices.length < 2 || choices.length > LETTERS.length)
      throw bad(file, row.__line, `"choices" needs 2 to ${LETTERS.length} entries`);
    const raw = row.answer;
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw >= choices.length)
      throw bad(file, row.__line, `"answer" must be a choice index from 0 to ${choices.length - 1}`);
    return {
      item: {
        id: text(file, row, 'id'),
        prompt: lettered(text(file, row, 'question'), choices),
        labels: [...LETTERS.slice(0, choices.length)],
        choices,
        answer: raw,
        category: row.category ? String(row.category) : 'all',
      },
    };
  },
};

/**
 * CLIcK's prompt, as its paper and the harness's click_cul / click_lang tasks write it: one
 * instruction with a context, another without; the choices on one line ("A:…, B: …").
 */
export function clickPrompt(paragraph: string, question: string, choices: readonly string[]): string {
  const labels = LETTERS.slice(0, choices.length);
  const options = choices.map((c, i) => (i === 0 ? `${labels[i]}:${c}` : `${labels[i]}: ${c}`)).join(', ');
  const pick = `${labels.join(', ')} 중에 골라 알파벳 하나로 답하시오.`;
  return paragraph
    ? `주어진 맥락을 천천히 읽고, 질문에 대한 적절한 정답을 ${pick}\n\n맥락: ${paragraph}\n질문: ${question}\n보기:\n${options}\n정답:`
    : `주어진 질문을 천천히 읽고, 적절한 정답을 ${pick}\n\n질문: ${question}\n보기:\n${options}\n정답:`;
}

/** The format from the files' columns, when the user did not give one. */
function detect(file: string, rows: Row[]): SuiteFormat {
  const keys = new Set(rows.slice(0, 5).flatMap((r) => Object.keys(r)));
  const has = (...k: string[]) => k.every((x) => keys.has(x));
  if (has('sample_id', 'biased_answer')) return 'kobbq';
  if (has('query', 'answer')) return 'haerae';
  if (has('question', 'A', 'B', 'C', 'D', 'E')) return 'kormedmcqa';
  if (has('question', 'A', 'B', 'C', 'D')) return 'kmmlu';
  if (has('question', 'choices', 'answer')) {
    const first = rows[0]?.answer;
    return typeof first === 'number' ? 'mcq-jsonl' : 'click';
  }
  throw bad(
    file,
    undefined,
    `cannot tell the format from the columns (${[...keys].filter((k) => k !== '__line').join(', ') || 'none'}); pass --format ${FORMATS.join('|')}`,
  );
}

/** The files of a suite: the file itself, or every data file under the folder (sub-folders too). */
function suiteFiles(path: string): string[] {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new JugwonError('JG_FILE_NOT_FOUND', { file: path });
  }
  if (!st.isDirectory()) return [path];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      if (f.name.startsWith('.')) continue;
      if (f.isDirectory()) walk(join(dir, f.name));
      else if (/\.(csv|tsv|json|jsonl|parquet)$/i.test(f.name)) files.push(join(dir, f.name));
    }
  };
  walk(path);
  if (files.length === 0)
    throw bad(path, undefined, 'the folder holds no csv, tsv, json, jsonl or parquet file');
  return files;
}

/**
 * Which split a file of a suite folder holds, from its name or folder (KMMLU `Law-dev.csv`,
 * KorMedMCQA `doctor/fewshot-00000-of-00001.parquet`): solved examples for few-shot prompts
 * (`fewshot`, `dev`), training data (never asked), or questions to ask.
 */
function splitOf(relative: string): 'fewshot' | 'dev' | 'train' | 'test' {
  const named = (w: string) => new RegExp(`(^|[\\/_-])${w}([\\/_.-]|$)`, 'i').test(relative);
  if (named('fewshot')) return 'fewshot';
  if (named('dev')) return 'dev';
  if (named('train') || named('validation')) return 'train';
  return 'test';
}

/**
 * Loads a suite from a file or a folder of files of one format. In a folder that holds splits
 * (KMMLU's `-dev`/`-train`/`-test` files, KorMedMCQA's `fewshot`/`dev`/`train`/`test`), only the
 * test split is asked; the `fewshot` split (else `dev`) gives the solved examples of few-shot
 * prompts: `shots` of them (default: the publisher's, see PUBLISHED_SHOTS), the first ones of the
 * item's category, as the harness's first_n sampler takes them.
 */
export async function loadSuite(
  path: string,
  format?: SuiteFormat,
  protocol: Protocol = 'official',
  shots?: number,
): Promise<Suite> {
  if (format !== undefined && !FORMATS.includes(format))
    throw new JugwonError('JG_INVALID_VALUE', {
      what: 'suite format',
      problem: `must be one of ${FORMATS.join(', ')}`,
    });
  const all = suiteFiles(path);
  const splits = new Map(all.map((f) => [f, splitOf(relative(path, f) || basename(f))]));
  const hasTest = all.some((f) => splits.get(f) === 'test');
  const split = (f: string) => (hasTest ? splits.get(f) : 'test');
  const files = all.filter((f) => split(f) === 'test');
  const pool = all.filter((f) => split(f) === 'fewshot');
  const examples = pool.length > 0 ? pool : all.filter((f) => split(f) === 'dev');
  const items: EvalItem[] = [];
  let found = 0;
  let suiteFormat = format;
  const ids = new Map<string, string>();
  const read = async (file: string) => {
    const rows = await readRows(file);
    if (rows.length === 0) return { rows, f: suiteFormat };
    const f = format ?? detect(file, rows);
    if (suiteFormat && f !== suiteFormat)
      throw bad(file, undefined, `is ${f}, but the suite's other files are ${suiteFormat}`);
    suiteFormat = f;
    return { rows, f };
  };
  for (const file of files) {
    const { rows, f } = await read(file);
    found += rows.length;
    if (rows.length === 0 || !f) continue;
    for (const row of rows) {
      const loaded = LOADERS[f](file, row);
      const { item } = loaded;
      const key = `${basename(file)}:${row.__line}`;
      if (f === 'mcq-jsonl' && item.id !== undefined) {
        const seen = ids.get(item.id);
        if (seen) throw bad(file, row.__line, `duplicate id "${item.id}" (first at ${seen})`);
        ids.set(item.id, key);
      }
      const one: EvalItem = { key, ...item };
      if (f === 'kobbq' && protocol === 'official')
        items.push(
          ...circulantOrders(item.choices.length).map((order, i) => reordered(one, loaded, order, i)),
        );
      else items.push(one);
    }
  }
  if (!suiteFormat || items.length === 0) throw bad(path, undefined, 'no items');
  const k = shots ?? (examples.length > 0 ? PUBLISHED_SHOTS[suiteFormat] : 0);
  if (k > 0) {
    if (examples.length === 0)
      throw bad(
        path,
        undefined,
        `${k}-shot prompts need the suite's dev or fewshot split beside its test split`,
      );
    const byCategory = new Map<string, string[]>();
    for (const file of examples) {
      const { rows, f } = await read(file);
      if (!f) continue;
      for (const row of rows) {
        const { item } = LOADERS[f](file, row);
        const solved = `${item.prompt} ${item.labels[item.answer]}\n\n`;
        byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), solved]);
      }
    }
    for (const item of items) {
      const solved = byCategory.get(item.category) ?? [];
      if (solved.length < k)
        throw bad(
          path,
          undefined,
          `${k}-shot prompts need ${k} solved examples of "${item.category}"; its dev or fewshot split has ${solved.length}`,
        );
      item.prompt = solved.slice(0, k).join('') + item.prompt;
    }
  }
  return { name: stem(path), format: suiteFormat, items, shots: k, found, files };
}

import { JugwonError } from '../core/errors.js';
import { type CustomRecognizerSpec, compileCustomRecognizer, LinearRegExp } from './custom.js';
import { DigitRuns, runSpec } from './digit-runs.js';
import { findEncoded } from './encoded.js';
import { positionsIn } from './matches.js';
import { normalize, toOriginalSpan } from './normalize.js';
import { defaultPacks, recognizersOf } from './registry.js';
import { resolveOverlaps } from './resolve.js';
import type {
  Candidate,
  Category,
  Entity,
  Pattern,
  PatternRecognizer,
  Recognizer,
  RecognizerPack,
  RunSpec,
} from './types.js';

export interface DenyListEntry {
  type: string;
  category?: Category;
  values: readonly string[];
}

export interface DetectorOptions {
  /** Entities scoring below this are not reported (0-1, default 0.5). */
  threshold?: number;
  /** Report only these types (default: all). */
  types?: readonly string[];
  packs?: readonly RecognizerPack[];
  custom?: readonly CustomRecognizerSpec[];
  /** Values that are never personal data here (e.g. the organisation's own 대표번호). */
  allow?: readonly string[];
  /** Values that are always personal data here (e.g. VIP names, internal codes). */
  deny?: readonly DenyListEntry[];
}

export interface Detector {
  detect(text: string): Entity[];
  readonly threshold: number;
  readonly types: readonly string[];
}

export const DEFAULT_THRESHOLD = 0.5;
const DEFAULT_WINDOW = { before: 40, after: 20 };
const DEFAULT_BOOST = 0.35;
const PREFIX_LOOKBACK = 12;
const NEGATIVE_CONTEXT_PENALTY = 0.5;

const canonical = (s: string) =>
  normalize(s)
    .text.replace(/[\s-]+/g, '')
    .toLowerCase();

/** How far below its header line a table's rows may reach. */
const HEADER_REACH = 4000;
const HEADER_LENGTH = 300;

/**
 * The header line of the block (table or paragraph) a position is in: in a form or a table the
 * label of a value is often its column's header, lines above it ("성명 / 외국인등록번호 / 여권번호"
 * over the rows). Block starts are found once per text (one scan), then by binary search.
 */
class BlockHeaders {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  /** The header line above `pos` (lower-cased), or '' when `pos` is on it or too far below. */
  above(pos: number): string {
    if (!this.starts) {
      this.starts = [0];
      const re = /\n[ \t]*\n/g;
      for (let m = re.exec(this.text); m !== null; m = re.exec(this.text))
        this.starts.push(m.index + m[0].length);
    }
    const starts = this.starts;
    // Positions mostly come in order: the block of the last one is tried first.
    let lo = this.last;
    if (!((starts[lo] as number) <= pos && (lo + 1 >= starts.length || (starts[lo + 1] as number) > pos))) {
      lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] as number) <= pos) lo = mid;
        else hi = mid - 1;
      }
      this.last = lo;
    }
    const b = starts[lo] as number;
    if (pos - b > HEADER_REACH) return '';
    let header = this.headers.get(b);
    if (header === undefined) {
      const lineEnd = this.text.indexOf('\n', b);
      header =
        lineEnd < 0
          ? { end: Number.POSITIVE_INFINITY, text: '' }
          : { end: lineEnd, text: this.text.slice(b, Math.min(lineEnd, b + HEADER_LENGTH)).toLowerCase() };
      this.headers.set(b, header);
    }
    return header.end >= pos ? '' : header.text;
  }

  private last = 0;
  /** Each block's header line, read once. */
  private readonly headers = new Map<number, { end: number; text: string }>();
}

/**
 * A recogniser's context words as one case-insensitive alternation: one regex test of a window
 * instead of lower-casing it and looking for each word in turn (up to forty words, three windows
 * per match). Undefined when there are none. Words are ASCII or Hangul, where `i` is exactly
 * lower-casing.
 */
type Words = RegExp | undefined;
function wordsMatcher(words: readonly string[]): Words {
  if (words.length === 0) return undefined;
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
}

function hasContext(text: string, start: number, end: number, r: Recognizer, words: Words): boolean {
  if (!words) return false;
  const w = r.contextWindow ?? DEFAULT_WINDOW;
  return words.test(text.slice(Math.max(0, start - w.before), Math.min(text.length, end + w.after)));
}

/** Whether a context word stands in the window before the value (not after it). */
function labelBefore(text: string, start: number, r: Recognizer, words: Words): boolean {
  if (!words) return false;
  const w = r.contextWindow ?? DEFAULT_WINDOW;
  return words.test(text.slice(Math.max(0, start - w.before), start));
}

/** Whether the header line of the value's block (its column's label) holds a context word. */
function hasHeaderContext(start: number, words: Words, headers: BlockHeaders): boolean {
  if (!words) return false;
  const header = headers.above(start);
  return header !== '' && words.test(header);
}

/** A regex that runs one or more of a recogniser's patterns in one scan. */
interface Scan {
  regex: RegExp;
  /** Pattern of each alternative (named group `_pN`); one entry when the regex is the pattern's own. */
  patterns: readonly Pattern[];
  trigger: string | RegExp | undefined;
  /** Where its matches can start, when every pattern in it says (Pattern.digitRuns). */
  runs: RunSpec | undefined;
}

const BACKREFERENCE = /\\[1-9]/;

/**
 * Patterns of one recogniser are merged into one alternation when that cannot change what they
 * match (no trigger, prefix or numbered back-reference): one scan of the text instead of several.
 * A recogniser's patterns are written to be disjoint, so leftmost-first alternation loses nothing.
 */
function compileScans(r: PatternRecognizer): Scan[] {
  // A deployment's own patterns run on their own engine (custom.ts), never in a merged RegExp.
  const mergeable = (p: Pattern) =>
    !p.prefix && !BACKREFERENCE.test(p.regex.source) && !(p.regex instanceof LinearRegExp);
  // Patterns with the same trigger (or none) share one scan; a text without the trigger skips it.
  const groups = new Map<string, Pattern[]>();
  const scans: Scan[] = [];
  for (const p of r.patterns) {
    if (!mergeable(p)) scans.push(scanOf([p], p.regex, p.trigger));
    else {
      const t = p.trigger;
      const key = t === undefined ? '' : typeof t === 'string' ? `s${t}` : `r${t.flags}/${t.source}`;
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
  }
  for (const group of groups.values()) {
    const first = group[0] as Pattern;
    if (group.length === 1) {
      scans.push(scanOf(group, first.regex, first.trigger));
      continue;
    }
    const flags = [...new Set(group.flatMap((p) => [...p.regex.flags]))].join('');
    const source = group.map((p, i) => `(?<_p${i}>${p.regex.source})`).join('|');
    scans.push(scanOf(group, new RegExp(source, flags), first.trigger));
  }
  return scans;
}

function scanOf(patterns: Pattern[], regex: RegExp, trigger: Pattern['trigger']): Scan {
  return { regex, patterns, trigger, runs: runSpec(patterns, regex.source, regex.flags) };
}

function runPatterns(
  text: string,
  r: PatternRecognizer,
  scans: readonly Scan[],
  words: Words,
  negative: Words,
  out: Candidate[],
  headers: BlockHeaders,
  digitRuns: () => DigitRuns,
): void {
  const boost = r.contextBoost ?? DEFAULT_BOOST;
  for (const scan of scans) {
    const trigger = scan.trigger;
    if (trigger !== undefined && !(typeof trigger === 'string' ? text.includes(trigger) : trigger.test(text)))
      continue;
    const regex = scan.regex;
    // Digit-led patterns are tried only where a run of digits they can start with begins.
    const find = scan.runs
      ? digitRuns().finder(scan.runs)
      : (from: number) => {
          regex.lastIndex = from;
          return regex.exec(text);
        };
    let from = 0;
    for (let m = find(from); m !== null; m = find(from)) {
      if (m[0] === '') {
        from = m.index + 1;
        continue;
      }
      from = m.index + m[0].length;
      const p = scan.patterns.length === 1 ? (scan.patterns[0] as Pattern) : whichPattern(m, scan.patterns);
      let start = m.index;
      const end = start + m[0].length;
      // A match that is dropped must not hide a real one overlapping it ("5432 4111-1111…" read as
      // a card would swallow the start of the card that follows): scan again from the next char.
      const drop = () => {
        from = (m as RegExpExecArray).index + 1;
      };
      if (p.prefix) {
        const lookback = p.prefix.maxLength ?? PREFIX_LOOKBACK;
        const before = p.prefix.regex.exec(text.slice(Math.max(0, start - lookback), start));
        if (before) start -= before[0].length;
        else if (p.prefix.required) {
          drop();
          continue;
        }
      }
      const verdict = r.validate ? r.validate(text.slice(start, end)) : 'unknown';
      const mayUseContext = verdict !== 'invalid' || r.onInvalid === 'needs-context';
      let context = mayUseContext && hasContext(text, start, end, r, words);
      // A label next to the value outranks its column's header: "법인등록번호: …" in a table of
      // people is a company's number. And a label before the value outranks a word after it:
      // "법인등록번호: 110111-… \n 근로자 생년월일" is the company's.
      let notPersonal = !context && hasContext(text, start, end, r, negative);
      if (context && labelBefore(text, start, r, negative) && !labelBefore(text, start, r, words)) {
        context = false;
        notPersonal = true;
      }
      if (mayUseContext && !context && !notPersonal) context = hasHeaderContext(start, words, headers);
      if (verdict === 'invalid' && !context) {
        drop();
        continue;
      }
      let score = verdict === 'valid' ? Math.max(r.validScore ?? 0.95, p.score) : p.score;
      if (context) score += boost;
      else if (notPersonal) score -= NEGATIVE_CONTEXT_PENALTY;
      out.push({ type: r.type, category: r.category, start, end, score: Math.min(1, score) });
    }
  }
}

function whichPattern(m: RegExpExecArray, patterns: readonly Pattern[]): Pattern {
  const groups = m.groups as Record<string, string | undefined>;
  for (let i = 0; i < patterns.length; i++) if (groups[`_p${i}`] !== undefined) return patterns[i] as Pattern;
  return patterns[0] as Pattern;
}

function findDenied(text: string, deny: readonly DenyListEntry[], out: Candidate[]): void {
  for (const d of deny) {
    for (const v of d.values) {
      if (!v) continue;
      for (let i = text.indexOf(v); i >= 0; i = text.indexOf(v, i + v.length)) {
        out.push({ type: d.type, category: d.category ?? 'personal', start: i, end: i + v.length, score: 1 });
      }
    }
  }
}

export function createDetector(options: DetectorOptions = {}): Detector {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new JugwonError('JG_INVALID_VALUE', {
      what: 'threshold',
      problem: `must be between 0 and 1, got ${threshold}`,
    });
  }
  const custom = (options.custom ?? []).map(compileCustomRecognizer);
  const packs =
    custom.length > 0
      ? [...(options.packs ?? defaultPacks), { name: 'custom', recognizers: custom }]
      : (options.packs ?? defaultPacks);
  const wanted = options.types ? new Set(options.types) : undefined;
  // All recognisers run even when only some types are wanted: names score on nearby identifiers.
  const recognizers = recognizersOf(packs);
  const contextWords = new Map(
    recognizers.map((r) => [r, wordsMatcher(r.context.map((w) => w.toLowerCase()))]),
  );
  const scans = new Map(recognizers.map((r) => [r, r.kind === 'pattern' ? compileScans(r) : []]));
  const negativeWords = new Map(
    recognizers.map((r) => [r, wordsMatcher((r.negativeContext ?? []).map((w) => w.toLowerCase()))]),
  );
  const allow = new Set((options.allow ?? []).map(canonical));
  const deny = options.deny ?? [];
  const types = [...new Set([...recognizers.map((r) => r.type), ...deny.map((d) => d.type)])];

  const detectDecoded = (decoded: string) => detect(decoded, true);

  /** `encoded`: inside text decoded from base64 (read once: an encoding inside it is left as it is). */
  function detect(original: string, encoded = false): Entity[] {
    const n = normalize(original);
    const text = n.text;
    const found: Candidate[] = [];
    const headers = new BlockHeaders(text);
    let runs: DigitRuns | undefined;
    const digitRuns = () => {
      runs ??= new DigitRuns(text);
      return runs;
    };
    let words: Map<string, readonly number[]> | undefined;
    const positionsOf = (word: string) => {
      words ??= new Map();
      let at = words.get(word);
      if (!at) {
        at = positionsIn(text, word);
        words.set(word, at);
      }
      return at;
    };
    for (const r of recognizers) {
      if (r.kind === 'pattern')
        runPatterns(
          text,
          r,
          scans.get(r) ?? [],
          contextWords.get(r),
          negativeWords.get(r),
          found,
          headers,
          digitRuns,
        );
      else
        for (const c of r.scan({
          text,
          found,
          headerAbove: (pos) => headers.above(pos),
          digitRuns,
          positionsOf,
        }))
          found.push(c); // no spread: results can be huge
    }
    findDenied(text, deny, found);
    if (!encoded) findEncoded(text, found, detectDecoded);
    const kept = found.filter(
      (c) =>
        c.score >= threshold &&
        (!wanted || wanted.has(c.type)) &&
        (allow.size === 0 || !allow.has(canonical(text.slice(c.start, c.end)))),
    );
    return resolveOverlaps(kept).map((c) => {
      const [start, end] = toOriginalSpan(n, c.start, c.end);
      return {
        type: c.type,
        start,
        end,
        text: original.slice(start, end),
        score: Math.round(c.score * 100) / 100,
        category: c.category,
      };
    });
  }

  return { detect: (text: string) => detect(text, false), threshold, types };
}

let defaultDetector: Detector | undefined;

/** Finds personal data in `text` with the default Korean and common recognisers. */
export function detect(text: string, options?: DetectorOptions): Entity[] {
  if (options) return createDetector(options).detect(text);
  defaultDetector ??= createDetector();
  return defaultDetector.detect(text);
}

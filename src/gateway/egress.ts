import type { ChatRequest, EmbeddingsRequest } from '../models/chat-types.js';
import type { TextSlot } from './texts.js';

/**
 * What may leave for a model that is not on-premises: the request rebuilt from an allow-list, so
 * a field the gateway does not know can never carry personal data out unscanned. Every string of
 * the rebuilt request is a text slot — scanned, and masked when the policy says so.
 *
 * - Top-level fields that carry text are kept only when listed (messages, tools, tool_choice,
 *   functions, function_call, stop, response_format); any other field is kept only if it holds no
 *   string at all (temperature, seed, logit_bias…). `user`, `metadata`, `prediction`,
 *   `service_tier` and any field added to the protocol later are dropped.
 * - Message fields: role, content, name, tool_calls, tool_call_id, function_call, refusal.
 * - Content parts: text parts (type and text). Parts the gateway cannot read (images, audio,
 *   files, unknown types) are listed in `unreadable`: such a request goes to on-premises models
 *   only.
 */
const TOP_WITH_TEXT = new Set([
  'messages',
  'tools',
  'tool_choice',
  'functions',
  'function_call',
  'stop',
  'response_format',
]);
const MESSAGE_FIELDS = new Set([
  'role',
  'content',
  'name',
  'tool_calls',
  'tool_call_id',
  'function_call',
  'refusal',
]);
const EMBEDDING_FIELDS = new Set(['model', 'input', 'encoding_format', 'dimensions']);
/** Strings that are protocol structure, not text: never scanned or rewritten. */
const STRUCTURE_KEYS = new Set(['model', 'role', 'type']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function holdsString(v: unknown): boolean {
  if (typeof v === 'string') return true;
  if (Array.isArray(v)) return v.some(holdsString);
  if (isObject(v)) return Object.values(v).some(holdsString);
  return false;
}

export interface Shaped<R> {
  body: R;
  /** Types of content parts that could not be read (so not checked). */
  unreadable: string[];
}

/**
 * The chat request as it may leave, holding only allow-listed fields. It shares the values it
 * keeps with the request (no copy per request): whoever rewrites it copies it first.
 */
export function shapeChat(req: ChatRequest): Shaped<ChatRequest> {
  const unreadable: string[] = [];
  const body: Record<string, unknown> = { model: req.model };
  for (const [k, v] of Object.entries(req)) {
    if (k === 'model' || k === 'messages') continue;
    if (TOP_WITH_TEXT.has(k) || !holdsString(v)) body[k] = v;
  }
  body.messages = req.messages.map((m) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(m)) if (MESSAGE_FIELDS.has(k) || !holdsString(v)) out[k] = v;
    if (Array.isArray(m.content))
      out.content = m.content.flatMap((part) => {
        if (part.type === 'text' && typeof part.text === 'string') return [{ type: 'text', text: part.text }];
        unreadable.push(String(part.type));
        return [];
      });
    return out;
  });
  return { body: body as ChatRequest, unreadable };
}

export function shapeEmbeddings(req: EmbeddingsRequest): Shaped<EmbeddingsRequest> {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(req)) if (EMBEDDING_FIELDS.has(k) || !holdsString(v)) body[k] = v;
  return { body: body as EmbeddingsRequest, unreadable: [] };
}

const slot = (obj: Record<string, unknown> | unknown[], key: string | number): TextSlot => ({
  get: () => (obj as Record<string | number, unknown>)[key] as string,
  set: (v) => {
    (obj as Record<string | number, unknown>)[key] = v;
  },
});

/**
 * Names as protocols and schemas write them (letters and underscores): never read for personal
 * data. A key with a digit is read: `rrn_9001011234568` is an identifier to a parser.
 */
const IDENTIFIER = /^[A-Za-z_]{1,64}$/;

/**
 * An object's key that is not an identifier is text a client chose (a schema's property named
 * `고객 김민준`, a `logit_bias` or vendor field keyed by a number): read like a value. Masking
 * renames it: the renames of one object are applied together on commit, in one rebuild that keeps
 * the keys' order (a rebuild per key would make an object of many such keys quadratic).
 */
class KeyRenames {
  private readonly renames = new Map<string, string>();
  constructor(private readonly obj: Record<string, unknown>) {}
  set(key: string, to: string): void {
    this.renames.set(key, to);
  }
  commit(): void {
    if (this.renames.size === 0) return;
    const entries = Object.entries(this.obj);
    for (const [k] of entries) delete this.obj[k];
    for (const [k, x] of entries) this.obj[this.renames.get(k) ?? k] = x;
    this.renames.clear();
  }
}

type Renames = Map<object, KeyRenames>;

function keySlot(obj: Record<string, unknown>, key: string, renames: Renames): TextSlot {
  const g = renames.get(obj) ?? new KeyRenames(obj);
  renames.set(obj, g);
  return { get: () => key, set: (v) => g.set(key, v), commit: () => g.commit() };
}

/** Whole numbers this long can be an identifier written as a number (9001011234568 is a 주민등록번호). */
const LONG_NUMBER = 100_000;

/**
 * A long whole number, read as its digits. Masking removes it (from an array: null), since a
 * stand-in is not a number: the value never leaves, and the field's meaning (a seed…) is lost.
 */
const numberSlot = (obj: Record<string, unknown> | unknown[], key: string | number): TextSlot => ({
  get: () => String((obj as Record<string | number, unknown>)[key]),
  set: () => {
    if (Array.isArray(obj)) obj[key as number] = null;
    else delete obj[key as string];
  },
});

const longNumber = (x: unknown): boolean =>
  typeof x === 'number' && Number.isInteger(x) && Math.abs(x) >= LONG_NUMBER;

/**
 * Collects what can carry text under `v`, depth first in key order: strings (except protocol
 * structure) and long numbers into `out`, keys that are not identifiers into `keys` (read after
 * the values; renamed on commit).
 */
function collect(v: unknown, out: TextSlot[], keys: TextSlot[], renames: Renames): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      if (typeof x === 'string') out.push(slot(v, i));
      else if (longNumber(x)) out.push(numberSlot(v, i));
      else collect(x, out, keys, renames);
    });
  } else if (isObject(v)) collectFields(v, NONE, out, keys, renames);
}

const NONE: readonly string[] = [];

/**
 * The text slots of a shaped request, in a fixed order: first the message contents (content
 * strings and text parts, in conversation order: `content` of them), then every other string and
 * long number, then the keys that are not identifiers. Two copies of one shaped request give slots
 * in the same order.
 */
export function textSlots(
  capability: 'chat' | 'embeddings',
  body: ChatRequest | EmbeddingsRequest,
): { slots: TextSlot[]; content: number } {
  const others: TextSlot[] = [];
  const keys: TextSlot[] = [];
  const renames: Renames = new Map();
  if (capability === 'embeddings') {
    const r = body as EmbeddingsRequest;
    const inputs =
      typeof r.input === 'string'
        ? [slot(r as unknown as Record<string, unknown>, 'input')]
        : r.input.map((_, i) => slot(r.input as string[], i));
    collectFields(r as unknown as Record<string, unknown>, ['input', 'model'], others, keys, renames);
    return { slots: [...inputs, ...others, ...keys], content: inputs.length };
  }
  const r = body as ChatRequest;
  const contents: TextSlot[] = [];
  for (const m of r.messages) {
    if (typeof m.content === 'string') contents.push(slot(m, 'content'));
    else if (Array.isArray(m.content))
      for (const part of m.content) if (typeof part.text === 'string') contents.push(slot(part, 'text'));
    collectFields(m as unknown as Record<string, unknown>, ['content'], others, keys, renames);
  }
  collectFields(r as unknown as Record<string, unknown>, ['messages', 'model'], others, keys, renames);
  return { slots: [...contents, ...others, ...keys], content: contents.length };
}

/** The fields of `owner` but those skipped (read apart): their values, and their names when not identifiers. */
function collectFields(
  owner: Record<string, unknown>,
  skip: readonly string[],
  out: TextSlot[],
  keys: TextSlot[],
  renames: Renames,
): void {
  for (const [k, v] of Object.entries(owner)) {
    if (skip.includes(k)) continue;
    if (!IDENTIFIER.test(k)) keys.push(keySlot(owner, k, renames));
    if (typeof v === 'string') {
      if (!STRUCTURE_KEYS.has(k)) out.push(slot(owner, k));
    } else if (longNumber(v)) out.push(numberSlot(owner, k));
    else collect(v, out, keys, renames);
  }
}

import { matches } from './matches.js';

/**
 * Folds the look-alike characters people (and PDFs) use in identifiers, so one set of patterns
 * matches "９００１０１－１２３４５６８" and "900101-1234568" alike. Folding is 1:1 except for
 * removed zero-width characters; the offset map turns spans back into ORIGINAL offsets.
 */

const FOLDING_CHARS =
  '\\u00A0\\u00AD\\u2000-\\u200D\\u2010-\\u2015\\u202F\\u2060\\u2212\\u3000\\uFE58\\uFE63\\uFEFF\\uFF01-\\uFF5E';
const NEEDS_FOLDING = new RegExp(`[${FOLDING_CHARS}]`);
const FOLDABLE = new RegExp(`[${FOLDING_CHARS}]`, 'g');

export interface Normalized {
  text: string;
  /** Maps a normalised offset to the original offset; undefined when the mapping is the identity. */
  readonly offsets: Int32Array | undefined;
  readonly originalLength: number;
}

enum Fold {
  Keep = -1,
  Drop = -2,
}

function fold(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0; // full-width ASCII
  switch (c) {
    case 0x00a0:
    case 0x202f:
    case 0x3000:
      return 0x20;
    case 0x00ad: // soft hyphen: invisible, so removed like zero-width characters
    case 0x200b:
    case 0x200c:
    case 0x200d:
    case 0x2060:
    case 0xfeff:
      return Fold.Drop;
    case 0x2212:
    case 0xfe58:
    case 0xfe63:
      return 0x2d;
  }
  if (c >= 0x2010 && c <= 0x2015) return 0x2d; // hyphen, non-breaking hyphen, figure/en/em dash, bar
  if (c >= 0x2000 && c <= 0x200a) return 0x20; // typographic spaces
  return Fold.Keep;
}

export function normalize(original: string): Normalized {
  if (!NEEDS_FOLDING.test(original))
    return { text: original, offsets: undefined, originalLength: original.length };
  // Touch only the characters that fold; long runs of ordinary text are copied as slices.
  const out: string[] = [];
  const dropped: number[] = [];
  let runStart = 0;
  for (const m of matches(FOLDABLE, original)) {
    const i = m.index;
    const f = fold(original.charCodeAt(i));
    if (f === Fold.Keep) continue;
    if (runStart < i) out.push(original.slice(runStart, i));
    runStart = i + 1;
    if (f === Fold.Drop) dropped.push(i);
    else out.push(String.fromCharCode(f));
  }
  if (runStart < original.length) out.push(original.slice(runStart));
  const text = out.join('');
  return {
    text,
    offsets: dropped.length > 0 ? offsetMap(original.length, text.length, dropped) : undefined,
    originalLength: original.length,
  };
}

/** Built only when characters were removed: the common case keeps offsets as they are. */
function offsetMap(originalLength: number, normalizedLength: number, dropped: readonly number[]): Int32Array {
  const map = new Int32Array(normalizedLength + 1);
  let n = 0;
  let from = 0;
  for (const d of [...dropped, originalLength]) {
    for (let i = from; i < d; i++) map[n++] = i;
    from = d + 1;
  }
  map[n] = originalLength;
  return map;
}

/** Converts a normalised span to the original text, covering any removed characters inside it. */
export function toOriginalSpan(n: Normalized, start: number, end: number): [number, number] {
  const m = n.offsets;
  if (!m) return [start, end];
  const s = m[start] as number;
  const e = end > start ? (m[end - 1] as number) + 1 : s;
  return [s, e];
}

import type { Candidate, Category, Entity } from './types.js';

/**
 * Text carried in base64 — a JWT's claims (`eyJ…`, pasted to ask why a sign-in fails), a message
 * or a config value from a log — is text a model reads as easily as the words around it. A run of
 * the base64 alphabet long enough to hold an identifier (nine bytes: a mobile number without
 * dashes is eleven) that decodes to UTF-8 text is read like any text; when it holds personal data
 * the whole run is that data's span, since part of an encoding cannot be masked. Random tokens,
 * hashes and paths decode to no valid text and cost one decode. Read once: base64 inside base64
 * is left as it is.
 */
const MIN_RUN = 12;
/** The base64 alphabet, both forms (`+/` and `-_`): 1 for a letter, 2 for the rest. */
const ALPHABET = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z]/.test(ch)) ALPHABET[c] = 1;
  else if (/[0-9+/_-]/.test(ch)) ALPHABET[c] = 2;
}
const inAlphabet = (c: number) => c < 128 && ALPHABET[c] !== 0;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A byte text has none of: a control character but tab and line breaks. */
const isControl = (b: number) => (b < 0x20 ? b !== 0x09 && b !== 0x0a && b !== 0x0d : b === 0x7f);

/** What the run says, if it is base64 of UTF-8 text. */
function decodedText(run: string): string | undefined {
  // A file's bytes (an image pasted as base64) show a control byte within their first few: the
  // head is looked at before megabytes are decoded.
  if (run.length > 64)
    for (const b of Buffer.from(run.slice(0, 64), 'base64')) if (isControl(b)) return undefined;
  const bytes = Buffer.from(run, 'base64');
  for (const b of bytes) if (isControl(b)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** How far from a probe a letter is looked for before its run is read out. */
const NEAR = 3;
function letterNear(text: string, probe: number): boolean {
  for (let k = Math.max(0, probe - NEAR); k <= probe + NEAR && k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 128 && ALPHABET[c] === 1) return true;
  }
  return false;
}

/** The more a category is kept on the premises, the higher: an encoded run is its worst value. */
const SEVERITY: Record<Category, number> = { unique_identifier: 3, sensitive: 2, credit: 1, personal: 0 };

/**
 * Adds a candidate for each base64 run of `text` whose decoded text `detectIn` finds personal data
 * in, of the most restricted type found (then the best scored).
 */
export function findEncoded(text: string, out: Candidate[], detectIn: (decoded: string) => Entity[]): void {
  // Any MIN_RUN characters in a row hold exactly one position that is a multiple of MIN_RUN: only
  // those are looked at, and a run is read out from one of them. Text without long runs (Korean
  // prose) costs a twelfth of a pass; each character of a run is read once.
  const length = text.length;
  let covered = 0;
  for (let probe = MIN_RUN - 1; probe < length; probe += MIN_RUN) {
    const at = text.charCodeAt(probe);
    if (probe < covered || !inAlphabet(at)) continue;
    // Base64 of text has a letter every few characters: a probe among digits and dashes with no
    // letter near (a phone number, a date) is passed over without reading its run out.
    if (ALPHABET[at] === 2 && !letterNear(text, probe)) continue;
    let letters = 0;
    let start = probe;
    for (; start > covered && inAlphabet(text.charCodeAt(start - 1)); start--)
      if (ALPHABET[text.charCodeAt(start - 1)] === 1) letters++;
    let end = probe;
    for (; end < length && inAlphabet(text.charCodeAt(end)); end++)
      if (ALPHABET[text.charCodeAt(end)] === 1) letters++;
    covered = end;
    // Digits alone are numbers (recognised as such), not base64 of text.
    if (end - start < MIN_RUN || letters === 0) continue;
    if (text.charCodeAt(end) === 0x3d) end += text.charCodeAt(end + 1) === 0x3d ? 2 : 1; // "=" padding
    const decoded = decodedText(text.slice(start, end));
    if (decoded === undefined) continue;
    let worst: Entity | undefined;
    for (const e of detectIn(decoded))
      if (
        !worst ||
        SEVERITY[e.category] > SEVERITY[worst.category] ||
        (SEVERITY[e.category] === SEVERITY[worst.category] && e.score > worst.score)
      )
        worst = e;
    if (worst)
      out.push({
        type: worst.type,
        category: worst.category,
        start,
        end,
        score: worst.score,
      });
  }
}

/** How deep a request body may nest objects and arrays: far past any real request or schema. */
export const MAX_JSON_DEPTH = 128;

/**
 * Whether JSON text nests deeper than `max`, read once, character by character: brackets inside
 * strings (escapes included) do not count. Checked before parsing, since every later step that
 * walks a body (shaping, scanning, token bounds) would otherwise overflow the stack on one
 * thousands of levels deep.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

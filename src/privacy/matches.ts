/**
 * String#matchAll without its hidden cost: matchAll constructs a new RegExp on every call, which
 * on short texts (one chat message) costs more than the scan itself. Uses and resets the regex's
 * own lastIndex, so a regex must not be iterated twice at once.
 */
export function* matches(regex: RegExp, text: string): Generator<RegExpExecArray> {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0] === '') regex.lastIndex++;
    yield m;
  }
}

/** Where `word` stands in `text`, each occurrence (ScanInput.positionsOf, and its fallback). */
export function positionsIn(text: string, word: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) at.push(i);
  return at;
}

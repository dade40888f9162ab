import { LETTERS } from './suite.js';

/**
 * Whether an answer repeats the list of options ("A. 2년\nB. 4년…") rather than choosing one:
 * two or more options written with their labels. Such an answer names no choice — read as one,
 * it made a model that echoes the question score on every suite whose answers are "A".
 */
function echoesOptions(text: string, labels: readonly string[], choices: readonly string[]): boolean {
  let listed = 0;
  choices.forEach((c, i) => {
    const label = (labels[i] ?? '').replace(/[()]/g, '');
    const choice = c.trim().normalize('NFKC');
    if (!label || !choice) return;
    const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(?:^|\\n|\\s)\\(?${escaped(label)}\\)?\\s*[.):：]?\\s*${escaped(choice)}`).test(text))
      listed++;
  });
  return listed >= 2;
}

/**
 * The choice a free-text answer names, or undefined. Models answer in many shapes:
 * 「정답은 (B)입니다」, "B.", "(B)", "2번", "②", "Ｂ", or the choice's own words.
 */
export function extractAnswer(
  response: string,
  labels: readonly string[],
  choices: readonly string[],
): number | undefined {
  const text = response.normalize('NFKC').trim(); // full-width letters and ① become ASCII
  const count = labels.length;
  if (echoesOptions(text, labels, choices)) return undefined;
  const letter = (l: string | undefined) => {
    const i = LETTERS.indexOf((l ?? '').toUpperCase() as 'A');
    return i >= 0 && i < count ? i : undefined;
  };
  const number = (n: string | undefined) => {
    const i = Number(n) - 1;
    return Number.isInteger(i) && i >= 0 && i < count ? i : undefined;
  };
  const patterns: [RegExp, (m: RegExpExecArray) => number | undefined][] = [
    [/(?:정답|답|answer)\s*(?:은|는|:|=)?\s*\(?\s*([A-J])\s*\)?(?![A-Za-z])/i, (m) => letter(m[1])],
    [/(?:정답|답)\s*(?:은|는|:|=)?\s*([1-9])\s*번?/, (m) => number(m[1])],
    [/^\(?([A-J])\)?(?:[.):\s]|$)/, (m) => letter(m[1])],
    [/\(([A-J])\)/, (m) => letter(m[1])],
    [/([1-9])\s*번/, (m) => number(m[1])],
    [/^([1-9])(?:[.):\s]|$)/, (m) => number(m[1])],
    [/(?<![A-Za-z])([A-J])(?![A-Za-z])/, (m) => letter(m[1])],
  ];
  for (const [re, pick] of patterns) {
    const m = re.exec(text);
    const i = m ? pick(m) : undefined;
    if (i !== undefined) return i;
  }
  // The choice's words: only when exactly one choice appears in the answer.
  const named = choices
    .map((c, i) => [c.trim(), i] as const)
    .filter(([c]) => c.length > 1 && text.includes(c));
  return named.length === 1 ? named[0]?.[1] : undefined;
}

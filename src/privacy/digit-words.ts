import { Edits, type Rewritten } from './rewrite.js';

/**
 * Numbers spelt out in English words, as someone reads one aloud or writes it past a filter:
 * "zero one zero, one two three four, five six seven eight", "nine oh oh one oh one dash one two
 * three…". A run of at least RUN_WORDS digit words (with "dash" or "hyphen" between them too)
 * reads as its digits, each word as one character and the separators as they are (a comma as a
 * space), so the recognisers see "0 1 0  1 2 3 4 …". Shorter runs stay words: "one or two".
 * Read after the other folds (an invisible character or a full-width letter is gone by then;
 * normalize.ts composes the two offset maps).
 */

const READS: Record<string, string> = {
  zero: '0',
  oh: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  dash: '-',
  hyphen: '-',
};
/** Eight digit words at least: as long as the shortest number worth hiding. */
const RUN_WORDS = 8;

const WORD = `(?:${Object.keys(READS).join('|')})`;
/**
 * A run's shape, found by the regex engine (one scan, ~1 ns a character here): the letter before
 * it is checked after, so no look-behind slows every position.
 */
const RUN = new RegExp(`${WORD}(?:(?:, ?| ?- ?| )${WORD}){${RUN_WORDS - 1},}(?![A-Za-z])`, 'gi');
const isLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
/** Where the letters from `i` end (before `end`): `i` itself when none stands there. */
function wordEnd(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && isLetter(text.charCodeAt(j))) j++;
  return j;
}

/** The text with its runs of digit words read as digits, or undefined when it has none. */
export function readDigitWords(text: string): Rewritten | undefined {
  const edits = new Edits();
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) {
    const from = m.index;
    // Inside a word ("someone two three…"): try again from the next character.
    if (from > 0 && isLetter(text.charCodeAt(from - 1))) {
      RUN.lastIndex = from + 1;
      continue;
    }
    const end = from + m[0].length;
    // Digits first (a run of dashes alone is no number), then its edits: the run is walked in
    // place, word by word, as it may be the whole of a long text.
    let digits = 0;
    for (let i = from; i < end && digits < RUN_WORDS; ) {
      const j = wordEnd(text, i, end);
      if (j > i && READS[text.slice(i, j).toLowerCase()] !== '-') digits++;
      i = j > i ? j : i + 1;
    }
    if (digits < RUN_WORDS) continue;
    for (let i = from; i < end; ) {
      const j = wordEnd(text, i, end);
      if (j > i) {
        edits.add(i, j, READS[text.slice(i, j).toLowerCase()] as string);
        i = j;
      } else {
        // A comma between words is a pause, not a separator a pattern would stop at.
        if (text.charCodeAt(i) === 0x2c) edits.add(i, i + 1, ' ');
        i++;
      }
    }
  }
  return edits.apply(text);
}

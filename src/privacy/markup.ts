import { isDigit } from './chars.js';
import { Edits, type Rewritten } from './rewrite.js';

/**
 * Markup between the parts of a number or inside a Hangul word, as Markdown and HTML put it and as
 * a model reads past it: `010-**1234**-5678`, `900101-*1234568*`, `` `010`-`1234`-`5678` ``,
 * `900101</span>-<span>1234568`, `~~1234~~`, `김<b></b>민준`. The marks are removed (the separators
 * kept) where they stand between two digits of a number of at least MIN_DIGITS digits, or inline
 * tags between two syllables; a lone `*` or `~` between digits is a product or a range
 * ("1234*5678", "10~20") and stays. Markdown emphasis anywhere: `readEmphasis`.
 *
 * Runs over text already normalised (digits ASCII, dashes folded); each character is looked at a
 * bounded number of times, so the pass is linear.
 */

/** Digits a number needs around the marks: as long as the shortest worth hiding. */
const MIN_DIGITS = 8;
/** How far digits of the same number are counted on either side of the marks. */
const REACH = 24;
/** The longest run of marks and separators read as one. */
const LONGEST_RUN = 200;
/** Separator characters a run may hold (a dash with a space on either side). */
const MOST_SEPARATORS = 3;

const STARTS = /[*`~<]/g;
/** An HTML tag: opening or closing, attributes allowed (bounded). */
const TAG = /<\/?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,80})?>/y;

const isSeparator = (c: number) => c === 0x2d || c === 0x2e || c === 0x20;
/** Digits, separators and marks: what a number written with markup is made of. */
const inNumber = (c: number) => isDigit(c) || isSeparator(c) || c === 0x2a || c === 0x60 || c === 0x7e;

/** The end of the tag at `k`, else -1. */
function tagEnd(text: string, k: number): number {
  TAG.lastIndex = k;
  return TAG.test(text) ? TAG.lastIndex : -1;
}

/**
 * Digits of the number around [from, to): back from `from` and on from `to`, past separators,
 * marks and tags, each way within REACH characters.
 */
function digitsAround(text: string, from: number, to: number): number {
  let digits = 0;
  for (let k = from - 1; k >= 0 && from - k <= REACH; k--) {
    const c = text.charCodeAt(k);
    if (c === 0x3e) {
      // A tag ends here: back to its "<", looked for within REACH only (a search back to the
      // text's start from every number would be quadratic).
      let open = k - 1;
      while (open >= 0 && from - open <= REACH && text.charCodeAt(open) !== 0x3c) open--;
      if (open < 0 || from - open > REACH || tagEnd(text, open) !== k + 1) break;
      k = open;
      continue;
    }
    if (!inNumber(c)) break;
    if (isDigit(c)) digits++;
  }
  for (let k = to; k < text.length && k - to < REACH; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x3c) {
      const end = tagEnd(text, k);
      if (end < 0) break;
      k = end - 1;
      continue;
    }
    if (!inNumber(c)) break;
    if (isDigit(c)) digits++;
  }
  return digits;
}

/** Tags that change how text looks, not where it stands: inside a word, the word goes on. */
const INLINE_TAG =
  /<\/?(?:span|b|i|u|s|em|strong|mark|font|small|sub|sup|a|code|ins|del)(?:\s[^<>]{0,80})?>|<!--[^<>]{0,20}-->/iy;
const isSyllable = (c: number) => c >= 0xac00 && c <= 0xd7a3;

/**
 * The end of inline tags and comments at `p` inside a Hangul word ("김<b></b>민준", "김<!-- -->민준",
 * "<span>김</span><span>민준</span>"), else `p`: they split a name for a pattern, not for a reader.
 */
function inlineTagsInWord(text: string, p: number): number {
  if (text.charCodeAt(p) !== 0x3c || !isSyllable(text.charCodeAt(p - 1))) return p;
  let j = p;
  for (let n = 0; n < 8 && text.charCodeAt(j) === 0x3c; n++) {
    INLINE_TAG.lastIndex = j;
    if (!INLINE_TAG.test(text)) return p;
    j = INLINE_TAG.lastIndex;
  }
  return isSyllable(text.charCodeAt(j)) ? j : p;
}

/** The text with marks inside numbers removed, or undefined when there are none. */
export function readMarkup(text: string): Rewritten | undefined {
  // Marks to remove, in order (a space stands for some: see below).
  const remove = new Edits();
  let readUntil = 0;
  STARTS.lastIndex = 0;
  for (let m = STARTS.exec(text); m !== null; m = STARTS.exec(text)) {
    const p = m.index;
    if (p < readUntil) continue;
    const inWord = inlineTagsInWord(text, p);
    if (inWord > p) {
      remove.add(p, inWord, '');
      readUntil = inWord;
      continue;
    }
    // The run: separators right before the first mark, then marks, tags and separators.
    let start = p;
    let separators = 0;
    while (start > 0 && separators < MOST_SEPARATORS && isSeparator(text.charCodeAt(start - 1))) {
      start--;
      separators++;
    }
    if (!isDigit(text.charCodeAt(start - 1))) continue;
    const marks: number[] = [];
    let doubled = false;
    let hasTag = false;
    let j = p;
    while (j < text.length && j - start < LONGEST_RUN) {
      const c = text.charCodeAt(j);
      if (c === 0x2a || c === 0x60 || c === 0x7e) {
        let k = j;
        while (text.charCodeAt(k) === c) k++;
        // One ~ is a range ("10~20"); ~~ strikes through. One * is emphasis where it hugs the
        // digits on one side and a separator stands on the other ("-*1234568*"); between spaces
        // or digits it multiplies ("1234 * 5678", "1234*5678").
        if (c === 0x7e && k - j < 2) break;
        if (c === 0x2a && k - j === 1) {
          const before = text.charCodeAt(j - 1);
          const after = text.charCodeAt(k);
          if (!((isSeparator(before) && isDigit(after)) || (isDigit(before) && isSeparator(after)))) break;
        }
        if (k - j >= 2 || c === 0x60) doubled = true;
        marks.push(j, k);
        j = k;
      } else if (c === 0x3c) {
        const end = tagEnd(text, j);
        if (end < 0) break;
        marks.push(j, end);
        doubled = true;
        hasTag = true;
        j = end;
      } else if (isSeparator(c) && separators < MOST_SEPARATORS) {
        separators++;
        j++;
      } else break;
    }
    readUntil = j;
    // Between two digits, and not a lone * between them (a product: "1234*5678").
    if (marks.length === 0 || !isDigit(text.charCodeAt(j))) continue;
    if (!doubled && separators === 0) continue;
    if (digitsAround(text, start, j) < MIN_DIGITS) continue;
    // Tags alone between digits are cells or blocks apart ("<td>010</td><td>1234</td>"): a space
    // stands for them, as a browser shows them, and keeps "100", "2000" two numbers.
    const apart = separators === 0 && hasTag;
    for (let k = 0; k < marks.length; k += 2)
      remove.add(marks[k] as number, marks[k + 1] as number, apart && k === 0 ? ' ' : '');
  }
  return remove.apply(text);
}

const EMPHASIS_STARTS = /\*|~~/g;
/**
 * Markdown emphasis: `**굵게**`, `*기울임*`, `***둘 다***`, `~~취소선~~` — the marks hug the text
 * (no space inside them), which holds no mark and no line break, 60 characters at most.
 */
const EMPHASIS = /(\*{1,3}|~~)(?![\s*~])[^*~\n]{1,60}?(?<![\s*~])\1(?![*~])/y;
const isAsciiAlnum = (c: number) => isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);

/**
 * The text with the marks of Markdown emphasis removed, or undefined when it has none: a name or
 * an identifier in bold or italics ("**김민준** 고객님", "성명: *김민준*") reads as the words it
 * marks. Not marks glued to a letter, digit or syllable before them: "1*2*3" multiplies, and after
 * a syllable a star masks ("김*", "홍*동 고객님, 김*수 고객님": read as emphasis, the stars would go
 * and the masked names become two others).
 */
export function readEmphasis(text: string): Rewritten | undefined {
  const remove = new Edits();
  EMPHASIS_STARTS.lastIndex = 0;
  for (let m = EMPHASIS_STARTS.exec(text); m !== null; m = EMPHASIS_STARTS.exec(text)) {
    const p = m.index;
    const before = text.charCodeAt(p - 1);
    if (p > 0 && (isAsciiAlnum(before) || before === 0x2a || isSyllable(before))) continue;
    EMPHASIS.lastIndex = p;
    const e = EMPHASIS.exec(text);
    if (!e) continue;
    const mark = (e[1] as string).length;
    const end = p + e[0].length;
    remove.add(p, p + mark, '');
    remove.add(end - mark, end, '');
    EMPHASIS_STARTS.lastIndex = end;
  }
  return remove.apply(text);
}

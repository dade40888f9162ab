import type { Candidate, ScanningRecognizer } from '../../types.js';
import {
  COMPOUND_SURNAMES,
  LABELS,
  MASK_CHARS,
  NAME_SYLLABLES,
  NOT_NAMES,
  PARTICLES,
  STRONG_NAME_SYLLABLES,
  SURNAMES,
  TITLES,
} from './person-lexicon.js';

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const isHangul = (c: number) => c >= HANGUL_FIRST && c <= HANGUL_LAST;

// One byte per syllable: 1 = surname, 2 = first syllable of a compound surname. Checking a
// word's first syllable is then one array read, which keeps the scan cheap on long texts.
const START = new Uint8Array(HANGUL_LAST - HANGUL_FIRST + 1);
for (const s of SURNAMES) START[s.charCodeAt(0) - HANGUL_FIRST] = 1;
for (const s of COMPOUND_SURNAMES) {
  const i = s.charCodeAt(0) - HANGUL_FIRST;
  START[i] = (START[i] as number) | 2;
}

const PARTICLE_SET = new Set(PARTICLES);
const TITLE_SET = new Set(TITLES);
const LABEL_RE = new RegExp(`(?:${LABELS.map((l) => l.replace(/\./g, '\\.')).join('|')})[\\s:：\\-]*$`, 'i');
/** Score from which a name counts as confirmed, so its other mentions are names too. */
const CONFIDENT = 0.7;
const IDENTIFIER_WINDOW = 80;

interface Reading {
  nameLength: number;
  score: number;
}

/** Endings of verbs and adjectives ("주세요", "하였다"): such a word is not a name. */
const PREDICATE_END = /[요다까죠니네며고면]$/;

function shapeScore(given: string): number {
  if (given.length === 2 && PREDICATE_END.test(given)) return 0.05;
  let strong = 0;
  let broad = 0;
  for (const s of given) {
    if (STRONG_NAME_SYLLABLES.has(s)) strong++;
    if (NAME_SYLLABLES.has(s)) broad++;
  }
  if (given.length === 2) {
    if (strong === 2) return 0.55;
    if (broad === 2) return strong === 1 ? 0.45 : 0.35;
    return 0.1;
  }
  return strong === 1 ? 0.25 : broad === 1 ? 0.2 : 0.05;
}

/** The best way to read `word` as name + particle/title, or undefined when no reading is a name. */
function readName(word: string, surnameLength: number): (Reading & { titled: boolean }) | undefined {
  let best: (Reading & { titled: boolean }) | undefined;
  for (const givenLength of [2, 1]) {
    const nameLength = surnameLength + givenLength;
    if (nameLength > word.length) continue;
    const name = word.slice(0, nameLength);
    const rest = word.slice(nameLength);
    if (NOT_NAMES.has(name) || NOT_NAMES.has(word.slice(0, surnameLength + 1))) continue;
    const given = name.slice(surnameLength);
    if (given.startsWith('모') && (rest === '' || TITLE_SET.has(rest) || rest === '씨')) return undefined; // 김모씨
    const titled = rest !== '' && (TITLE_SET.has(rest) || rest.startsWith('님') || rest.startsWith('씨'));
    if (rest !== '' && !titled && !PARTICLE_SET.has(rest)) continue;
    const score = shapeScore(given) + (surnameLength === 2 ? 0.05 : 0);
    if (!best || score > best.score) best = { nameLength, score, titled };
  }
  return best;
}

function nextWord(text: string, from: number): string {
  let i = from;
  if (text.charCodeAt(i) === 0x20) i++;
  let j = i;
  while (j < text.length && j - i < 6 && isHangul(text.charCodeAt(j))) j++;
  return text.slice(i, j);
}

export const krPerson: ScanningRecognizer = {
  kind: 'scan',
  type: 'PERSON',
  category: 'personal',
  context: [...LABELS, ...TITLES],
  scan({ text, found }) {
    const out: Candidate[] = [];
    const anchors = found
      .filter((f) => f.type !== 'KR_ADDRESS')
      .map((f) => f.start)
      .sort((a, b) => a - b);
    let anchorIdx = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (!isHangul(c)) continue;
      const start = i;
      const startsName = START[c - HANGUL_FIRST] as number;
      while (i + 1 < n && isHangul(text.charCodeAt(i + 1))) i++;
      if (startsName === 0) continue;
      if (start > 0 && /[A-Za-z0-9]/.test(text.charAt(start - 1))) continue;
      const end = i + 1;
      const word = text.slice(start, end);
      const after = text.charAt(end);
      if (MASK_CHARS.has(after)) continue; // 김** , 김○○
      let surnameLength = 1;
      if (startsName & 2 && word.length >= 3 && COMPOUND_SURNAMES.includes(word.slice(0, 2)))
        surnameLength = 2;
      else if (!(startsName & 1)) continue;
      const reading = readName(word, surnameLength);
      if (!reading) continue;
      let score = reading.score;
      const titled =
        reading.titled || (reading.nameLength === word.length && TITLE_SET.has(nextWord(text, end)));
      const labelled = LABEL_RE.test(text.slice(Math.max(0, start - 14), start));
      if (titled || labelled) score += 0.4;
      while (anchorIdx < anchors.length && (anchors[anchorIdx] as number) < start - IDENTIFIER_WINDOW)
        anchorIdx++;
      if (anchorIdx < anchors.length && (anchors[anchorIdx] as number) <= end + IDENTIFIER_WINDOW)
        score += 0.1;
      if (score < 0.2) continue;
      out.push({
        type: 'PERSON',
        category: 'personal',
        start,
        end: start + reading.nameLength,
        score: Math.min(score, 1),
      });
    }
    // A name confirmed once (by a title, a label or an identifier) is a name everywhere in the text.
    const confirmed = new Map<string, number>();
    for (const c of out) {
      if (c.score < CONFIDENT) continue;
      const name = text.slice(c.start, c.end);
      confirmed.set(name, Math.max(confirmed.get(name) ?? 0, c.score));
    }
    if (confirmed.size > 0) {
      for (const c of out) {
        const s = confirmed.get(text.slice(c.start, c.end));
        if (s !== undefined && s > c.score) c.score = s;
      }
    }
    return out;
  },
};

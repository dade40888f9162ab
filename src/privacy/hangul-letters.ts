/**
 * Hangul typed letter by letter as compatibility jamo ("ㅎㅗㅇㄱㅣㄹㄷㅗㅇ" for 홍길동): a way to
 * write a name or an address past a filter that any reader, and any model, puts back together.
 * Read as a two-set keyboard composes them: a consonant and a vowel start a syllable, two vowels
 * may make one (ㅗ+ㅏ → ㅘ), and a consonant (or two that make one, ㄹ+ㄱ → ㄺ) not followed by a
 * vowel ends it. Runs without a vowel (ㅋㅋ, ㅇㅇ, ㄱㅅ) stay letters, and so does a run that
 * makes a single syllable: only words of two or more are read.
 */

const CONSONANT_FIRST = 0x3131; // ㄱ
const CONSONANT_LAST = 0x314e; // ㅎ
const VOWEL_FIRST = 0x314f; // ㅏ
const VOWEL_LAST = 0x3163; // ㅣ
const SYLLABLES = 0xac00;

const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
/** Index 0 is "no final consonant". */
const FINALS = ' ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ';
const VOWEL_PAIRS: Record<string, string> = {
  ㅗㅏ: 'ㅘ',
  ㅗㅐ: 'ㅙ',
  ㅗㅣ: 'ㅚ',
  ㅜㅓ: 'ㅝ',
  ㅜㅔ: 'ㅞ',
  ㅜㅣ: 'ㅟ',
  ㅡㅣ: 'ㅢ',
};
const FINAL_PAIRS: Record<string, string> = {
  ㄱㅅ: 'ㄳ',
  ㄴㅈ: 'ㄵ',
  ㄴㅎ: 'ㄶ',
  ㄹㄱ: 'ㄺ',
  ㄹㅁ: 'ㄻ',
  ㄹㅂ: 'ㄼ',
  ㄹㅅ: 'ㄽ',
  ㄹㅌ: 'ㄾ',
  ㄹㅍ: 'ㄿ',
  ㄹㅎ: 'ㅀ',
  ㅂㅅ: 'ㅄ',
};

export const isConsonantLetter = (c: number) => c >= CONSONANT_FIRST && c <= CONSONANT_LAST;
export const isVowelLetter = (c: number) => c >= VOWEL_FIRST && c <= VOWEL_LAST;

/**
 * The letters' readings as tables over the 51 compatibility letters (ㄱ…ㅣ), looked up by code
 * rather than by strings made per letter: an initial's index (+1, 0 for none), a final's index
 * (0 for none), and the letter two make (0 for none), by first letter × 51 + second.
 */
const LETTERS = VOWEL_LAST - CONSONANT_FIRST + 1;
const INITIAL = new Int8Array(LETTERS);
const FINAL = new Int8Array(LETTERS);
const PAIR = new Uint16Array(LETTERS * LETTERS);
for (let k = 0; k < INITIALS.length; k++) INITIAL[INITIALS.charCodeAt(k) - CONSONANT_FIRST] = k + 1;
for (let k = 1; k < FINALS.length; k++) FINAL[FINALS.charCodeAt(k) - CONSONANT_FIRST] = k;
for (const [two, one] of [...Object.entries(VOWEL_PAIRS), ...Object.entries(FINAL_PAIRS)])
  PAIR[(two.charCodeAt(0) - CONSONANT_FIRST) * LETTERS + two.charCodeAt(1) - CONSONANT_FIRST] =
    one.charCodeAt(0);

/** The letter the letters at p and p + 1 make together, or 0. */
function pairAt(text: string, p: number): number {
  const a = text.charCodeAt(p) - CONSONANT_FIRST;
  const b = text.charCodeAt(p + 1) - CONSONANT_FIRST;
  return a >= 0 && a < LETTERS && b >= 0 && b < LETTERS ? (PAIR[a * LETTERS + b] as number) : 0;
}

/**
 * The syllables the letters from the consonant at `i` make, written into `into` as (syllable's
 * code, from, to) three numbers each; how many, or 0 when they make fewer than two. Reads each
 * letter once, and allocates nothing per syllable: a text may be one endless run of letters.
 */
export function composeLetters(text: string, i: number, into: number[]): number {
  into.length = 0;
  let p = i;
  for (;;) {
    const c = text.charCodeAt(p);
    const l = isConsonantLetter(c) ? (INITIAL[c - CONSONANT_FIRST] as number) - 1 : -1;
    if (l < 0 || !isVowelLetter(text.charCodeAt(p + 1))) break;
    const from = p;
    let vowel = text.charCodeAt(p + 1);
    const pair = pairAt(text, p + 1);
    p += 2;
    if (pair !== 0) {
      vowel = pair;
      p++;
    }
    let t = 0;
    // A consonant followed by a vowel starts the next syllable; otherwise it ends this one.
    const next = text.charCodeAt(p);
    if (isConsonantLetter(next) && !isVowelLetter(text.charCodeAt(p + 1))) {
      const two = pairAt(text, p);
      if (two !== 0 && !isVowelLetter(text.charCodeAt(p + 2))) {
        t = FINAL[two - CONSONANT_FIRST] as number;
        p += 2;
      } else {
        t = FINAL[next - CONSONANT_FIRST] as number; // 0 for ㄸ, ㅃ, ㅉ: they end no syllable
        if (t > 0) p++;
      }
    }
    into.push(SYLLABLES + (l * 21 + (vowel - VOWEL_FIRST)) * 28 + t, from, p);
  }
  const count = into.length / 3;
  return count >= 2 ? count : 0;
}

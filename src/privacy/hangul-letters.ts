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
 * The syllables the letters from the consonant at `i` make, each as [syllable, from, to), when
 * they make two or more; else undefined. Reads each letter once.
 */
export function composeLetters(text: string, i: number): [string, number, number][] | undefined {
  const out: [string, number, number][] = [];
  let p = i;
  for (;;) {
    const l = INITIALS.indexOf(text.charAt(p));
    if (l < 0 || !isVowelLetter(text.charCodeAt(p + 1))) break;
    const from = p;
    let vowel = text.charAt(p + 1);
    p += 2;
    const pair = VOWEL_PAIRS[vowel + text.charAt(p)];
    if (pair !== undefined) {
      vowel = pair;
      p++;
    }
    let t = 0;
    // A consonant followed by a vowel starts the next syllable; otherwise it ends this one.
    if (isConsonantLetter(text.charCodeAt(p)) && !isVowelLetter(text.charCodeAt(p + 1))) {
      const two = FINAL_PAIRS[text.charAt(p) + text.charAt(p + 1)];
      if (two !== undefined && !isVowelLetter(text.charCodeAt(p + 2))) {
        t = FINALS.indexOf(two);
        p += 2;
      } else {
        t = FINALS.indexOf(text.charAt(p));
        if (t > 0) p++;
        else t = 0; // ㄸ, ㅃ, ㅉ end no syllable
      }
    }
    const v = vowel.charCodeAt(0) - VOWEL_FIRST;
    out.push([String.fromCharCode(SYLLABLES + (l * 21 + v) * 28 + t), from, p]);
  }
  return out.length >= 2 ? out : undefined;
}

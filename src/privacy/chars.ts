/**
 * Character classes the recognisers test one code unit at a time (no string made, one or two
 * comparisons each).
 */

/** A precomposed Hangul syllable (가–힣): one unsigned comparison, as scans test every character. */
export const isHangul = (c: number): boolean => (c - 0xac00) >>> 0 <= 0xd7a3 - 0xac00;

/** An ASCII digit, 0–9. */
export const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

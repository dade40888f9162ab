/**
 * Check-digit algorithms of Korean and international identifiers. Each takes the digits only
 * (callers strip separators) and returns whether the last digit checks.
 */

const digitsOf = (s: string): number[] => {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) out.push(c);
  }
  return out;
};

export const onlyDigits = (s: string): string => s.replace(/\D+/g, '');

const BIRTH_ID_WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

/** Weighted sum of the first 12 digits of a 13-digit birth-date number, or -1 if not 13 digits. */
function birthIdSum(d: readonly number[]): number {
  if (d.length !== 13) return -1;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (d[i] as number) * (BIRTH_ID_WEIGHTS[i] as number);
  return sum;
}

/** 주민등록번호/외국인등록번호: weights 2-9,2-5; check = (11 − s mod 11) mod 10. */
export function rrnChecksum(s: string): boolean {
  const d = digitsOf(s);
  const sum = birthIdSum(d);
  return sum >= 0 && (11 - (sum % 11)) % 10 === d[12];
}

/** Older 외국인등록번호 used (13 − s mod 11) mod 10 with the same weights. */
export function frnLegacyChecksum(s: string): boolean {
  const d = digitsOf(s);
  const sum = birthIdSum(d);
  return sum >= 0 && (13 - (sum % 11)) % 10 === d[12];
}

/** 사업자등록번호: weights 1,3,7,1,3,7,1,3,5 plus ⌊5·d9/10⌋; check = (10 − s mod 10) mod 10. */
export function brnChecksum(s: string): boolean {
  const d = digitsOf(s);
  if (d.length !== 10) return false;
  const w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (d[i] as number) * (w[i] as number);
  sum += Math.floor(((d[8] as number) * 5) / 10);
  return (10 - (sum % 10)) % 10 === d[9];
}

/** 법인등록번호: weights 1,2,1,2,…; check = (10 − s mod 10) mod 10. */
export function crnChecksum(s: string): boolean {
  const d = digitsOf(s);
  if (d.length !== 13) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (d[i] as number) * (i % 2 === 0 ? 1 : 2);
  return (10 - (sum % 10)) % 10 === d[12];
}

/** EAN-13 (weights 1,3). Korean product barcodes start with 880 and read like birth dates. */
export function ean13(s: string): boolean {
  const d = digitsOf(s);
  if (d.length !== 13) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (d[i] as number) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === d[12];
}

/** An unbroken 13-digit Korean barcode: 880 prefix and a valid EAN-13 check digit. */
export const isKoreanBarcode = (match: string): boolean => /^880\d{10}$/.test(match) && ean13(match);

/** Luhn (ISO/IEC 7812) for payment cards. */
export function luhn(s: string): boolean {
  const d = digitsOf(s);
  if (d.length < 12) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let v = d[d.length - 1 - i] as number;
    if (i % 2 === 1) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return sum % 10 === 0;
}

/** Appends the digit that makes `prefix` pass `check` (used to make format-valid surrogates). */
export function completeWithCheckDigit(prefix: string, check: (s: string) => boolean): string {
  for (let d = 0; d <= 9; d++) if (check(prefix + d)) return prefix + d;
  throw new Error('no check digit satisfies the checksum');
}

/** Validators a deployment can name in a custom recogniser. */
export const namedValidators = {
  rrn: rrnChecksum,
  brn: brnChecksum,
  crn: crnChecksum,
  luhn,
} as const satisfies Record<string, (s: string) => boolean>;

export type ValidatorName = keyof typeof namedValidators;

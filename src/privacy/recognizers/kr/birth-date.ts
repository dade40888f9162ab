/**
 * The first seven digits of 주민등록번호/외국인등록번호 are a birth date and a digit that encodes
 * sex and century: 1,2 / 5,6 → 1900s; 3,4 / 7,8 → 2000s; 9,0 → 1800s.
 */
const CENTURY: Record<string, number> = {
  '1': 1900,
  '2': 1900,
  '3': 2000,
  '4': 2000,
  '5': 1900,
  '6': 1900,
  '7': 2000,
  '8': 2000,
  '9': 1800,
  '0': 1800,
};

export function isRealBirthDate(yymmdd: string, centuryDigit: string, today = new Date()): boolean {
  const century = CENTURY[centuryDigit];
  if (century === undefined || yymmdd.length !== 6) return false;
  const year = century + Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  return Date.UTC(year, month - 1, day) <= today.getTime();
}

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

/**
 * The four-digit year of a birth date written with two ("920706", "200101"): the century that
 * makes it a real date until today, the 2000s first; undefined if neither does.
 */
export function birthYearOf(yymmdd: string, today = new Date()): number | undefined {
  if (isRealBirthDate(yymmdd, '3', today)) return 2000 + Number(yymmdd.slice(0, 2));
  if (isRealBirthDate(yymmdd, '1', today)) return 1900 + Number(yymmdd.slice(0, 2));
  return undefined;
}

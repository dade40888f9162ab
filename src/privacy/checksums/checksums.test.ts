import { describe, expect, it } from 'vitest';
import {
  brnChecksum,
  completeWithCheckDigit,
  crnChecksum,
  frnLegacyChecksum,
  luhn,
  rrnChecksum,
} from './index.js';

describe('check digits', () => {
  it.each([
    ['9001011234568', true],
    ['9001011234567', false],
    ['9912311000007', true],
  ])('RRN %s → %s', (n, ok) => expect(rrnChecksum(n)).toBe(ok));

  it('rejects RRN-length mismatches', () => expect(rrnChecksum('900101123456')).toBe(false));

  it.each([
    ['2208162517', true], // a published company number
    ['2208162518', false],
    ['1234567891', true],
  ])('BRN %s → %s', (n, ok) => expect(brnChecksum(n)).toBe(ok));

  it.each([
    ['1101110005078', true],
    ['1101110005077', false],
  ])('CRN %s → %s', (n, ok) => expect(crnChecksum(n)).toBe(ok));

  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['378282246310005', true],
    ['5500000000000004', true],
  ])('Luhn %s → %s', (n, ok) => expect(luhn(n)).toBe(ok));

  it('ignores separators', () => {
    expect(luhn('4111-1111-1111-1111')).toBe(true);
    expect(rrnChecksum('900101-1234568')).toBe(true);
  });

  it('completes a prefix with the digit that satisfies a checksum', () => {
    for (const check of [rrnChecksum, crnChecksum, frnLegacyChecksum]) {
      expect(check(completeWithCheckDigit('900101523456', check))).toBe(true);
    }
    expect(brnChecksum(completeWithCheckDigit('220816251', brnChecksum))).toBe(true);
  });
});

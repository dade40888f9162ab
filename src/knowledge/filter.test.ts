import { describe, expect, it } from 'vitest';
import { filterFromJson, filterSql } from './filter.js';

describe('search filters from a request', () => {
  it('take page numbers as JSON numbers or digits, and text values quoted', () => {
    expect(filterSql(filterFromJson({ page: [3, '12'], source: "규정's.hwp" }) ?? {})).toBe(
      "source IN ('규정''s.hwp') AND page IN (3, 12)",
    );
  });

  it.each([true, [[2]], 1e21, -1, 2.5, '3a', '', null, {}])('refuse %j as a page', (page) => {
    expect(() => filterFromJson({ page })).toThrow(
      expect.objectContaining({
        code: 'JG_INVALID_REQUEST',
        message: expect.stringContaining('whole page numbers'),
      }),
    );
  });

  it('refuse unknown keys, empty or over-long values, and more than 100 of them', () => {
    expect(() => filterFromJson({ author: 'x' })).toThrow('unknown filter "author"');
    expect(() => filterFromJson({ source: '' })).toThrow('non-empty text');
    expect(() => filterFromJson({ source: 'x'.repeat(1001) })).toThrow('non-empty text');
    expect(() => filterFromJson({ docId: Array(101).fill('a') })).toThrow('1 to 100 values');
    expect(() => filterFromJson([{ docId: 'a' }])).toThrow('"filter" must be an object');
  });
});

import { describe, expect, it } from 'vitest';
import { filterFromJson, filterSql } from '../knowledge/filter.js';
import { filterFromOptions } from './options.js';

describe('search filters', () => {
  it('turns key=value options and JSON into one quoted predicate', () => {
    const f = filterFromOptions(['source=a.hwp', "source=b's.pdf", 'page=3']);
    expect(filterSql(f ?? {})).toBe("source IN ('a.hwp', 'b''s.pdf') AND page IN (3)");
    expect(filterSql(filterFromJson({ docId: 'x', article: ['제1조', '제2조'] }) ?? {})).toBe(
      "doc_id IN ('x') AND article IN ('제1조', '제2조')",
    );
    expect(filterFromOptions([])).toBeUndefined();
    expect(filterFromJson({})).toBeUndefined();
  });

  it('refuses unknown keys and bad values with the reason', () => {
    expect(() => filterFromOptions(['doc_id = x'])).toThrow(/unknown filter "doc_id "/);
    expect(() => filterFromOptions(['page=two'])).toThrow(/whole page numbers/);
    expect(() => filterFromJson({ source: [] })).toThrow(/1 to 100 values/);
    expect(() => filterFromJson(['x'])).toThrow(/must be an object/);
    expect(() => filterFromJson({ title: 3 })).toThrow(/non-empty text/);
  });
});

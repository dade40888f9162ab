import { matches } from '../../matches.js';
import type { Candidate, Category, ScanningRecognizer } from '../../types.js';

/**
 * An identifier written in a form its own recogniser does not read (cut into other groups, its
 * letter said in Hangul), taken only right after its label: within `reach` characters before the
 * match, `label` must stand. Looked for only in a text that holds one of `words` (plain searches),
 * so no other text pays for trying these forms at its numbers (a case-insensitive regex for the
 * label over every text cost more than the searches).
 */
export function afterLabel(spec: {
  type: string;
  category: Category;
  context: readonly string[];
  /** A text without any of these holds no label: the patterns are not tried. */
  words: readonly string[];
  label: RegExp;
  reach: number;
  /** Global regexes. */
  patterns: readonly RegExp[];
  score: number;
  /** Whether a match is the identifier's (a region code, a check). */
  keep?: (match: string) => boolean;
}): ScanningRecognizer {
  return {
    kind: 'scan',
    type: spec.type,
    category: spec.category,
    context: spec.context,
    scan({ text }) {
      const out: Candidate[] = [];
      if (!spec.words.some((w) => text.includes(w))) return out;
      for (const regex of spec.patterns)
        for (const m of matches(regex, text)) {
          if (spec.keep && !spec.keep(m[0])) continue;
          if (!spec.label.test(text.slice(Math.max(0, m.index - spec.reach), m.index))) continue;
          const start = m.index;
          out.push({
            type: spec.type,
            category: spec.category,
            start,
            end: start + m[0].length,
            score: spec.score,
          });
        }
      return out.sort((x, y) => x.start - y.start);
    },
  };
}

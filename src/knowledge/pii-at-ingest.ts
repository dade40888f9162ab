import { createDetector, type Detector } from '../privacy/engine.js';
import { mask } from '../privacy/mask.js';

/**
 * What a collection does with personal data at ingest: `keep` indexes text as it is, `mask`
 * replaces every entity with a tag (〔KR_RRN_1〕) so the index holds no raw identifier, `tag`
 * keeps the text and records the entity types per chunk for policies and reviews.
 */
export type IngestPii = 'keep' | 'mask' | 'tag';

const counts = (types: string[]) => {
  const m = new Map<string, number>();
  for (const t of types) m.set(t, (m.get(t) ?? 0) + 1);
  return [...m].map(([t, n]) => `${t}=${n}`).join(';');
};

export function piiTransform(
  mode: IngestPii,
  detector: Detector = createDetector(),
): (text: string) => { text: string; pii: string } {
  if (mode === 'keep') return (text) => ({ text, pii: '' });
  return (text) => {
    const entities = detector.detect(text);
    const pii = counts(entities.map((e) => e.type));
    return mode === 'mask' ? { text: mask(text, { entities }).text, pii } : { text, pii };
  };
}

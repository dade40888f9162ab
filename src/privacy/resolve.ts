import type { Candidate } from './types.js';

/**
 * Turns overlapping candidates into disjoint entities. Candidates that overlap, directly or through
 * others, become one entity covering all of them, because masking only part of a detected
 * identifier would leak the rest ("a half-masked 주민등록번호 is a leak"); it takes the type of
 * the strongest candidate among them (highest score, then longest, then first).
 *
 * Linear after sorting, whatever the overlaps: text made to chain many candidates (an e-mail
 * address repeated without spaces) once made this quadratic — 320 KB took ~2 s to resolve.
 */
export function resolveOverlaps(candidates: readonly Candidate[]): Candidate[] {
  const byStart = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  let best: Candidate | undefined;
  let start = 0;
  let end = 0;
  for (const c of byStart) {
    if (best && c.start < end) {
      if (stronger(c, best)) best = c;
      end = Math.max(end, c.end);
      continue;
    }
    if (best) out.push({ ...best, start, end });
    best = c;
    start = c.start;
    end = c.end;
  }
  if (best) out.push({ ...best, start, end });
  return out;
}

/** Whether `a` is the stronger evidence: higher score, then longer, then earlier. */
const stronger = (a: Candidate, b: Candidate) =>
  a.score !== b.score
    ? a.score > b.score
    : a.end - a.start !== b.end - b.start
      ? a.end - a.start > b.end - b.start
      : a.start < b.start;

import type { Candidate } from './types.js';

/**
 * Turns overlapping candidates into disjoint entities. The higher score wins a contested span;
 * a losing candidate that reaches outside the winner widens it, because masking only part of a
 * detected identifier would leak the rest ("a half-masked 주민등록번호 is a leak").
 */
export function resolveOverlaps(candidates: readonly Candidate[]): Candidate[] {
  const byStart = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  let cluster: Candidate[] = [];
  let clusterEnd = -1;
  for (const c of byStart) {
    if (c.start >= clusterEnd && cluster.length > 0) {
      out.push(...resolveCluster(cluster));
      cluster = [];
    }
    cluster.push(c);
    clusterEnd = cluster.length === 1 ? c.end : Math.max(clusterEnd, c.end);
  }
  if (cluster.length > 0) out.push(...resolveCluster(cluster));
  return out;
}

const overlaps = (a: Candidate, b: Candidate) => a.start < b.end && b.start < a.end;

function resolveCluster(cluster: Candidate[]): Candidate[] {
  if (cluster.length === 1) return [{ ...(cluster[0] as Candidate) }];
  const ranked = [...cluster].sort(
    (a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const winners: Candidate[] = [];
  const losers: Candidate[] = [];
  for (const c of ranked) (winners.some((w) => overlaps(w, c)) ? losers : winners).push({ ...c });
  for (const l of losers) {
    const w = winners.filter((x) => overlaps(x, l)).sort((a, b) => b.score - a.score)[0];
    if (!w) continue;
    w.start = Math.min(w.start, l.start);
    w.end = Math.max(w.end, l.end);
  }
  // Widening may make winners touch each other: merge them, keeping the stronger type.
  winners.sort((a, b) => a.start - b.start);
  const merged: Candidate[] = [];
  for (const w of winners) {
    const last = merged[merged.length - 1];
    if (last && w.start < last.end) {
      const keep = w.score > last.score ? w : last;
      merged[merged.length - 1] = { ...keep, start: last.start, end: Math.max(last.end, w.end) };
    } else merged.push(w);
  }
  return merged;
}

import type { Residency } from '../core/config.js';
import { JugwonError } from '../core/errors.js';
import { type Decision, decide } from '../policy/decide.js';
import type { Preset } from '../policy/presets.js';
import { mask } from '../privacy/mask.js';
import type { Category, Entity } from '../privacy/types.js';
import { PseudonymVault } from '../privacy/vault.js';
import type { TextSlot } from './texts.js';

/** What the personal-data scan of one request found: per slot entities, and counts only. */
export interface Findings {
  entities: Entity[][];
  categories: Set<Category>;
  countsByCategory: Record<string, number>;
  total: number;
}

/** Detects personal data in many texts at once (off the event loop when they are large). */
export type DetectAll = (texts: string[], o?: { maxFindings?: number }) => Entity[][] | Promise<Entity[][]>;

/**
 * A slot's own findings, sorted: whether a span overlaps one of them, in log time. The joined
 * reading's findings do not overlap one another, so the pieces it adds need not be looked up.
 */
class SlotFindings {
  private readonly sorted: Entity[];
  constructor(own: readonly Entity[]) {
    this.sorted = [...own].sort((a, b) => a.start - b.start);
  }
  overlaps(span: { start: number; end: number }): boolean {
    // The last finding that starts before the span ends; findings of one reading do not overlap,
    // so only it can reach into the span.
    let lo = 0;
    let hi = this.sorted.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.sorted[mid] as Entity).start < span.end) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && (this.sorted[last] as Entity).end > span.start;
  }
}

/**
 * Scans every text slot. The conversation's message texts (the first `content` slots, in order)
 * are also read as one text, so an identifier split across parts or messages ("900101-" in one,
 * "1234568" in the next) is still found: each slot then gets the piece of it that it holds — and
 * so is a value whose label is in another message ("주민등록번호가 필요합니다" / "뒷자리는
 * 1234568입니다"). Any failure here refuses the request (fail closed): a request whose personal
 * data could not be checked is never forwarded.
 */
export async function scan(
  detectAll: DetectAll,
  slots: readonly TextSlot[],
  content = 0,
  maxFindings = Number.POSITIVE_INFINITY,
): Promise<Findings> {
  try {
    const texts = slots.map((s) => s.get());
    const joined = content > 1 ? texts.slice(0, content).join('') : undefined;
    // The joined reading finds what the slots do again: the limit counts both.
    const limit = joined === undefined ? maxFindings : 2 * maxFindings;
    const tooMany = () => new JugwonError('JG_TOO_MANY_FINDINGS', { limit: maxFindings });
    const lists = await Promise.resolve(
      detectAll(joined === undefined ? texts : [...texts, joined], { maxFindings: limit }),
    ).catch((e: unknown) => {
      throw e instanceof JugwonError && e.code === 'JG_TOO_MANY_FINDINGS' ? tooMany() : e;
    });
    if (lists.reduce((n, l) => n + l.length, 0) > limit) throw tooMany();
    const entities = lists.slice(0, texts.length);
    const found = entities.flat();
    if (joined !== undefined) {
      // New is what crosses a boundary, or what context in another slot made personal data.
      // Each slot's own findings, looked up by binary search (a message can hold thousands).
      const readings = new Map<number, SlotFindings>();
      const ownReading = (i: number) => {
        const known = readings.get(i);
        if (known) return known;
        const r = new SlotFindings(entities[i] as Entity[]);
        readings.set(i, r);
        return r;
      };
      const starts: number[] = [];
      let at = 0;
      for (const t of texts.slice(0, content)) {
        starts.push(at);
        at += t.length;
      }
      for (const e of lists[texts.length] ?? []) {
        const pieces: [number, Entity][] = [];
        // The slots it overlaps, from the last one starting at or before it (binary search: a
        // loop over every slot per finding would be quadratic in a request of many messages).
        let lo = 0;
        let hi = content - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if ((starts[mid] as number) <= e.start) lo = mid;
          else hi = mid - 1;
        }
        for (let i = lo; i < content && (starts[i] as number) < e.end; i++) {
          const s0 = starts[i] as number;
          const a = Math.max(e.start, s0);
          const b = Math.min(e.end, s0 + (texts[i] as string).length);
          if (a < b) pieces.push([i, { ...e, start: a - s0, end: b - s0, text: joined.slice(a, b) }]);
        }
        // Within one slot, new only where the slot's own reading found nothing: its label or
        // title was in the message before ("고객명을 알려 주세요" / "김민준").
        if (pieces.length === 1) {
          const [i, piece] = pieces[0] as [number, Entity];
          if (ownReading(i).overlaps(piece)) continue;
        }
        found.push(e);
        // A piece overlapping what the slot found already is covered by that finding.
        for (const [i, piece] of pieces)
          if (!ownReading(i).overlaps(piece)) (entities[i] as Entity[]).push(piece);
      }
    }
    const categories = new Set<Category>();
    const countsByCategory: Record<string, number> = {};
    for (const e of found) {
      categories.add(e.category);
      countsByCategory[e.category] = (countsByCategory[e.category] ?? 0) + 1;
    }
    return { entities, categories, countsByCategory, total: found.length };
  } catch (e) {
    throw policyError(e);
  }
}

export function judge(preset: Preset, findings: Findings, residency: Residency): Decision {
  try {
    return decide(preset, findings.categories, residency);
  } catch (e) {
    throw policyError(e);
  }
}

/** Replaces every found entity in the slots with its stand-in; returns the vault to restore with. */
export function pseudonymise(
  slots: readonly TextSlot[],
  findings: Findings,
  mode: 'tag' | 'surrogate',
): PseudonymVault {
  try {
    const vault = new PseudonymVault({ mode });
    // Stand-ins that the request already holds anywhere are never used: restoring the answer
    // would otherwise rewrite the caller's own text into someone's value.
    const avoid = slots.map((s) => s.get()).join('\n');
    slots.forEach((s, i) => {
      const entities = findings.entities[i] ?? [];
      if (entities.length > 0) s.set(mask(s.get(), { vault, entities, avoid }).text);
    });
    for (const s of slots) s.commit?.();
    return vault;
  } catch (e) {
    throw policyError(e);
  }
}

function policyError(e: unknown): JugwonError {
  if (e instanceof JugwonError && (e.code === 'JG_POLICY_ERROR' || e.code === 'JG_TOO_MANY_FINDINGS'))
    return e;
  const err = new JugwonError('JG_POLICY_ERROR');
  err.cause = e;
  return err;
}

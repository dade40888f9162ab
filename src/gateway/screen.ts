import type { Residency } from '../core/config.js';
import { JugwonError } from '../core/errors.js';
import { type Decision, decide } from '../policy/decide.js';
import type { Preset } from '../policy/presets.js';
import type { Detector } from '../privacy/engine.js';
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

/**
 * Scans every text slot. Any failure here refuses the request (fail closed): a request whose
 * personal data could not be checked is never forwarded.
 */
export function scan(detector: Detector, slots: readonly TextSlot[]): Findings {
  try {
    const entities = slots.map((s) => detector.detect(s.get()));
    const categories = new Set<Category>();
    const countsByCategory: Record<string, number> = {};
    let total = 0;
    for (const list of entities) {
      for (const e of list) {
        categories.add(e.category);
        countsByCategory[e.category] = (countsByCategory[e.category] ?? 0) + 1;
        total++;
      }
    }
    return { entities, categories, countsByCategory, total };
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
    return vault;
  } catch (e) {
    throw policyError(e);
  }
}

function policyError(e: unknown): JugwonError {
  if (e instanceof JugwonError && e.code === 'JG_POLICY_ERROR') return e;
  const err = new JugwonError('JG_POLICY_ERROR');
  err.cause = e;
  return err;
}

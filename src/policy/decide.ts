import type { Residency } from '../core/config.js';
import type { Category } from '../privacy/types.js';
import type { Preset } from './presets.js';

export type Action = 'allow' | 'mask' | 'block';

export interface Decision {
  action: Action;
  /** Categories that forced the action (for the error message and the audit record). */
  because: Category[];
}

/**
 * What may happen to a request carrying `categories` on its way to a model of `residency`:
 * `allow` when every category may go raw, `mask` when every one may go at least pseudonymised,
 * `block` otherwise. No personal data: allow.
 */
export function decide(preset: Preset, categories: ReadonlySet<Category>, residency: Residency): Decision {
  const notRaw: Category[] = [];
  const notMasked: Category[] = [];
  for (const c of categories) {
    const rule = preset[c];
    if (rule.raw.includes(residency)) continue;
    notRaw.push(c);
    if (!rule.masked.includes(residency)) notMasked.push(c);
  }
  if (notMasked.length > 0) return { action: 'block', because: notMasked };
  if (notRaw.length > 0) return { action: 'mask', because: notRaw };
  return { action: 'allow', because: [] };
}

import type { Residency } from '../core/config.js';
import type { PresetName } from '../core/names.js';
import type { Category } from '../privacy/types.js';

/**
 * Where each category of personal data may go. `raw`: residencies that may receive the values
 * as they are; `masked`: residencies that may receive them pseudonymised. Anything else is a
 * violation, refused or rerouted.
 */
export type CategoryRule = { raw: readonly Residency[]; masked: readonly Residency[] };
export type Preset = Readonly<Record<Category, CategoryRule>>;

const ONPREM_ONLY: CategoryRule = { raw: ['onprem'], masked: ['onprem'] };

export const presets = {
  /**
   * PIPA strict: 고유식별정보 (unique identifiers) and 민감정보 (sensitive data) never leave the
   * premises, not even pseudonymised; other personal and credit data leave only pseudonymised.
   */
  'pipa-strict': {
    unique_identifier: ONPREM_ONLY,
    sensitive: ONPREM_ONLY,
    credit: { raw: ['onprem'], masked: ['domestic', 'foreign'] },
    personal: { raw: ['onprem'], masked: ['domestic', 'foreign'] },
  },
  /**
   * In the spirit of the 2024 financial-sector sandbox: pseudonymised credit and personal data may
   * go to domestic cloud models, never abroad; unique identifiers and sensitive data stay on-prem.
   */
  'finance-sandbox': {
    unique_identifier: ONPREM_ONLY,
    sensitive: ONPREM_ONLY,
    credit: { raw: ['onprem'], masked: ['domestic'] },
    personal: { raw: ['onprem'], masked: ['domestic'] },
  },
  /** No restriction: values reach every model as they are (for testing and non-personal use). */
  open: {
    unique_identifier: { raw: ['onprem', 'domestic', 'foreign'], masked: [] },
    sensitive: { raw: ['onprem', 'domestic', 'foreign'], masked: [] },
    credit: { raw: ['onprem', 'domestic', 'foreign'], masked: [] },
    personal: { raw: ['onprem', 'domestic', 'foreign'], masked: [] },
  },
} as const satisfies Record<PresetName, Preset>;

export type { PresetName };

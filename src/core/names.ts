/** The one list of policy presets and of roles: config, CLI, HTTP and console checks read these. */
export const PRESET_NAMES = ['pipa-strict', 'finance-sandbox', 'open'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/**
 * `operator` runs the platform: every tenant, its settings and shared collections. `admin`
 * administers its own tenant (users, keys); `compliance` reads its own tenant's audit trail and
 * usage; `member` uses the models and collections its tenant may.
 */
export const ROLES = ['operator', 'admin', 'compliance', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const isPresetName = (v: unknown): v is PresetName =>
  typeof v === 'string' && (PRESET_NAMES as readonly string[]).includes(v);
export const isRole = (v: unknown): v is Role =>
  typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** The one list of policy presets and of roles: config, CLI, HTTP and console checks read these. */
export const PRESET_NAMES = ['pipa-strict', 'finance-sandbox', 'open'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const ROLES = ['admin', 'compliance', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const isPresetName = (v: unknown): v is PresetName =>
  typeof v === 'string' && (PRESET_NAMES as readonly string[]).includes(v);
export const isRole = (v: unknown): v is Role =>
  typeof v === 'string' && (ROLES as readonly string[]).includes(v);

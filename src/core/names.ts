/** The one list of policy presets and of roles: config, CLI, HTTP and console checks read these. */
export const PRESET_NAMES = ['pipa-strict', 'finance-sandbox', 'open'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/**
 * `operator` runs the platform: every tenant, its settings and shared collections. `admin`
 * administers its own tenant (users, keys); `compliance` reads its own tenant's audit trail and
 * usage; `member` uses the models and collections its tenant may.
 */
/**
 * How generated answers are labelled (인공지능 기본법 제31조): `on` — a response header and a field
 * on every answer; `visible` — also a notice in the answer's text; `off` — the internal-use
 * exemption, chosen explicitly.
 */
export const AI_LABELS = ['on', 'visible', 'off'] as const;
export type AiLabel = (typeof AI_LABELS)[number];

/**
 * Data classes: the public sector's 국가망 보안체계 (N2SF) classes — `C` (기밀, classified), `S`
 * (민감, sensitive), `O` (공개, open) — and `credit` (신용정보, credit information under the
 * financial rules on outsourcing and cloud). A collection, a tenant or a request carries classes;
 * the policy says which residencies each may reach.
 */
export const DATA_CLASSES = ['O', 'S', 'C', 'credit'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];
export const isDataClass = (v: unknown): v is DataClass =>
  typeof v === 'string' && (DATA_CLASSES as readonly string[]).includes(v);

/**
 * What a tenant's users get back where personal data was pseudonymised: `restore` (default) — the
 * answer with the original values put back; `keep` — the answer with the stand-ins, for users of
 * pseudonymised results who must not see originals (가명정보 이용).
 */
export const PSEUDONYM_MODES = ['restore', 'keep'] as const;
export type PseudonymMode = (typeof PSEUDONYM_MODES)[number];

export const ROLES = ['operator', 'admin', 'compliance', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const isPresetName = (v: unknown): v is PresetName =>
  typeof v === 'string' && (PRESET_NAMES as readonly string[]).includes(v);
export const isRole = (v: unknown): v is Role =>
  typeof v === 'string' && (ROLES as readonly string[]).includes(v);

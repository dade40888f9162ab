export { type CustomRecognizerSpec, compileCustomRecognizer } from './custom.js';
export {
  createDetector,
  DEFAULT_THRESHOLD,
  type DenyListEntry,
  type Detector,
  type DetectorOptions,
  detect,
} from './engine.js';
export { detectorFromConfig } from './from-config.js';
export { type MaskOptions, type MaskResult, mask, restore } from './mask.js';
export { normalize } from './normalize.js';
export { commonPack, defaultPacks, krPack } from './registry.js';
export { createStreamRestorer, type StreamRestorer } from './stream-restore.js';
export type { Candidate, Category, Entity, Recognizer, RecognizerPack, Validation } from './types.js';
export { type PseudonymMode, PseudonymVault, type VaultOptions } from './vault.js';

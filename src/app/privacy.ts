import { mask } from '../privacy/mask.js';
import type { Platform } from './platform.js';

/** The PII inspector: what the configured detector finds in a text, and the text masked. Nothing is kept. */
export function scanText(platform: Pick<Platform, 'detector'>, text: string) {
  const entities = platform.detector.detect(text);
  return { entities, masked: mask(text, { entities }).text };
}

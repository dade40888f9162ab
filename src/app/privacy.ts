import { mask } from '../privacy/mask.js';
import type { Platform } from './platform.js';

/** The PII inspector: what the configured detector finds in a text, and the text masked. Nothing is kept. */
export async function scanText(platform: Pick<Platform, 'detectAll'>, text: string) {
  const [entities = []] = await platform.detectAll([text]);
  return { entities, masked: mask(text, { entities }).text };
}

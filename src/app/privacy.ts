import { mask } from '../privacy/mask.js';
import type { Platform } from './platform.js';

/** The PII inspector: what the configured detector finds in a text, and the text masked. Nothing is kept. */
export async function scanText(platform: Pick<Platform, 'detectAll'>, text: string) {
  const [entities = []] = await platform.detectAll([text]);
  return { entities, masked: mask(text, { entities }).text };
}

/**
 * A text bound for the server's log (an unexpected error's message and stack, an upstream's error
 * message) with its personal data replaced by tags: an on-premises model server may echo a prompt
 * in an error. If detection itself fails, nothing of the text is logged.
 */
export function forLog(platform: Pick<Platform, 'detector'>, text: string): string {
  try {
    return mask(text, { detector: platform.detector }).text;
  } catch {
    return '(withheld: personal-data detection failed)';
  }
}

import type { PrivacyConfig } from '../core/config.js';
import { createDetector, type Detector } from './engine.js';

export function detectorFromConfig(
  privacy: PrivacyConfig,
  overrides: { threshold?: number; types?: string[] } = {},
): Detector {
  return createDetector({
    threshold: overrides.threshold ?? privacy.threshold,
    ...(overrides.types ? { types: overrides.types } : {}),
    allow: privacy.allow,
    deny: privacy.deny,
    custom: privacy.recognizers,
  });
}

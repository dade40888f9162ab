import type { FastifyPluginAsync } from 'fastify';
import type { Platform } from '../app/platform.js';
import { scanText } from '../app/privacy.js';
import { S } from './context.js';

/** The PII inspector: what the detector finds in a text, and the text masked. Nothing is kept. */
export const privacyRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    app.post(
      '/api/pii/scan',
      { schema: { body: S.object({ text: { type: 'string', maxLength: 1_000_000 } }, ['text']) } },
      async (request) => scanText(platform, (request.body as { text: string }).text),
    );
  };

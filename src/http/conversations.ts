import type { FastifyPluginAsync } from 'fastify';
import { Conversations } from '../app/conversations.js';
import type { Platform } from '../app/platform.js';
import { ctxOf, S } from './context.js';

const turns = { type: 'array', maxItems: 500 } as const;

/** A signed-in user's conversations: list, open, save, rename, delete (their own only). */
export const conversationRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    const service = new Conversations(platform);
    const who = (request: Parameters<typeof ctxOf>[0]) => ctxOf(request).principal;
    app.get('/api/conversations', async (request) => ({ data: await service.list(who(request)) }));
    app.post(
      '/api/conversations',
      { schema: { body: S.object({ title: S.str, turns }, ['turns']) } },
      async (request) => {
        const b = request.body as { title?: string; turns: unknown };
        return service.create(who(request), b.title ?? '', b.turns);
      },
    );
    app.get('/api/conversations/:id', { schema: { params: S.params('id') } }, async (request) =>
      service.get(who(request), (request.params as { id: string }).id),
    );
    app.put(
      '/api/conversations/:id',
      { schema: { params: S.params('id'), body: S.object({ title: S.str, turns }) } },
      async (request) =>
        service.update(
          who(request),
          (request.params as { id: string }).id,
          request.body as { title?: string; turns?: unknown },
        ),
    );
    app.delete('/api/conversations/:id', { schema: { params: S.params('id') } }, async (request) => {
      await service.remove(who(request), (request.params as { id: string }).id);
      return { deleted: true };
    });
  };

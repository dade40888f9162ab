import type { FastifyPluginAsync } from 'fastify';
import { readableCollection } from '../app/collections.js';
import { deleteDocument, ingestUpload, listCollections, search } from '../app/knowledge.js';
import type { Platform } from '../app/platform.js';
import { JugwonError } from '../core/errors.js';
import { filterFromJson } from '../knowledge/filter.js';
import { LIMITS } from '../knowledge/parsers/limits.js';
import { type UploadEntry, UploadLog, type UploadState } from '../knowledge/upload-status.js';
import { ctxOf, S } from './context.js';

interface DocumentState {
  docId: string;
  source: string;
  chunks: number;
  state: 'indexed' | UploadState;
  since?: string;
  error?: { code: string; message: string };
}

/**
 * The documents of a collection with their state: indexed (from the index), or processing / failed
 * (from the upload log). A document whose new upload is under way or failed keeps its indexed
 * chunks, and says so.
 */
function withUploadStates(
  indexed: { docId: string; source: string; chunks: number }[],
  log: UploadEntry[],
): DocumentState[] {
  const rows = new Map<string, DocumentState>(indexed.map((d) => [d.docId, { ...d, state: 'indexed' }]));
  for (const u of log)
    rows.set(u.file, {
      docId: u.file,
      source: rows.get(u.file)?.source ?? u.file,
      chunks: rows.get(u.file)?.chunks ?? 0,
      state: u.state,
      since: u.at,
      ...(u.error ? { error: u.error } : {}),
    });
  return [...rows.values()].sort((a, b) => a.docId.localeCompare(b.docId));
}

/** Collections and documents for the console: upload, list, delete, search. */
export const knowledgeRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    const uploads = new UploadLog(platform.config.dataDir);

    app.get('/api/collections', async (request) => ({
      data: (await listCollections(platform, ctxOf(request))).map(({ pii: _pii, ...c }) => c),
    }));

    app.get('/api/collections/:name/documents', { schema: { params: S.params('name') } }, async (request) => {
      const { name } = request.params as { name: string };
      readableCollection(platform.config.dataDir, name, ctxOf(request).principal);
      const indexed = await (await platform.knowledge()).documents(name);
      return { data: withUploadStates(indexed, uploads.list(name)) };
    });

    // Documents arrive as the raw bytes of one file per request (per-file progress and errors),
    // in a scope that reads no other body: any other type is refused as such (415).
    await app.register(async (upload) => {
      upload.removeAllContentTypeParsers();
      upload.addContentTypeParser(
        'application/octet-stream',
        { parseAs: 'buffer', bodyLimit: LIMITS.fileBytes },
        (_r, body, done) => done(null, body),
      );
      upload.put(
        '/api/collections/:name/documents/:file',
        { schema: { params: S.params('name', 'file') } },
        async (request) => {
          const { name, file } = request.params as { name: string; file: string };
          if (!Buffer.isBuffer(request.body) || request.body.length === 0)
            throw new JugwonError('JG_INVALID_REQUEST', {
              problem: 'send the file as application/octet-stream',
            });
          return ingestUpload(platform, ctxOf(request), name, file, request.body, uploads);
        },
      );
    });

    app.delete(
      '/api/collections/:name/documents/:docId',
      { schema: { params: S.params('name', 'docId') } },
      async (request) => {
        const { name, docId } = request.params as { name: string; docId: string };
        // Its chunks (if any reached the index) and any failure listed under its name.
        await deleteDocument(platform, ctxOf(request), name, docId);
        uploads.forget(name, docId);
        return { deleted: docId };
      },
    );

    app.post(
      '/api/collections/:name/search',
      {
        schema: {
          params: S.params('name'),
          body: S.object(
            {
              query: { type: 'string', pattern: '\\S' },
              k: { type: 'integer', minimum: 1, maximum: 100 },
              filter: {},
            },
            ['query'],
          ),
        },
      },
      async (request) => {
        const { name } = request.params as { name: string };
        const b = request.body as { query: string; k?: number; filter?: unknown };
        return {
          data: await search(platform, ctxOf(request), name, b.query, b.k ?? 10, filterFromJson(b.filter)),
        };
      },
    );
  };

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built web console (dist/web) at /. The files are read once at start into a table,
 * so no request path ever reaches the file system (nothing can escape the folder).
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

// Two levels up from src/http or dist/http is the package root.
export const WEB_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

export function registerConsole(app: FastifyInstance, dir: string = WEB_DIR): void {
  const files = new Map<string, { body: Buffer; type: string }>();
  if (existsSync(join(dir, 'index.html'))) {
    for (const file of walk(dir)) {
      const url = `/${relative(dir, file).split(sep).join('/')}`;
      files.set(url, { body: readFileSync(file), type: TYPES[extname(file)] ?? 'application/octet-stream' });
    }
  }
  const send = (url: string) => async (_request: unknown, reply: import('fastify').FastifyReply) => {
    const f = files.get(url);
    if (!f)
      return reply
        .type('text/plain; charset=utf-8')
        .status(503)
        .send('The web console is not built: run npm run build.\n');
    return reply
      .headers(SECURITY_HEADERS)
      .header('cache-control', url === '/index.html' ? 'no-cache' : 'public, max-age=31536000, immutable')
      .type(f.type)
      .send(f.body);
  };
  app.get('/', send('/index.html'));
  for (const url of files.keys()) if (url !== '/index.html') app.get(url, send(url));
}

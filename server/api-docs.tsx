/**
 * GET /docs: the API reference (Swagger UI) from the installed `swagger-ui-dist` package,
 * served by this service: no script or style from another origin (the session cookie's origin
 * runs only its own code) and it works offline. The page loads the bundle, its stylesheet and
 * a small script of ours that points it at /openapi.json; a Content-Security-Policy allows
 * only this origin. The files are read on first request and kept; their URLs carry the
 * package's version, so browsers may keep them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

const distDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const version = (JSON.parse(readFileSync(join(distDir, 'package.json'), 'utf8')) as { version: string }).version;
const base = `/docs/swagger-ui/${version}`;

/** Ours: starts Swagger UI on the service's own OpenAPI document; no validator badge (it would call validator.swagger.io). */
const init = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });\n`;

const files: Record<string, { type: string; read: () => string }> = {
  'swagger-ui-bundle.js': { type: 'text/javascript; charset=utf-8', read: () => readFileSync(join(distDir, 'swagger-ui-bundle.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n') },
  'swagger-ui.css': { type: 'text/css; charset=utf-8', read: () => readFileSync(join(distDir, 'swagger-ui.css'), 'utf8').replace(/\n?\/\*# sourceMappingURL=\S+ \*\/\s*$/, '\n') },
  'init.js': { type: 'text/javascript; charset=utf-8', read: () => init },
};
const loaded = new Map<string, string>();

export const docsContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const security = { 'Content-Security-Policy': docsContentSecurityPolicy, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' };

function DocsPage() {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Editions API</title>
        <link rel="stylesheet" href={`${base}/swagger-ui.css`} />
      </head>
      <body>
        <div id="swagger-ui" />
        <script src={`${base}/swagger-ui-bundle.js`} />
        <script src={`${base}/init.js`} />
      </body>
    </html>
  );
}

export function apiDocsRoutes() {
  const app = new Hono();
  app.get('/docs', async (c) => c.html(`<!doctype html>\n${(await (<DocsPage />)).toString()}`, 200, { ...security, 'Cache-Control': 'no-cache' }));
  app.get(`${base}/:name`, (c) => {
    const name = c.req.param('name');
    const file = files[name];
    if (!file) return c.notFound();
    let body = loaded.get(name);
    if (body === undefined) {
      body = file.read();
      loaded.set(name, body);
    }
    return c.body(body, 200, { ...security, 'Content-Type': file.type, 'Cache-Control': 'public, max-age=31536000, immutable' });
  });
  return app;
}

/**
 * The pages' stylesheet and script, plain files served as they are, the editor's bundle
 * (client-bundle.ts: named by its content's hash, cached for good), and a
 * site icon (browsers ask for /favicon.ico on every page, the published ones too).
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { editorBundle } from './client-bundle.ts';

const read = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

export function assetRoutes() {
  const app = new Hono();
  const files: Record<string, { body: string; type: string }> = {
    'pages.js': { body: read('pages.js'), type: 'text/javascript; charset=utf-8' },
    'pages.css': { body: read('pages.css'), type: 'text/css; charset=utf-8' },
  };
  const icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b57b0"/><path d="M4 4h8v2H6v1.5h5v2H6V11h6v2H4z" fill="#fff"/></svg>';
  app.get('/favicon.ico', (c) => c.body(icon, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }));
  app.get('/assets/:name', (c) => {
    const editor = editorBundle();
    if (c.req.param('name') === editor.name) {
      return c.body(editor.body, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' });
    }
    const file = files[c.req.param('name')];
    if (!file) return c.notFound();
    return c.body(file.body, 200, { 'Content-Type': file.type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
  });
  return app;
}

/**
 * The pages' editor script (server/pages/client/editor.ts and CodeMirror 6), bundled with
 * esbuild in memory the first time it is asked for (about a tenth of a second), by whatever
 * process serves the pages: `npm start`, a test's server, on a clean clone after `npm ci`, with
 * no build step to forget and no stale file. Served as /assets/editor-<hash>.js, immutable.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

export interface ClientBundle {
  name: string;
  body: string;
}

let bundle: ClientBundle | undefined;

export function editorBundle(): ClientBundle {
  if (bundle) return bundle;
  const result = buildSync({
    entryPoints: [fileURLToPath(new URL('./client/editor.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const body = result.outputFiles[0]!.text;
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  bundle = { name: `editor-${hash}.js`, body };
  return bundle;
}

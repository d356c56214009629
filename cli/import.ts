/**
 * `editions import <file.md|folder> [--slug s] [--locale en]`: statements from Markdown
 * files. A folder is read as content/statements is laid out (<slug>/source.<locale>.md),
 * or as plain <slug>.md files. A statement that exists gets a new source revision when its
 * text changed.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DomainError } from '../src/errors.ts';
import { createStatement } from '../src/operations/create-statement.ts';
import { reviseSource } from '../src/operations/revise-source.ts';
import { readDocument } from '../src/read-document.ts';
import type { Actor } from '../src/workflow/roles.ts';
import type { Command } from './command.ts';
import { withContext } from './context.ts';
import { parse } from './parse-args.ts';

/** The CLI works on the database directly, as its operator: an admin. */
export const operator: Actor = { id: 'cli', name: 'editions CLI', roles: [{ role: 'admin', locale: '*' }] };

interface Source {
  path: string;
  slug: string;
  locale: string;
}

function sourcesIn(path: string, slug: string | undefined, locale: string | undefined): Source[] {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new DomainError('input_unreadable', `Cannot read ${path}: no such file or folder`, { field: path, path });
  }
  if (!isDir) return [{ path, ...nameOf(path, slug, locale) }];
  const out: Source[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) {
      const file = readdirSync(full).find((f) => /^source\.[A-Za-z0-9-]+\.md$/.test(f));
      if (file) out.push({ path: join(full, file), slug: entry.name, locale: locale ?? file.split('.')[1]! });
    } else if (entry.name.endsWith('.md') && entry.name !== 'README.md') {
      out.push({ path: full, ...nameOf(full, undefined, locale) });
    }
  }
  return out;
}

function nameOf(path: string, slug: string | undefined, locale: string | undefined) {
  const file = basename(path);
  const m = /^source\.([A-Za-z0-9-]+)\.md$/.exec(file);
  if (m) return { slug: slug ?? basename(join(path, '..')), locale: locale ?? m[1]! };
  return { slug: slug ?? file.replace(/\.md$/, '').toLowerCase(), locale: locale ?? 'en' };
}

export const importCommand: Command = async (args, { config, stdout }) => {
  const { positionals, values } = parse(args, { slug: { type: 'string' }, locale: { type: 'string' } }, 1);
  const sources = sourcesIn(positionals[0]!, values.slug as string | undefined, values.locale as string | undefined);
  return withContext(config, async (ctx) => {
    for (const s of sources) {
      const markdown = await readDocument(s.path, config.maxDocumentBytes);
      const existing = await ctx.store.db.selectFrom('statements').select('current_revision').where('slug', '=', s.slug).executeTakeFirst();
      if (existing) {
        const r = await reviseSource(ctx, operator, { slug: s.slug, markdown, expectedRevision: existing.current_revision });
        stdout.write(`${s.slug}: ${r.created ? `revision ${r.revision} (${r.stale} stale segments)` : 'unchanged'}\n`);
      } else {
        const created = await createStatement(ctx, operator, { slug: s.slug, sourceLocale: s.locale, markdown });
        stdout.write(`${s.slug}: created (${s.locale}, ${created.segments.length} segments)\n`);
      }
    }
    return 0;
  });
};

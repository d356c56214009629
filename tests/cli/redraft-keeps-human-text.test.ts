/**
 * `editions drafts` after a source revision: the stale segment keeps its translator's text
 * and state; the new machine draft goes into its machine column, and the run reports what it
 * drafted truthfully. The CLI runs in a child process on a real SQLite file, which this
 * process prepares and reads through the operations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTranslatableKeys } from '../../src/markdown/frontmatter.ts';
import { pseudoText } from '../../src/mt/pseudo.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { authenticate, createUser } from '../../src/operations/users.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Actor } from '../../src/workflow/roles.ts';
import { runCli } from '../support/run-cli.ts';

const slug = 'water-points';
const oldParagraph = 'We repaired twelve wells in March.';
const newParagraph = 'We repaired fourteen wells in March and April.';
const markdown = (p: string) => `# Water points\n\n${p}\n\nThe district council paid for the pumps.\n`;

let dir: string;
let env: Record<string, string>;
let ctx: OperationContext;
let publisher: Actor;
let translator: Actor;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'editions-cli-redraft-'));
  env = { EDITIONS_DB: join(dir, 'editions.db'), EDITIONS_APERTIUM: 'off' };
  ctx = { store: await openSqliteStore(env.EDITIONS_DB!), now: () => new Date(), frontMatterKeys: defaultTranslatableKeys, maxDocumentBytes: 1_000_000 };
  const person = async (name: string, roles: { role: string; locale: string }[]) => authenticate(ctx, (await createUser(ctx, null, { name, roles })).token);
  publisher = await person('Pia Publisher', [{ role: 'publisher', locale: '*' }]);
  translator = await person('Tomás Traductor', [{ role: 'translator', locale: 'es' }]);
});
afterAll(async () => {
  await ctx.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('editions drafts after a source revision', () => {
  it('keeps the translator’s text of the stale segment and puts the new draft beside it', async () => {
    await createStatement(ctx, publisher, { slug, sourceLocale: 'en', markdown: markdown(oldParagraph) });
    const first = runCli(['drafts', slug, '--to', 'es', '--provider', 'pseudo'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^es: done, 3\/3 drafted by pseudo/m);
    for (const s of (await getTranslation(ctx, slug, 'es')).segments) {
      await editSegment(ctx, translator, { slug, locale: 'es', segmentId: s.id, text: `ES ${s.source}`, expectedVersion: s.version });
    }
    await reviseSource(ctx, publisher, { slug, markdown: markdown(newParagraph), expectedRevision: 1 });

    const again = runCli(['drafts', slug, '--to', 'es', '--provider', 'pseudo'], env);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^es: done, 1\/1 drafted by pseudo \(0 from memory, 0 flagged, 0 failed, /m);

    const segments = (await getTranslation(ctx, slug, 'es')).segments;
    const stale = segments.find((s) => s.source === newParagraph)!;
    expect(stale).toMatchObject({ state: 'stale', text: `ES ${oldParagraph}`, lastEditor: translator.id, machine: pseudoText(newParagraph), previousSource: oldParagraph });
    for (const s of segments.filter((x) => x.id !== stale.id)) expect(s).toMatchObject({ state: 'translated', text: `ES ${s.source}`, machine: pseudoText(s.source) });

    // Nothing is left to draft.
    expect(runCli(['drafts', slug, '--to', 'es', '--provider', 'pseudo'], env).stdout).toMatch(/^es: done, 0\/0 drafted by pseudo/m);
    expect((await getTranslation(ctx, slug, 'es')).segments).toEqual(segments);
  });
});

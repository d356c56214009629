/** Creates a statement with its first source revision. */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors.ts';
import { canonicalLocale } from '../locale.ts';
import { isUniqueViolation } from '../store/store.ts';
import { validateSlug } from '../validation.ts';
import { requireCan, type Actor } from '../workflow/roles.ts';
import { iso, type OperationContext } from './context.ts';
import { insertRevision, prepareSource } from './source-document.ts';

export interface CreateStatementInput {
  slug: string;
  sourceLocale: string;
  markdown: string;
  collection?: string;
}

export async function createStatement(ctx: OperationContext, actor: Actor, input: CreateStatementInput) {
  const slug = validateSlug(input.slug);
  const sourceLocale = canonicalLocale(input.sourceLocale);
  requireCan(actor, 'import', sourceLocale);
  const source = await prepareSource(ctx, input.markdown);
  const at = iso(ctx);
  const statement = {
    id: randomUUID(),
    slug,
    source_locale: sourceLocale,
    collection: input.collection ?? null,
    current_revision: 1,
    created_by: actor.id,
    created_at: at,
    updated_at: at,
  };
  try {
    await ctx.store.transaction(async (trx) => {
      const existing = await trx.selectFrom('statements').select('id').where('slug', '=', slug).executeTakeFirst();
      if (existing) throw new DomainError('statement_exists', `A statement ${JSON.stringify(slug)} exists already`, { slug });
      await trx.insertInto('statements').values(statement).execute();
      await insertRevision(trx, statement.id, 1, input.markdown, source, actor.id, at);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('statement_exists', `A statement ${JSON.stringify(slug)} exists already`, { slug });
    throw error;
  }
  return { statement, revision: 1, segments: source.segments, title: source.title, hash: source.hash };
}

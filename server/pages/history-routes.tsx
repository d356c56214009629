/** The history page of a statement (read only). */
import { Hono } from 'hono';
import type { OperationContext } from '../../src/operations/context.ts';
import { getStatement } from '../../src/operations/read-statements.ts';
import { statementHistory } from '../../src/operations/statement-history.ts';
import { HistoryPage } from './history-page.tsx';
import { varsOf, type PageEnv } from './page-env.ts';
import { renderPage } from './render-page.ts';

export function historyRoutes(ctx: OperationContext) {
  const app = new Hono<PageEnv>();
  app.get('/statements/:slug/history', async (c) => {
    const slug = c.req.param('slug');
    const statement = await getStatement(ctx, slug);
    const history = await statementHistory(ctx, slug);
    return renderPage(
      c,
      <HistoryPage vars={varsOf(c)} slug={history.slug} title={statement.title ?? slug} sourceLocale={history.sourceLocale} revisions={history.revisions} editions={history.editions} comments={history.comments} />,
    );
  });
  return app;
}

/** The link targets page (GET ?locale=) and replacing a locale's map (POST). */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DomainError } from '../../src/errors.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { getLinkTargets, setLinkTargets } from '../../src/operations/link-targets.ts';
import { Locale } from '../schemas.ts';
import { errorText, pageStatus } from './error-text.ts';
import { formInput, textField } from './form-input.ts';
import { LinkTargetsPage } from './link-targets-page.tsx';
import { varsOf, type PageEnv } from './page-env.ts';
import { renderPage } from './render-page.ts';
import { sessionOf } from './require-sign-in.ts';

const LocaleField = z.object({ locale: Locale });

/** The textarea's lines: `source target` each (blank lines skipped); a line without both is refused, naming it. */
export function parsePairs(text: string): Record<string, string> {
  const targets: Record<string, string> = {};
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const parts = line.split(/\s+/);
    if (parts.length !== 2) {
      throw new DomainError('validation_failed', `line ${index + 1}: a source URL, a space, a target URL`, { field: `targets.line ${index + 1}`, problem: 'not_a_url' });
    }
    targets[parts[0]!] = parts[1]!;
  }
  return targets;
}

const asText = (targets: Record<string, string>) => Object.entries(targets).map(([from, to]) => `${from} ${to}`).join('\n');

export function linkTargetsRoutes(ctx: OperationContext) {
  const app = new Hono<PageEnv>();

  const show = async (c: Context<PageEnv>, locale: string | undefined, extra: { error?: unknown; text?: string } = {}) => {
    const vars = varsOf(c);
    let current: { locale: string; targets: Record<string, string> } | undefined;
    let error = extra.error;
    if (locale) {
      try {
        current = await getLinkTargets(ctx, formInput(LocaleField, { locale }).locale);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        error ??= e;
      }
    }
    return renderPage(
      c,
      <LinkTargetsPage
        vars={vars}
        locale={current?.locale}
        targets={current?.targets ?? {}}
        text={extra.text ?? asText(current?.targets ?? {})}
        error={error === undefined ? undefined : errorText(vars.t, error)}
        done={c.req.query('done') === 'saved' && extra.error === undefined ? vars.t('manage:linkTargets.saved') : undefined}
      />,
      pageStatus(error),
    );
  };

  app.get('/link-targets', (c) => show(c, c.req.query('locale')?.trim() || undefined));

  app.post('/link-targets', async (c) => {
    const body = await c.req.parseBody();
    const text = textField(body, 'targets');
    const localeText = textField(body, 'locale').trim();
    try {
      const { locale } = formInput(LocaleField, { locale: localeText });
      const saved = await setLinkTargets(ctx, sessionOf(c).actor, locale, parsePairs(text));
      return c.redirect(`/link-targets?locale=${encodeURIComponent(saved.locale)}&done=saved`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'forbidden') throw error;
      return show(c, localeText || undefined, { error, text });
    }
  });

  return app;
}

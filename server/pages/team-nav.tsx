/**
 * Links to the team pages, each shown only to people who may use it: the glossary to
 * everyone signed in (all read it), link targets to publishers (of any locale) and admins,
 * webhooks to admins; and, on the publish page, "Withdraw…" beside an edition for its
 * locale's publishers. The operations still decide (a 403 page for anyone else).
 */
import { hasRole, isAdmin } from '../../src/workflow/roles.ts';
import type { PageVars } from './page-env.ts';

export function TeamLinks({ vars }: { vars: PageVars }) {
  const actor = vars.session?.actor;
  if (!actor) return null;
  const publisher = isAdmin(actor) || actor.roles.some((r) => r.role === 'publisher' || r.role === 'admin');
  return (
    <>
      <a href="/glossary">{vars.t('manage:nav.glossary')}</a>
      {publisher && <a href="/link-targets">{vars.t('manage:nav.linkTargets')}</a>}
      {isAdmin(actor) && <a href="/webhooks">{vars.t('manage:nav.webhooks')}</a>}
    </>
  );
}

export function WithdrawLink({ vars, slug, editionId, locale }: { vars: PageVars; slug: string; editionId: string; locale: string }) {
  const actor = vars.session?.actor;
  if (!actor || !hasRole(actor, 'publisher', locale)) return null;
  return (
    <>
      {' '}
      <a class="withdraw-link" href={`/statements/${slug}/editions/${encodeURIComponent(editionId)}/withdraw`}>
        {vars.t('manage:withdraw.link', { locale })}
      </a>
    </>
  );
}

/** "Revise the source" beside a statement, for publishers of its source locale. */
export function ReviseLink({ vars, slug, sourceLocale }: { vars: PageVars; slug: string; sourceLocale: string }) {
  const actor = vars.session?.actor;
  if (!actor || !hasRole(actor, 'publisher', sourceLocale)) return null;
  return (
    <>
      {' '}
      <a class="revise-link" href={`/statements/${slug}/source`}>
        {vars.t('manage:revise.link')}
      </a>
    </>
  );
}

/** Quality findings leave the service with their message in the caller's language (namespace `quality`). */
import type { Context } from 'hono';
import type { FindingView } from '../src/operations/quality.ts';
import { negotiateLanguage, translator } from './i18n.ts';

export function withMessages<T extends { findings: FindingView[] }>(items: T[], c: Context): (T & { findings: (FindingView & { message: string })[] })[] {
  const t = translator(negotiateLanguage(c.req.header('accept-language')));
  return items.map((item) => ({ ...item, findings: item.findings.map((f) => ({ ...f, message: t(`quality:${f.key}`, { ...f.args, defaultValue: f.key }) })) }));
}

/** What every page handler finds on the Hono context: the session, the language, its messages. */
import type { ActiveSession } from '../../src/operations/sessions.ts';

/** A message of the `pages` namespace (or `ns:key` of another one) in the page's language. */
/** A page's translation function; `lang`: its language (for zod's own messages, validation-problem.ts). */
export type Translate = ((key: string, args?: Record<string, unknown>) => string) & { lang?: string };

export interface PageVars {
  session: ActiveSession | null;
  /** The raw session id from the cookie (to sign out). */
  sessionId: string | undefined;
  lang: string;
  dir: 'ltr' | 'rtl';
  t: Translate;
}

export type PageEnv = { Variables: PageVars };

/** The page variables of a request, gathered for the layout. */
export function varsOf(c: { get<K extends keyof PageVars>(key: K): PageVars[K] }): PageVars {
  return { session: c.get('session'), sessionId: c.get('sessionId'), lang: c.get('lang'), dir: c.get('dir'), t: c.get('t') };
}

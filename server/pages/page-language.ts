/** The page's language: the `lang` cookie when it names one of ours, else Accept-Language. */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { textDirection } from '../../src/publishing/text-direction.ts';
import { negotiateLanguage, translator, uiLanguages } from '../i18n.ts';
import type { Translate } from './page-env.ts';

export const languageCookie = 'lang';

export function pageLanguage(c: Context): string {
  const chosen = getCookie(c, languageCookie);
  if (chosen && uiLanguages.includes(chosen)) return chosen;
  return negotiateLanguage(c.req.header('accept-language'));
}

export function pageTranslate(lang: string): Translate {
  const t = translator(lang);
  const translate: Translate = (key, args = {}) => String(t(key.includes(':') ? key : `pages:${key}`, { ...args, defaultValue: key }));
  return Object.assign(translate, { lang });
}

export const directionOf = (lang: string): 'ltr' | 'rtl' => textDirection(lang);

/**
 * Languages DeepL serves, by primary language subtag: its documented list of text
 * translation languages, used until the account's own list (`GET /v2/languages`) has been
 * read, so that routing can decide without a network call.
 */
const codes = `ar bg cs da de el en es et fi fr he hu id it ja ko lt lv nb nl pl pt ro ru sk sl sv th tr uk vi zh`;

export const deeplLanguages: ReadonlySet<string> = new Set(codes.split(/\s+/));

function primary(locale: string): string {
  const p = locale.split('-')[0]!.toLowerCase();
  return p === 'no' || p === 'nn' ? 'nb' : p;
}

/** DeepL's source language code: the primary subtag (`pt-BR` → `pt`, `zh-Hant` → `zh`). */
export function deeplSourceCode(locale: string): string {
  return primary(locale);
}

/**
 * DeepL's target language code. English and Portuguese need a variant: `en` → `en-US`
 * (`en-GB` kept), `pt` → `pt-PT` (`pt-BR` kept); Chinese script: `zh-Hant`, `zh-TW`, `zh-HK`
 * → `zh-HANT`, other `zh` → `zh-HANS`; `es-419` kept; otherwise the primary subtag.
 */
export function deeplTargetCode(locale: string): string {
  const lower = locale.toLowerCase();
  const p = primary(locale);
  if (p === 'en') return lower === 'en-gb' || lower.startsWith('en-gb-') ? 'en-GB' : 'en-US';
  if (p === 'pt') return lower === 'pt-br' || lower.startsWith('pt-br-') ? 'pt-BR' : 'pt-PT';
  if (p === 'zh') return /^zh-(hant|tw|hk|mo)(-|$)/.test(lower) ? 'zh-HANT' : 'zh-HANS';
  if (lower === 'es-419') return 'es-419';
  return p;
}

/** The primary subtag of a DeepL code, lower case (`EN-US` → `en`). */
export function deeplPrimary(code: string): string {
  return primary(code);
}

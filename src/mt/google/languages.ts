/**
 * Languages Cloud Translation v3 serves (its documented list, by primary language subtag),
 * so that routing can decide without a network call.
 */
const codes = `af ak am ar as ay az be bg bho bm bn bs ca ceb ckb co cs cy da de doi dv ee el en eo es et eu fa fi fil fr fy ga gd gl gn gom gu ha haw he hi hmn hr ht hu hy id ig ilo is it ja jv ka kk km kn ko kri ku ky la lb lg ln lo lt lus lv mai mg mi mk ml mn mni mr ms mt my ne nl no ny om or pa pl ps pt qu ro ru rw sa sd si sk sl sm sn so sq sr st su sv sw ta te tg th ti tk tl tr ts tt ug uk ur uz vi xh yi yo zh zu iw jw`;

export const googleLanguages: ReadonlySet<string> = new Set(codes.split(/\s+/));

/** The code Google wants: `zh-Hant` → `zh-TW`, `zh`/`zh-Hans` → `zh-CN`, else the tag as given. */
export function googleCode(locale: string): string {
  const lower = locale.toLowerCase();
  if (lower === 'zh-hant' || lower.startsWith('zh-hant-') || lower === 'zh-tw' || lower === 'zh-hk') return 'zh-TW';
  if (lower === 'zh' || lower.startsWith('zh-hans') || lower === 'zh-cn') return 'zh-CN';
  return locale;
}

export function googleServes(locale: string): boolean {
  return googleLanguages.has(locale.split('-')[0]!.toLowerCase());
}

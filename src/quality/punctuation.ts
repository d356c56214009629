/**
 * `punctuation` (warning): the quotation marks and spacing conventions of the target
 * language, which machine drafts and translators working from English often get wrong:
 * French guillemets and no-break spaces, Arabic-script ، ؛ ؟, German „…“, Spanish ¿ and ¡.
 * A mechanical `fix` comes with the findings it corrects. Placeholder tags, entities, URLs
 * and e-mail addresses are never touched (masking.ts).
 */
import { segmentFinding } from './finding.ts';
import { languageOf } from './locale-language.ts';
import { mask } from './masking.ts';
import { arabic, arabicScriptLanguages } from './punctuation-arabic.ts';
import type { PunctuationConvention } from './punctuation-convention.ts';
import { french } from './punctuation-french.ts';
import { german } from './punctuation-german.ts';
import { spanish } from './punctuation-spanish.ts';
import type { SegmentRule } from './types.ts';

function conventionFor(locale: string): PunctuationConvention | undefined {
  const language = languageOf(locale);
  if (language === 'fr') return french;
  if (language === 'de') return german;
  if (language === 'es') return spanish;
  if (arabicScriptLanguages.has(language)) return arabic;
  return undefined;
}

export const punctuationRule: SegmentRule = {
  id: 'punctuation',
  check(input) {
    const convention = conventionFor(input.targetLocale);
    const masked = convention && mask(input.text);
    if (!convention || !masked) return [];
    const { issues, fixed } = convention(masked.text, input.targetLocale);
    const fix = fixed === masked.text ? undefined : masked.unmask(fixed);
    return issues.map((issue) => segmentFinding(input, 'punctuation', 'warning', issue.key, issue.args, issue.fixable ? fix : undefined));
  },
};

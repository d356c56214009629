/**
 * A request that fails schema validation names the field and the problem; the problem is
 * put in the caller's language with zod's own locales (the issue travels in `details.issue`,
 * machine-readable, and `details.problem` is its text in the caller's language).
 */
import { z } from 'zod';

export type ValidationIssue = { code: string } & Record<string, unknown>;

type LocaleError = (issue: ValidationIssue) => string | { message: string } | undefined;
const locales = z.locales as unknown as Record<string, (() => { localeError: LocaleError }) | undefined>;
const errorMaps = new Map<string, LocaleError>();

/** The issue's text in `language` (English where zod has no such locale). */
export function problemText(issue: ValidationIssue, language: string): string {
  let map = errorMaps.get(language);
  if (!map) {
    map = (locales[language] ?? locales.en!)().localeError;
    errorMaps.set(language, map);
  }
  const text = map(issue);
  return (typeof text === 'string' ? text : text?.message) ?? 'invalid';
}

/** The machine-readable part of a zod issue (no message, no path). */
export function issueOf(issue: z.core.$ZodIssue): ValidationIssue {
  const { message: _message, path: _path, input: _input, ...rest } = issue as z.core.$ZodIssue & { input?: unknown };
  return rest as ValidationIssue;
}

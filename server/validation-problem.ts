/**
 * A request that fails schema validation names the field and the problem, in the caller's
 * language. The issue travels in `details.issue`, machine-readable (zod's issue without its
 * message, path or input; for a wrong type, `received`: the type that came), and
 * `details.problem` is its text in the caller's language: a missing field or a wrong type,
 * and the product's own problems (a custom issue with `params.problem`), from
 * locales/<lng>/validation.json, which says what was expected and what came; every other
 * issue from zod's own locales.
 */
import { z } from 'zod';
import { translator } from './i18n.ts';

export type ValidationIssue = { code: string } & Record<string, unknown>;

type LocaleError = (issue: ValidationIssue) => string | { message: string } | undefined;
const locales = z.locales as unknown as Record<string, (() => { localeError: LocaleError }) | undefined>;
const errorMaps = new Map<string, LocaleError>();

/** The type of a value as the messages name it. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'nan';
  return typeof value;
}

/** The issue's text in `language` (English where zod has no such locale). */
export function problemText(issue: ValidationIssue, language: string): string {
  const t = translator(language);
  const type = (name: string) => t(`validation:type.${name}`, { defaultValue: name });
  if (issue.code === 'invalid_type' && typeof issue.expected === 'string') {
    const expected = type(issue.expected);
    const received = typeof issue.received === 'string' ? issue.received : 'undefined';
    return received === 'undefined' ? t('validation:missing', { expected }) : t('validation:invalid_type', { expected, received: type(received) });
  }
  const own = productProblem(t, issue);
  if (own !== undefined) return own;
  let map = errorMaps.get(language);
  if (!map) {
    map = (locales[language] ?? locales.en!)().localeError;
    errorMaps.set(language, map);
  }
  const text = map(issue);
  return (typeof text === 'string' ? text : text?.message) ?? 'invalid';
}

/** The product's own problem (a custom issue with `params.problem`) in the words of `t`; undefined for any other issue. */
export function productProblem(t: (key: string, args?: Record<string, unknown>) => string, issue: ValidationIssue): string | undefined {
  const params = issue.params as Record<string, unknown> | undefined;
  if (issue.code !== 'custom' || typeof params?.problem !== 'string') return undefined;
  return t(`validation:${params.problem}`, { ...params, defaultValue: params.problem });
}

/** The value at `path` in the input that was validated (undefined where there is none). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The machine-readable part of a zod issue (no message, no path, no input; a wrong type's `received` type). */
export function issueOf(issue: z.core.$ZodIssue, input?: unknown): ValidationIssue {
  const { message: _message, path: _path, input: _input, ...rest } = issue as z.core.$ZodIssue & { input?: unknown };
  if (issue.code === 'invalid_type') return { ...rest, received: typeName(valueAt(input, issue.path)) } as ValidationIssue;
  return rest as ValidationIssue;
}

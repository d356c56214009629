/**
 * The provenance footer and the correction notice of an edition as hast, built from text
 * nodes only (names and notes come from users): no HTML string is ever parsed here.
 * Names are each isolated in <bdi>, since their direction is not the page's to guess.
 */
import type { Element, ElementContent, Properties } from 'hast';
import type { EditionFooter } from './edition-footer.ts';
import { editionLabels, formatEditionDateTime, formatNumber, labelLanguage, listParts, type EditionLabels, type LabelSettings } from './edition-labels.ts';
import { textDirection } from './text-direction.ts';

const text = (value: string): ElementContent => ({ type: 'text', value });
const el = (tagName: string, properties: Properties, children: ElementContent[]): Element => ({ type: 'element', tagName, properties, children });

/** A label whose {{vars}} are nodes: the template is split around them, never parsed. */
function labelWith(labels: EditionLabels, key: string, nodes: Record<string, ElementContent[]>): ElementContent[] {
  const marks = Object.fromEntries(Object.keys(nodes).map((name) => [name, `\uE000${name}\uE000`]));
  return labels(key, marks)
    .split(/\uE000(\w+)\uE000/)
    .flatMap((part, i) => (i % 2 === 1 ? nodes[part] ?? [] : part ? [text(part)] : []));
}

interface Context {
  /** The edition's locale (dates) and the labels' language (lists, numbers in labels). */
  locale: string;
  language: string;
  labels: EditionLabels;
  /** lang and dir for elements in the edition's locale inside labels of another language. */
  localeProps: Properties;
  frameProps: Properties;
}

function context(locale: string, settings: LabelSettings): Context {
  const language = labelLanguage(locale, settings);
  const own = safeLanguage(language) === safeLanguage(locale);
  return {
    locale,
    language,
    labels: editionLabels(locale, settings),
    localeProps: own ? {} : { lang: locale, dir: textDirection(locale) },
    frameProps: own ? {} : { lang: language, dir: textDirection(language) },
  };
}

function safeLanguage(locale: string): string | undefined {
  try {
    return new Intl.Locale(locale).language;
  } catch {
    return undefined;
  }
}

function time(value: string, c: Context): ElementContent {
  const { iso, text: shown } = formatEditionDateTime(value, c.locale);
  return el('time', { ...(iso ? { dateTime: iso } : {}), ...c.localeProps }, [text(shown)]);
}

function names(values: readonly string[], c: Context): ElementContent[] {
  return listParts(values, c.language).map((p) => (p.type === 'element' ? el('bdi', {}, [text(p.value)]) : text(p.value)));
}

function row(label: string, value: ElementContent[]): ElementContent[] {
  return [el('dt', {}, [text(label)]), el('dd', {}, value)];
}

function origin(footer: EditionFooter, c: Context): ElementContent[] {
  if (footer.source) return [text(c.labels('footer.original'))];
  if (footer.machineAssistedShare <= 0) return [text(c.labels('footer.human'))];
  if (footer.engines.length === 0) return [text(c.labels('footer.machineAssisted'))];
  return labelWith(c.labels, 'footer.machineAssistedWith', { engines: names(footer.engines, c) });
}

/** `<footer class="edition-provenance">` with a description list of the edition's provenance. */
export function provenanceFooter(footer: EditionFooter, locale: string, settings: LabelSettings = {}): Element {
  const c = context(locale, settings);
  const rows: ElementContent[] = [
    ...row(c.labels('footer.translation'), origin(footer, c)),
    ...(footer.reviewers.length > 0 ? row(c.labels('footer.reviewedBy'), names(footer.reviewers, c)) : []),
    // Reviewers shown by role only: how many, never who (with those named counted too).
    ...(footer.reviewerCount ? row(c.labels('footer.reviewers'), [text(formatNumber(footer.reviewerCount, c.language))]) : []),
    ...(footer.approvedAt ? row(c.labels('footer.approvedAt'), [time(footer.approvedAt, c)]) : []),
    ...row(c.labels('footer.sourceRevision'), [text(formatNumber(footer.sourceRevision, c.language))]),
    ...row(c.labels('footer.publishedAt'), [time(footer.publishedAt, c)]),
  ];
  return el('footer', { className: ['edition-provenance'], ...c.frameProps }, [
    el('h2', {}, [text(c.labels('footer.heading'))]),
    el('dl', {}, rows),
  ]);
}

/** `<aside class="correction-notice" role="note">`, or undefined when the edition corrects nothing. */
export function correctionNotice(footer: EditionFooter, locale: string, settings: LabelSettings = {}): Element | undefined {
  const correction = footer.correction;
  if (!correction) return undefined;
  const c = context(locale, settings);
  const date = [time(correction.at, c)];
  // The note is in the edition's language, which the labels around it may not be.
  const note = Object.keys(c.localeProps).length > 0 ? [el('bdi', { lang: c.locale }, [text(correction.note ?? '')])] : [text(correction.note ?? '')];
  const sentence = correction.note
    ? labelWith(c.labels, 'correction.notice', { date, note })
    : labelWith(c.labels, 'correction.noticeWithoutNote', { date });
  const changed = c.labels('correction.changedSegments', { number: formatNumber(correction.changedSegments, c.language) });
  return el('aside', { className: ['correction-notice'], role: 'note', dataSupersedes: correction.supersedes, ...c.frameProps }, [
    el('p', {}, sentence),
    el('p', {}, [text(changed)]),
  ]);
}

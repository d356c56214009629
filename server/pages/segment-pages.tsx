/**
 * The translate and review pages show a statement's segments a page at a time (`?page=`, from
 * 1): the page from the URL, the page a segment is on, and the page navigation (previous,
 * numbered pages around this one with the first and the last, next), a `nav` landmark with
 * `aria-current="page"` on the page shown.
 */
import type { PageVars } from './page-env.ts';

/** Segments on one page of the translate and review pages. */
export const segmentsPerPage = 50;

/** The page asked for in `?page=`: a whole number from 1, anything else is page 1 (a page past the last shows the last). */
export function pageAsked(value: string | undefined): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}

/** `url` with the page in its query, nothing for the first page: `?page=2`, `?page=2&done=saved`, `?done=saved`. */
export function withPage(url: string, page: number, query = ''): string {
  const parts = [...(page > 1 ? [`page=${page}`] : []), ...(query ? [query] : [])];
  return parts.length > 0 ? `${url}?${parts.join('&')}` : url;
}

/** The page a segment at `index` (from 0) is on. */
export function pageOfIndex(index: number): number {
  return Math.floor(Math.max(index, 0) / segmentsPerPage) + 1;
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / segmentsPerPage));
}

/** The page asked for, within the pages there are. */
export function pageWithin(asked: number, total: number): number {
  return Math.min(asked, pageCount(total));
}

/** The page numbers to link: the first, the last, and two either side of the current one; null: a gap. */
export function pageNumbers(current: number, count: number): (number | null)[] {
  const shown = [...new Set([1, count, ...[-2, -1, 0, 1, 2].map((d) => current + d)])].filter((n) => n >= 1 && n <= count).sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of shown) {
    if (out.length > 0 && n - (out[out.length - 1] as number) > 1) out.push(null);
    out.push(n);
  }
  return out;
}

export interface SegmentPageNavProps {
  vars: PageVars;
  /** The page's path, without a query. */
  base: string;
  /** What every page link keeps of the query (the translate page's filter: `state=…&finding=…`). */
  query?: string;
  page: number;
  total: number;
  /** Tells the two navigations of a page apart (top, bottom). */
  id: string;
}

/** Which segments are shown, and (with more than one page) the navigation between pages. */
export function SegmentPageNav({ vars, base, query = '', page, total, id }: SegmentPageNavProps) {
  const { t } = vars;
  const count = pageCount(total);
  const first = total === 0 ? 0 : (page - 1) * segmentsPerPage + 1;
  const last = Math.min(page * segmentsPerPage, total);
  const href = (n: number) => withPage(base, n, query);
  return (
    <div class="segment-pages">
      <p class="segment-range" id={`range-${id}`}>
        {t('paging.range', { first, last, total })}
      </p>
      {count > 1 && (
        <nav class="page-nav" aria-label={t(id === 'top' ? 'paging.labelTop' : 'paging.labelBottom')} aria-describedby={`range-${id}`}>
          <ul>
            <li>{page > 1 ? <a href={href(page - 1)} rel="prev">{t('paging.previous')}</a> : <span aria-disabled="true">{t('paging.previous')}</span>}</li>
            {pageNumbers(page, count).map((n) =>
              n === null ? (
                <li aria-hidden="true">…</li>
              ) : (
                <li>
                  <a href={href(n)} aria-label={t('paging.page', { n, count })} {...(n === page ? { 'aria-current': 'page' } : {})}>
                    {String(n)}
                  </a>
                </li>
              ),
            )}
            <li>{page < count ? <a href={href(page + 1)} rel="next">{t('paging.next')}</a> : <span aria-disabled="true">{t('paging.next')}</span>}</li>
          </ul>
        </nav>
      )}
    </div>
  );
}

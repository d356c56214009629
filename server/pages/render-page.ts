/**
 * A page's JSX as an HTML5 document response (a doctype, then the element). A refusal of
 * something asked for on a page (a form) is that page again, with the refusal in it
 * (role=alert, data-code): a 200, so the browser reports no failed load; requests the
 * pages cannot answer at all (unknown statement, forged request) keep their error status.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { HtmlEscapedString } from 'hono/utils/html';

export async function renderPage(c: Context, element: HtmlEscapedString | Promise<HtmlEscapedString>, status: ContentfulStatusCode = 200): Promise<Response> {
  const body = await element;
  return c.html(`<!doctype html>\n${body.toString()}`, status);
}

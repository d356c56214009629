/**
 * A page's JSX as an HTML5 document response (a doctype, then the element). A refusal of
 * something asked for on a page (a form) is that page again, with the refusal in it
 * (role=alert, data-code), under the refusal's status (`pageStatus(error)`, error-text.ts: the
 * API's 403, 409, 412, 400 …), so a script or a test that posts the form sees it was refused;
 * requests the pages cannot answer at all (unknown statement, forged request) are the error
 * page (page-errors.tsx), with the same statuses.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { HtmlEscapedString } from 'hono/utils/html';

export async function renderPage(c: Context, element: HtmlEscapedString | Promise<HtmlEscapedString>, status: ContentfulStatusCode = 200): Promise<Response> {
  const body = await element;
  return c.html(`<!doctype html>\n${body.toString()}`, status);
}

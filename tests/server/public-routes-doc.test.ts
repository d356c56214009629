/** The OpenAPI description of the public routes says what a reader who finds nothing gets. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { documentPublicRoutes } from '../../server/public-routes-doc.ts';

describe('the public routes’ OpenAPI description', () => {
  it('documents the readers’ HTML 404 page next to the JSON error', () => {
    const app = new OpenAPIHono();
    documentPublicRoutes(app);
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    for (const path of ['/published/{slug}', '/published/{slug}/{file}']) {
      const missing = doc.paths?.[path]?.get?.responses?.['404'] as { description: string; content: Record<string, unknown> };
      expect(Object.keys(missing.content).sort()).toEqual(['application/json', 'text/html']);
      expect(missing.description).toMatch(/HTML page in their language/);
    }
  });
});

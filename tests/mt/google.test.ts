/**
 * The Google provider: the real @google-cloud/translate client against a fake server on
 * 127.0.0.1 that speaks the same REST protocol.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoogleProvider, type GoogleOptions } from '../../src/mt/google/google-provider.ts';
import { ProviderError } from '../../src/mt/retry.ts';
import { startFakeGoogle, type FakeGoogle } from '../support/fake-google.ts';
import { writeServiceAccountKey } from '../support/google-key.ts';
import { providerContract } from './provider.contract.ts';

let fake: FakeGoogle;
beforeAll(async () => {
  fake = await startFakeGoogle();
});
afterAll(() => fake.close());

function tokenClient() {
  const auth = new OAuth2Client({ transporterOptions: { timeout: 5000 } });
  auth.setCredentials({ access_token: 'test-token' });
  return auth;
}

function provider(extra: Partial<GoogleOptions> = {}) {
  return createGoogleProvider({ projectId: 'test-project', location: 'global', endpoint: fake.endpoint, authClient: tokenClient(), credentials: 'auth-client', timeoutMs: 5000, ...extra });
}

providerContract({
  name: 'google (fake server)',
  pair: { source: 'en', target: 'fr' },
  rtlTarget: 'ar',
  unsupportedTarget: 'tlh',
  create: async () => provider(),
  injectTransientFailure: () => fake.faults.push({ status: 503 }),
});

describe('google provider', () => {
  it('sends the wire request Google expects', async () => {
    const before = fake.requests.length;
    await provider({ glossaries: new Map([['fr', 'projects/test-project/locations/global/glossaries/ngo']]) }).translate({
      sourceLocale: 'en',
      targetLocale: 'fr',
      segments: [{ id: 'a', text: 'Read <g id="1">the report</g> <x id="2"/> &amp; more' }],
    });
    const r = fake.requests[before]!;
    expect(r.method).toBe('POST');
    expect(r.url).toMatch(/^\/v3\/projects\/test-project\/locations\/global:translateText/);
    expect(r.headers.authorization).toBe('Bearer test-token');
    expect(r.body).toMatchObject({
      contents: ['Read <g id="1">the report</g> <x id="2"></x> &amp; more'],
      mimeType: 'text/html',
      sourceLanguageCode: 'en',
      targetLanguageCode: 'fr',
      glossaryConfig: { glossary: 'projects/test-project/locations/global/glossaries/ngo' },
    });
  });

  it('maps zh-Hant to zh-TW', async () => {
    const before = fake.requests.length;
    await provider().translate({ sourceLocale: 'en', targetLocale: 'zh-Hant', segments: [{ id: 'a', text: 'Hello' }] });
    expect(fake.requests[before]!.body!.targetLanguageCode).toBe('zh-TW');
  });

  it.each([
    [{ status: 429, headers: { 'retry-after': '7' } }, { transient: true, status: 429, retryAfterSeconds: 7 }],
    [{ status: 500 }, { transient: true, status: 500 }],
    [{ status: 400 }, { transient: false, status: 400 }],
    [{ status: 403 }, { transient: false, status: 403 }],
  ])('classifies %j', async (fault, expected) => {
    fake.faults.push(fault);
    const error = await provider().translate({ sourceLocale: 'en', targetLocale: 'fr', segments: [{ id: 'a', text: 'Hello' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject(expected);
  });

  it('gives up on a hanging answer after its timeout, as a transient failure', async () => {
    fake.faults.push('hang');
    const started = Date.now();
    const error = await provider({ timeoutMs: 300 }).translate({ sourceLocale: 'en', targetLocale: 'fr', segments: [{ id: 'a', text: 'Hello' }] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ transient: true, message: expect.stringMatching(/no answer in 300 ms/) });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('is unavailable without credentials, and never calls the client then', async () => {
    const before = fake.requests.length;
    const p = createGoogleProvider({ projectId: 'p', location: 'global', endpoint: fake.endpoint, credentials: undefined, timeoutMs: 1000 });
    expect(await p.availability()).toEqual({ available: false, reason: 'no Google credentials (set GOOGLE_APPLICATION_CREDENTIALS)' });
    await expect(p.translate({ sourceLocale: 'en', targetLocale: 'fr', segments: [{ id: 'a', text: 'x' }] })).rejects.toMatchObject({ transient: false });
    expect(fake.requests.length).toBe(before);
  });

  it('uses a service-account key from the standard environment (signed JWT, no token endpoint)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'editions-google-'));
    const saved = { ...process.env };
    try {
      const keyFile = writeServiceAccountKey(dir);
      process.env.GOOGLE_APPLICATION_CREDENTIALS = keyFile;
      process.env.METADATA_SERVER_DETECTION = 'none';
      const before = fake.requests.length;
      const p = createGoogleProvider({ projectId: 'sa-project', location: 'global', endpoint: fake.endpoint, credentials: 'key-file', timeoutMs: 5000 });
      const [result] = await p.translate({ sourceLocale: 'en', targetLocale: 'fr', segments: [{ id: 'a', text: 'Hello' }] });
      expect(result!.text).toBe('olleH');
      const sent = fake.requests[before]!;
      expect(sent.url).toMatch(/^\/v3\/projects\/sa-project\//);
      const jwt = String(sent.headers.authorization).replace(/^Bearer /, '');
      const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
      expect(claims.iss).toBe('editions@sa-project.iam.gserviceaccount.com');
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

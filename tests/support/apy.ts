/**
 * APy for tests: started on 127.0.0.1 once per suite and stopped by its process group.
 * Where Apertium is not installed the suites that need it are skipped with the command to
 * install it, except in CI (CI=true), where a missing install fails the run.
 */
import { afterAll, beforeAll } from 'vitest';
import { apyInstallCommand, apyInstalled, startApy, type RunningApy } from '../../src/mt/apertium/apy-server.ts';

export const apertiumAvailable = apyInstalled();

if (!apertiumAvailable) {
  if (process.env.CI === 'true') throw new Error(`Apertium is not installed; CI must install it: ${apyInstallCommand}`);
  console.warn(`Apertium suites skipped: Apertium is not installed. Install it with: sudo ${apyInstallCommand}`);
}

/** beforeAll/afterAll starting APy; the getter returns its URL. */
export function useApy(): () => string {
  let apy: RunningApy | undefined;
  beforeAll(async () => {
    apy = await startApy();
    // The first request of each pair loads its pipeline: warm the ones the tests use.
    await fetch(`${apy.url}/translate`, { method: 'POST', body: new URLSearchParams({ langpair: 'eng|spa', q: 'warm up' }) });
  }, 60_000);
  afterAll(async () => {
    await apy?.stop();
  });
  return () => apy!.url;
}

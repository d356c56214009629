/**
 * Debian's Chromium driven by playwright-core. Where it is not installed the browser suites
 * are skipped with the command to install it, except in CI (CI=true), where a missing
 * browser fails the run. Each launch gets a fresh, temporary user-data directory (playwright
 * makes one per launch and removes it on close).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { projectRoot } from '../../support/run-cli.ts';

export const chromiumPath = '/usr/bin/chromium';
export const chromiumInstallCommand = 'apt-get install -y --no-install-recommends chromium';
export const chromiumAvailable = existsSync(chromiumPath);

if (!chromiumAvailable) {
  if (process.env.CI === 'true') throw new Error(`Chromium is not installed at ${chromiumPath}; CI must install it: ${chromiumInstallCommand}`);
  console.warn(`Browser suites skipped: Chromium is not installed at ${chromiumPath}. Install it with: sudo ${chromiumInstallCommand}`);
}

const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface RunningBrowser {
  browser: Browser;
  /** A new browser context (its own cookies): one person at their own computer. */
  person(options?: { locale?: string }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<RunningBrowser> {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args });
  return {
    browser,
    person: (options = {}) => browser.newContext({ locale: options.locale ?? 'en-GB', viewport: { width: 1280, height: 900 } }),
    close: () => browser.close(),
  };
}

export const screenshotDir = join(projectRoot, 'test-artifacts', 'screenshots');

export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return join(screenshotDir, `${name}.png`);
}

// Headless Chromium for the browser tests: the system's /usr/bin/chromium driven by playwright-core
// (no browser is ever downloaded). Without it the tests skip, unless FABRIC_REQUIRE_BROWSER=1.
import { existsSync } from 'node:fs';
import assert from 'node:assert/strict';

export const CHROMIUM = '/usr/bin/chromium';
export const REQUIRED = process.env.FABRIC_REQUIRE_BROWSER === '1';
export const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Why browser tests are skipped, or false when they run (a missing browser fails them when required). */
export const SKIP_BROWSER = !existsSync(CHROMIUM) && !REQUIRED
  && `${CHROMIUM} is missing: browser test skipped (set FABRIC_REQUIRE_BROWSER=1 to make this a failure)`;

export async function launch() {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is required (FABRIC_REQUIRE_BROWSER=1) but missing`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
}

/** Collects a page's console errors and uncaught exceptions as {text, url}. */
export function consoleErrors(page) {
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push({ text: m.text(), url: m.location().url }));
  page.on('pageerror', (e) => errors.push({ text: `pageerror: ${e.message}`, url: '' }));
  return errors;
}

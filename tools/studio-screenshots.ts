// Screenshots of each studio page for the README: `npm run screenshots` writes docs/studio-*.png.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildApp } from '../src/http/app.js';
import { PolicyStore } from '../src/registry/policy-store.js';
import { launchChromium } from './chromium.js';

const POLICIES = 'policies';
const OUT = 'docs';
const bundled = readFileSync(join(POLICIES, 'clicksend-sla', '1.0.0.yaml'), 'utf8');
const draft = bundled
  .replace('version: "1.0.0"', 'version: "1.1.0"')
  .replace('status: published', 'status: draft')
  .replace('effectiveFrom: "2020-01-01"', 'effectiveFrom: "2027-01-01"')
  .replace(/changeNote: .*/, 'changeNote: "Example draft: a lower cap in USD."');

// The bundled policies with a draft beside them, so the pages show more than one version.
const served = mkdtempSync(join(tmpdir(), 'studio-screenshots-'));
cpSync(POLICIES, served, { recursive: true });
writeFileSync(join(served, 'clicksend-sla', '1.1.0.yaml'), draft.replace('USD: "125.00"', 'USD: "100.00"'));
const opened = await PolicyStore.open(served);
if (!opened.store) throw new Error(`the bundled policies do not load: ${opened.diagnostics.map((d) => d.message).join('; ')}`);
const app = await buildApp({ store: opened.store });
const base = await app.listen({ host: '127.0.0.1', port: 0 });
const browser = await launchChromium();

async function shoot(name: string, hash: string, options: { width?: number; locale?: string; act?: (page: Page) => Promise<void>; fullPage?: boolean } = {}): Promise<void> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: 900 }, locale: options.locale ?? 'en-US' });
  await page.goto(`${base}/studio/${hash}`);
  await page.locator('main:not([aria-busy])').waitFor();
  await options.act?.(page);
  await page.screenshot({ path: join(OUT, `studio-${name}.png`), fullPage: options.fullPage ?? true });
  await page.close();
}

try {
  await shoot('policies', '#/policies', { fullPage: false });
  await shoot('terms', '#/terms/clicksend-sla/1.0.0/L68', { fullPage: false });
  await shoot('try', '#/try', {
    act: async (page) => {
      await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
      await page.locator('.decision').waitFor();
    },
  });
  const paste = async (page: Page, text: string) => {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(text);
  };
  await shoot('draft', '#/draft', {
    fullPage: false,
    act: async (page) => {
      await page.locator('.draft-status.valid').waitFor();
      await page.getByLabel('Compare with').selectOption('clicksend-sla/1.0.0');
      await paste(page, draft.replace('USD: "125.00"', 'USD: "20.00"'));
      await page.locator('.changed-case').first().waitFor();
    },
  });
  await shoot('draft-error', '#/draft', {
    fullPage: false,
    act: async (page) => {
      await page.locator('.draft-status.valid').waitFor();
      await paste(page, draft.replace('    - uptimeBelow: 97\n', '    - uptimeBelow: "97"\n'));
      await page.locator('.diagnostics li button').first().click();
      await page.locator('.cm-problem-line').waitFor();
      await page.evaluate(() => document.getElementById('draft-editor-heading')?.scrollIntoView());
    },
  });
  await shoot('phone-sv', '#/terms/clicksend-sla/1.0.0', { width: 390, locale: 'sv-SE', fullPage: false });
} finally {
  await browser.close();
  await app.close();
  rmSync(served, { recursive: true, force: true });
}

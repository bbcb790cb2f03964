// The studio in a real headless Chromium (playwright-core, the system's browser),
// against the real service process on a temporary POLICIES_DIR.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { launchChromium } from '../tools/chromium.js';
import { basePolicyText, copyPolicies } from './helpers.js';

const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));
let server: ChildProcess;
let base: string;
let dir: string;
let browser: Browser;
let context: BrowserContext;
const consoleErrors: string[] = [];

function startServer(policiesDir: string): Promise<string> {
  server = spawn(process.execPath, ['dist/src/http/main.js'], { env: { ...process.env, PORT: '0', POLICIES_DIR: policiesDir, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 10_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server.stdout?.on('data', read);
    server.stderr?.on('data', read);
  });
}

async function open(hash: string, language = 'en-US'): Promise<Page> {
  if (missingBrowser) throw missingBrowser;
  const page = context && language === 'en-US' ? await context.newPage() : await (await browser.newContext({ locale: language })).newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${hash}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${hash}: ${error.message}`));
  await page.goto(`${base}/studio/${hash}`);
  await page.locator('main:not([aria-busy])').waitFor();
  return page;
}

const api = async (path: string, body?: unknown) =>
  (await fetch(`${base}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

/** Every form control has a name a screen reader reads: a <label>, or aria-label. */
async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main input, main select, main textarea, header select, [contenteditable="true"]')]
      .filter((control) => ((control as HTMLInputElement).labels?.length ?? 0) === 0 && !control.getAttribute('aria-label'))
      .map((control) => control.outerHTML.slice(0, 80)),
  );
}

async function pasteDraft(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/** Why there is no browser, if there is none: every test then fails with it (a missing browser never skips a test). */
let missingBrowser: Error | undefined;

beforeAll(async () => {
  dir = copyPolicies();
  base = await startServer(dir);
  try {
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  } catch (error) {
    missingBrowser = error as Error;
  }
}, 30_000);

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGKILL');
});

describe('the studio in Chromium', { timeout: 60_000 }, () => {
  it('/ opens the policies page: every version with status, dates, change note, sha256 and the one in force', async () => {
    const page = await open('');
    await page.goto(base);
    await page.locator('main:not([aria-busy])').waitFor();
    expect(new URL(page.url()).pathname).toBe('/studio/');
    const { versions } = await api('/v1/policies/clicksend-sla');
    for (const version of versions) {
      const row = page.locator(`tr[data-version="${version.version}"]`);
      await expect(row.textContent()).resolves.toContain(version.sha256.slice(0, 12));
      await expect(row.textContent()).resolves.toContain(version.effectiveFrom);
      await expect(row.textContent()).resolves.toContain(version.changeNote);
    }
    await expect(page.locator('tr.in-force').getAttribute('data-version')).resolves.toBe('1.0.0');
    expect(await page.evaluate(() => document.querySelectorAll('script:not([src])').length)).toBe(0);
    await page.close();
  });

  it('renders the terms as an agreement: every tier threshold, percent and cap the YAML holds, each linked to its line', async () => {
    const page = await open('#/terms/clicksend-sla/1.0.0');
    const policy = parse(basePolicyText);
    const tierRows = await page.locator('#terms-rebate ~ .table-wrap tbody tr').allTextContents();
    expect(tierRows).toHaveLength(policy.rebate.tiers.length);
    policy.rebate.tiers.forEach((tier: { uptimeBelow: number; rebatePercent: number; remedy: string }, index: number) => {
      expect(tierRows[index]).toContain(`below ${tier.uptimeBelow} %`);
      expect(tierRows[index]).toContain(`${tier.rebatePercent} %`);
    });
    for (const [currency, amount] of Object.entries(policy.rebate.caps)) expect(await page.locator('.cap').allTextContents()).toContain(`${amount} ${currency}`);
    const agreement = await page.locator('.agreement').textContent();
    for (const priority of Object.keys(policy.support.priorities)) expect(agreement).toContain(priority);
    // The clause is written in English and Swedish; the studio shows the English page.
    expect(agreement).toContain(policy.rebate.capClause.en);

    const capLine = basePolicyText.split('\n').findIndex((line) => line.includes('USD: "125.00"')) + 1;
    await page.locator('#terms-cap ~ .table-wrap .line-link').first().click();
    await expect(page.locator('.source-line.current').getAttribute('data-line')).resolves.toBe(String(capLine));
    expect(await page.locator('.source-line.current').textContent()).toContain('USD: "125.00"');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.close();
  });

  it('tries a case from an example month, answered by POST /v1/evaluate, with the month drawn', async () => {
    const page = await open('#/try');
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/evaluate')) sent.push(request.headers()['accept-language'] ?? '');
    });
    await expect(page.locator('#try-example').inputValue()).resolves.toBe('0');
    await page.getByLabel('Charges').fill('960.00');
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    await page.locator('.decision').waitFor();
    const expected = await api('/v1/evaluate', { ...typicalMonth, facts: { ...typicalMonth.facts, charges: { amount: '960.00', currency: 'USD' } } });
    await expect(page.locator('.amount').getAttribute('data-amount')).resolves.toBe(expected.rebate.amount);
    const results = await page.locator('.decision').textContent();
    expect(results).toContain(`${expected.rebate.rebatePercent} % (uptime ${expected.rebate.uptimePercent} %)`);
    for (const incident of expected.rebate.incidents) expect(results).toContain(incident.notes[0] ?? incident.id);
    for (const line of expected.explanation.slice(1)) expect(results).toContain(line);
    expect(await page.locator('.decision tbody tr .badge').allTextContents()).toEqual(expected.support.flatMap((ticket: { action: { status: string }; response: { status: string } }) => [ticket.action.status, ticket.response.status]));
    const counted = expected.rebate.incidents.filter((incident: { countedMinutes: number }) => incident.countedMinutes > 0).length;
    expect(await page.locator('svg.timeline rect.counted').count()).toBe(counted);
    expect(await page.locator('svg.timeline rect.excused').count()).toBe(1);
    expect(await page.locator('svg.timeline circle.claim').count()).toBe(1);
    expect(sent).toEqual(['en']);

    await page.getByRole('button', { name: 'JSON' }).click();
    const facts = JSON.parse(await page.locator('textarea').inputValue());
    expect(facts.charges.amount).toBe('960.00');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.close();
  });

  it('shows a pasted draft\'s mistake at its line, the outcomes it changes, and a case under it', async () => {
    const page = await open('#/draft');
    await page.locator('.draft-status.valid').waitFor();
    const draft = basePolicyText.replace('version: "1.0.0"', 'version: "1.1.0"').replace('status: published', 'status: draft');
    // Completion from the policy schema: under `rebate:` (after its tiers and caps), "cap" offers rebate's keys.
    await pasteDraft(page, `${draft.slice(0, draft.indexOf('  capClause:'))}  `);
    await page.keyboard.type('cap');
    await page.locator('.cm-tooltip-autocomplete li').first().waitFor();
    const completions = await page.locator('.cm-tooltip-autocomplete li').allTextContents();
    expect(completions).toEqual(['capClause', 'caps']);
    await page.keyboard.press('Escape');

    const broken = draft.replace('    - uptimeBelow: 97\n', '    - uptimeBelow: "97"\n');
    const brokenLine = broken.split('\n').indexOf('    - uptimeBelow: "97"') + 1;
    await pasteDraft(page, broken);
    const problem = page.locator(`.diagnostics li[data-line="${brokenLine}"]`);
    await problem.waitFor();
    expect(await page.locator('.diagnostics li').count()).toBe(1);
    expect(await problem.textContent()).toContain('SCHEMA_WRONG_TYPE');
    await problem.getByRole('button').click();
    const marked = page.locator(`.cm-line[data-problem-line="${brokenLine}"]`);
    await marked.waitFor();
    expect(await marked.textContent()).toContain('uptimeBelow: "97"');

    await pasteDraft(page, draft.replace('USD: "125.00"', 'USD: "20.00"'));
    await page.locator('.draft-status.valid').waitFor();
    await page.locator('.changed-case').first().waitFor();
    const expected = await api('/studio/api/draft/compare', { text: draft.replace('USD: "125.00"', 'USD: "20.00"'), against: { id: 'clicksend-sla', version: '1.0.0' } });
    expect(await page.locator('.changed-case').count()).toBe(expected.changed.length);
    const firstChange = await page.locator('.changed-case').first().textContent();
    expect(firstChange).toContain(expected.changed[0].name);
    const amount = expected.changed[0].differences.find((difference: { path: string }) => difference.path === '$.rebate.amount');
    expect(firstChange).toContain(`"${amount.before}"`);
    expect(firstChange).toContain(`"${amount.after}"`);
    expect(await page.locator('table.diff').first().textContent()).toContain('rebate.caps.USD');

    await page.getByRole('button', { name: 'Evaluate under the draft' }).click();
    await page.locator('#draft-results .decision').waitFor();
    await expect(page.locator('#draft-results .amount').getAttribute('data-amount')).resolves.toBe('20.00');
    expect(await page.locator('#draft-results').textContent()).toContain('clicksend-sla 1.1.0');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.close();
  });

  it('speaks Swedish to a Swedish browser, and switches language', async () => {
    const swedish = await open('#/terms/clicksend-sla/1.0.0', 'sv-SE');
    expect(await swedish.locator('html').getAttribute('lang')).toBe('sv');
    expect(await swedish.locator('nav').textContent()).toContain('Policyer');
    expect(await swedish.locator('#terms-rebate').textContent()).toBe('Rabattabell');
    await swedish.getByLabel('Språk', { exact: true }).selectOption('en');
    await swedish.locator('#terms-rebate', { hasText: 'Rebate schedule' }).waitFor();
    expect(new URL(swedish.url()).searchParams.get('lang')).toBe('en');
    await swedish.getByLabel('Language', { exact: true }).selectOption('sv');
    await swedish.locator('#terms-rebate', { hasText: 'Rabattabell' }).waitFor();
    await swedish.close();
  });

  it('can be used from the keyboard alone', async () => {
    const page = await open('#/policies');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.locator('header').getByRole('link', { name: 'Try a case' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#try-example').waitFor();
    await page.locator('#try-example').focus();
    for (let step = 0; step < 40 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Evaluate'; step++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('.decision').waitFor();
    await page.close();
  });

  it('follows a hot reload: editing the cap in POLICIES_DIR changes the rendered page, and a new rule reads in words', async () => {
    const page = await open('#/terms/clicksend-sla/1.0.0');
    expect(await page.locator('.cap').allTextContents()).toContain('125.00 USD');
    const file = join(dir, 'clicksend-sla', '1.0.0.yaml');
    const rule = [
      'rules:',
      '  - id: trial-accounts-excluded',
      '    clause: "Plan terms: trial accounts carry no SLA"',
      '    when:',
      '      all:',
      '        - { fact: account, path: $.plan, operator: equal, value: trial }',
      '        - { fact: uptimePercent, operator: lessThan, value: 99.5 }',
      '    then: { outcome: ineligible, code: TRIAL_ACCOUNT, message: trial accounts are not covered by the SLA }',
    ].join('\n');
    const recurring = '    publicHolidays: { country: SE, include: [{ name: Midsummer Eve }, { name: New Year\'s Eve, openingHours: ["09:00-13:00"] }], exclude: [Epiphany] }\n    holidays: []';
    writeFileSync(file, readFileSync(file, 'utf8').replace('USD: "125.00"', 'USD: "99.00"').replace('rules: []', rule).replace('    holidays: []', recurring));
    await page.locator('.cap', { hasText: '99.00 USD' }).waitFor({ timeout: 15_000 });
    // Holidays taken from the holiday list are terms too: the page says which, instead of "No holidays are listed".
    expect(await page.locator('.public-holidays').textContent()).toContain("Closed every year on the holidays of SE in the holiday list (kinds: public). Also: Midsummer Eve, New Year's Eve (open only 09:00-13:00). Worked all the same: Epiphany.");
    expect(await page.locator('.calendar').allTextContents()).not.toContainEqual(expect.stringContaining('No holidays are listed'));
    const rules = await page.locator('ol.rules').textContent();
    expect(rules).toContain('When account plan is “trial” and uptime % is below 99.5');
    expect(rules).toContain('Not payable: trial accounts are not covered by the SLA TRIAL_ACCOUNT');
    expect(rules).toContain('Plan terms: trial accounts carry no SLA');
    await page.close();
  });

  it('logged no console error on any page', () => {
    if (missingBrowser) throw missingBrowser;
    expect(consoleErrors).toEqual([]);
  });
});

// What every end-to-end spec shares: the test server as a worker fixture,
// a check that the page threw nothing and loaded nothing it should not
// have, the accessibility check, and small helpers over the page's DOM
// contract (.newsroom__* classes, nr-* query parameters).

import { test as base, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

import { startServer } from './server.mjs';

export { expect };

export const SEED_ID = '2023-11-04-vice-mayor-visit';
export const SEED_TITLE = 'Vice Mayor Miao Zhengge and his delegation visited the company for research';
// Numbers as Intl writes them in English: "1,000 of 10,000 articles".
const COUNT_RE = /^([\d,]+) of ([\d,]+) articles?\b/;

// Loads that fail in every test and say nothing about the app.
const ALWAYS_OK = [/\/favicon\.ico\b/];

export const test = base.extend({
  /** Our own server (fault injection, request log), one per worker. */
  server: [async ({}, use) => {
    const server = await startServer();
    await use(server);
    await server.close();
  }, { scope: 'worker' }],

  baseURL: async ({ server }, use) => use(server.url),

  /** Failed loads a test expects: a regexp over "STATUS URL" (or "ERROR URL"). */
  allowedFailures: [null, { option: true }],

  /**
   * Fails a test whose page threw an uncaught exception or panicked, or
   * loaded something that failed unexpectedly; attaches the page's console
   * to a failed test's report.
   */
  pageHealth: [async ({ page, allowedFailures }, use, testInfo) => {
    const problems = [];
    const log = [];
    const allowed = (what) => [...ALWAYS_OK, allowedFailures ?? /$^/].some((re) => re.test(what));
    page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
    page.on('console', (m) => {
      log.push(`[${m.type()}] ${m.text()}`);
      if (m.type() === 'error' && /panicked|RuntimeError|unreachable/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      const what = `${r.status()} ${r.url()}`;
      if (r.status() >= 400 && !allowed(what)) problems.push(`failed load: ${what}`);
    });
    page.on('requestfailed', (r) => {
      const what = `${r.failure()?.errorText ?? 'failed'} ${r.url()}`;
      // A navigation away cancels what the old page still loads.
      if (!/ERR_ABORTED/.test(what) && !allowed(what)) problems.push(`failed request: ${what}`);
    });
    await use();
    if (testInfo.status !== testInfo.expectedStatus && log.length) {
      await testInfo.attach('browser console', { body: log.join('\n'), contentType: 'text/plain' });
    }
    expect(problems, 'the page reported uncaught exceptions or failed loads').toEqual([]);
  }, { auto: true }],
});

// ---------------------------------------------------------------------------
// helpers over the DOM contract

export const cardSel = (id) => `article.newsroom__card[data-id=${JSON.stringify(id)}]`;
export const articleSel = (id) => `article.newsroom__article[data-id=${JSON.stringify(id)}]`;

export function parseCount(text) {
  const m = COUNT_RE.exec((text ?? '').trim());
  if (!m) throw new Error(`.newsroom__count text ${JSON.stringify(text)} does not look like "N of M articles"`);
  const n = (s) => Number(s.replaceAll(',', ''));
  return { shown: n(m[1]), total: n(m[2]), text: text.trim() };
}

/** The ids of the cards in the DOM, in order. */
export const cardIds = (page, root = '') =>
  page.locator(`${root} article.newsroom__card`).evaluateAll((cards) => cards.map((c) => c.dataset.id));

/** The parsed result count once it satisfies `pred`. */
export async function countWhen(page, pred, what, root = '') {
  let last;
  await expect.poll(async () => {
    const text = await page.locator(`${root} .newsroom__count`).textContent({ timeout: 1_000 }).catch(() => null);
    try { last = parseCount(text); } catch { return false; }
    return pred(last);
  }, { message: `the result count: ${what}`, timeout: 20_000 }).toBe(true);
  return last;
}

/** A loaded list (count, and cards or the empty state, search ready); its parsed count. */
export async function waitForList(page, root = '') {
  await expect(page.locator(`${root} .newsroom__count`)).toHaveText(COUNT_RE, { timeout: 20_000 });
  await expect(page.locator(`${root} article.newsroom__card, ${root} .newsroom__empty`).first()).toBeVisible();
  // Until the search index is built, a query does not filter yet.
  await expect(page.locator(`${root} .newsroom__indexing`)).toHaveCount(0, { timeout: 30_000 });
  return parseCount(await page.locator(`${root} .newsroom__count`).textContent());
}

/** Waits until the page's URL satisfies `pred(url, params)`; returns it. */
export async function urlWhen(page, pred, what) {
  await expect.poll(() => {
    const u = new URL(page.url());
    return pred(u, u.searchParams);
  }, { message: `the URL: ${what}` }).toBe(true);
  return new URL(page.url());
}

/**
 * Scrolls down from the top until `css` is rendered (only cards near the
 * viewport exist), then into view: a card rendered just outside the viewport
 * may leave again as the cards before it are measured.
 */
export async function scrollUntil(page, css) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => page.evaluate((css) => {
    const found = document.querySelector(css);
    if (found) {
      found.scrollIntoView({ block: 'center' });
      return 'found';
    }
    const end = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
    window.scrollBy(0, window.innerHeight * 0.5);
    return end ? 'reached the bottom' : 'scrolling';
  }, css), { message: `scrolling to ${css}`, timeout: 20_000, intervals: [50] }).toBe('found');
  return page.locator(css);
}

/** Clicks "Show more" until every result is shown. */
export async function showAll(page) {
  const more = page.locator('.newsroom__more');
  for (let clicks = 0; await more.count(); clicks++) {
    expect(clicks, 'clicked "Show more" 100 times').toBeLessThan(100);
    const before = await more.textContent();
    await more.click();
    await expect.poll(async () => (await more.count()) === 0 || (await more.textContent()) !== before,
      { message: '"Show more" did not add results' }).toBe(true);
  }
}

/** Every card id of the shown results, scrolling from the top to the end (only rows near the viewport exist). */
export async function scrollAllCardIds(page, expected) {
  const seen = new Set();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(async () => {
    for (const id of await cardIds(page)) seen.add(id);
    const atEnd = await page.evaluate(() => {
      const end = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
      window.scrollBy(0, window.innerHeight * 0.5);
      return end;
    });
    return atEnd && seen.size === expected;
  }, { message: `all ${expected} cards rendered while scrolling`, timeout: 30_000, intervals: [50] }).toBe(true);
  return [...seen];
}

// ---------------------------------------------------------------------------
// accessibility

/** WCAG 2.2 A and AA, plus axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

/**
 * Runs axe on `include` (the page's Newsroom instances by default) and fails
 * on any violation: there are no known ones to allow.
 */
export async function expectAccessible(page, state, { include = '[data-newsroom]' } = {}) {
  const { violations, passes } = await new AxeBuilder({ page }).include(include).withTags(AXE_TAGS).analyze();
  expect(passes.length, `axe checked nothing in ${include} on ${state}`).toBeGreaterThan(0);
  const found = violations.flatMap((v) => v.nodes.map((n) => ({ rule: v.id, target: n.target.join(' '), summary: n.failureSummary })));
  expect(found, `axe violations on ${state}`).toEqual([]);
}

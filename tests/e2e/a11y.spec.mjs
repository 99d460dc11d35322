// Accessibility: axe (WCAG 2.2 A/AA and best practices) on every state a
// reader meets, in the light and the dark scheme and at 360 px: zero findings,
// none allowed.

import { SEED_ID, articleSel, expect, expectAccessible, test, waitForList } from './fixtures.mjs';

const STATES = [
  // 1,000 articles sent in paced chunks: the progress bar is up for a while.
  { name: 'loading', path: '/slow/', ready: (page) => expect(page.locator('.newsroom__loading progress')).toBeVisible() },
  { name: 'the list', path: '/', ready: (page) => waitForList(page) },
  { name: 'search results', path: '/?nr-q=chromium', ready: (page) => waitForList(page) },
  {
    name: 'no results',
    path: '/?nr-q=zzzznothing',
    ready: (page) => expect(page.locator('.newsroom__empty')).toBeVisible(),
  },
  {
    name: 'an article',
    path: `/?nr-article=${SEED_ID}`,
    ready: (page) => expect(page.locator(articleSel(SEED_ID))).toBeVisible(),
  },
  {
    name: 'an unknown article',
    path: '/?nr-article=does-not-exist&nr-page=abc',
    ready: (page) => expect(page.locator('.newsroom__article-missing')).toBeVisible(),
  },
  {
    name: 'skipped items',
    path: '/one-bad/',
    ready: async (page) => {
      await waitForList(page);
      await page.locator('details.newsroom__skipped summary').click();
      await expect(page.locator('details.newsroom__skipped li')).toBeVisible();
    },
  },
  { name: 'a malformed bundle', path: '/malformed/', ready: (page) => expect(page.locator('.newsroom__error')).toBeVisible() },
  { name: 'an HTML page as the bundle', path: '/html-page/', ready: (page) => expect(page.locator('.newsroom__error')).toBeVisible() },
  {
    name: 'a failed request (404)',
    path: '/flaky/',
    ready: (page) => expect(page.locator('.newsroom__retry')).toBeVisible(),
    allowedFailures: /^404 .*\/flaky\/feed\.json\b/,
  },
  {
    name: 'the compact layout',
    path: '/home/',
    ready: (page) => expect(page.locator('.newsroom__headline').first()).toBeVisible(),
  },
  {
    name: 'several instances on a host page',
    path: '/about/news/',
    ready: async (page) => {
      await expect(page.locator('#late .newsroom__headline').first()).toBeVisible({ timeout: 20_000 });
      await waitForList(page, '#full');
    },
  },
];

// Each scheme on a desktop window, and the light one on a 360 px phone.
const SETTINGS = [
  { name: 'light scheme', use: { colorScheme: 'light' } },
  { name: 'dark scheme', use: { colorScheme: 'dark' } },
  { name: 'light scheme at 360 px', use: { colorScheme: 'light', viewport: { width: 360, height: 800 } } },
];

for (const setting of SETTINGS) {
  test.describe(setting.name, () => {
    test.use(setting.use);
    for (const state of STATES) {
      test.describe(() => {
        test.use({ allowedFailures: state.allowedFailures ?? null });
        test(`axe finds nothing on ${state.name}`, async ({ page }) => {
          await page.goto(state.path);
          await state.ready(page);
          await expectAccessible(page, `${state.name} (${setting.name})`);
        });
      });
    }
  });
}

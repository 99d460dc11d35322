// The app's code that a first view does not need, split off by the release
// build (src/browser/lazy_code.rs): search's index build, a paged feed's
// later pages and the article view in one wasm file, fetched once the first
// articles show; a pre-built archive's reading in another. A bundle's page
// never fetches the archive's; a part that cannot be fetched is a message,
// and the page keeps working.

import { SEED_ID, articleSel, cardIds, countWhen, expect, expectAccessible, test, waitForList } from './fixtures.mjs';

/** An article of the sample bundle with an HTML body (`content_html`). */
const HTML_ID = '2023-02-21-zero-discharge-trial';
const search = (page) => page.locator('input[type=search].newsroom__search');
const wasmName = (url) => new URL(url).pathname.split('/').pop();

/** The names of the wasm files the page asks for, in order. */
function wasmRequests(page) {
  const names = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) names.push(wasmName(r.url()));
  });
  return names;
}

/** Answers 503 for the wasm file `name` until `unroute` is called. */
async function unavailable(page, name) {
  const pattern = `**/${name}`;
  await page.route(pattern, (route) => route.fulfill({ status: 503, body: 'unavailable' }));
  return () => page.unroute(pattern);
}

test("a bundle's page fetches search's code after the app's, once, and never the archive's", async ({ page }) => {
  const asked = wasmRequests(page);
  await page.goto('/');
  await waitForList(page);
  await search(page).pressSequentially('Miao');
  await countWhen(page, (c) => c.shown === 1, '"1 of …" after typing "Miao"');
  expect(await cardIds(page)).toEqual([SEED_ID]);
  expect(asked.filter((n) => !n.startsWith('chunk_'))).toEqual(['newsroom-app_bg.wasm', 'split_later.wasm']);
});

test.describe("search's code that cannot be fetched", () => {
  test.use({ allowedFailures: /^503 .*\/split_later\.wasm$/ });

  test('says search is unavailable, and the articles and filters keep working', async ({ page }) => {
    await unavailable(page, 'split_later.wasm');
    await page.goto('/');
    const all = await waitForList(page);
    await expect(page.locator('.newsroom__notice')).toContainText(
      "Search is unavailable: the page's own code for it could not be loaded. Reload the page to try again.");
    await expectAccessible(page, "search's code unavailable");
    await page.locator('select.newsroom__filter[name=category]').selectOption('Company News');
    const c = await countWhen(page, (x) => x.shown < all.total && x.shown > 0, 'the Company News articles');
    expect(c.total).toBe(all.total);
  });

  test('makes an article a message with the way back to the list, which works', async ({ page }) => {
    await unavailable(page, 'split_later.wasm');
    await page.goto(`/?nr-article=${HTML_ID}`);
    const article = page.locator(articleSel(HTML_ID));
    await expect(article.getByRole('alert')).toHaveText(
      "This article could not be shown: the page's own code for it could not be loaded. Reload the page to try again.");
    await expectAccessible(page, "an article whose code is unavailable");
    await article.locator('.newsroom__back').click();
    await waitForList(page);
  });
});

test("an HTML article is shown by code fetched with search's, its body through the sanitizer, then the page takes its title", async ({ page }) => {
  await page.goto(`/?nr-article=${HTML_ID}`);
  const article = page.locator(articleSel(HTML_ID));
  await expect(article.locator('.newsroom__article-body .newsroom__html p').first()).toBeVisible();
  const title = (await article.locator('h2.newsroom__article-title').textContent()).trim();
  await expect(page).toHaveTitle(new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
});

test.describe("a paged feed's later pages, whose code cannot be fetched", () => {
  test.use({ allowedFailures: /^503 .*\/split_later\.wasm$/ });

  test('leave its first page shown, and the reader told', async ({ page }) => {
    await unavailable(page, 'split_later.wasm');
    await page.goto('/paged/');
    await waitForList(page);
    const notices = page.locator('.newsroom__notice');
    await expect(notices).toContainText(
      "Older articles could not be loaded: the page's own code for them could not be loaded. Reload the page to try again.");
    await expect(notices).toContainText('Search is unavailable');
    expect(await cardIds(page)).toEqual(['paged-1', 'paged-2', 'paged-3', 'paged-4']);
    await expect(page.locator('.newsroom__paging')).toHaveCount(0);
  });
});

test.describe("the archive's code that cannot be fetched", () => {
  test.use({ allowedFailures: /^503 .*\/split_archive\.wasm$/ });

  test('is said, and the archive is read as the paged feed it also is, searchable', async ({ page }) => {
    await unavailable(page, 'split_archive.wasm');
    await page.goto('/archive/');
    await expect(page.locator('.newsroom__notice')).toContainText(
      "cannot be used: the page's own code that reads it could not be loaded. Older articles are read page by page instead.");
    await countWhen(page, (c) => c.total === 1000, 'all 1,000 articles, page by page');
    await search(page).fill('slag');
    await countWhen(page, (c) => c.shown > 0 && c.shown < 1000, 'results for "slag"');
    await expect(page.locator('.newsroom__card mark').first()).toBeVisible();
  });
});

// The app on the pages of a static site that `newsroom build` writes (of
// host/site-feed.json, served as the `site` scenario, its feed naming one
// page outside the site): it takes over a page's static content without a
// flash or a shift, its addresses are the site's own pages and the document
// title follows the open article. Also the page where no site is built (the
// `?nr-article=` addresses as ever) and dist/index.html opened from disk.

import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { articleSel, cardSel, expect, SEED_ID, SEED_TITLE, test, waitForList } from './fixtures.mjs';

const FEED_TITLE = 'Site News';
const TITLES = {
  'site-plant': 'A new chromium oxide line opens',
  'site-visit': 'A delegation visits the plant',
  'site-award': 'The plant wins a safety award',
  'site-note': 'A note without a page of its own',
};
/** The document title of an article: as its static page's `<title>`. */
const titleOf = (id) => `${TITLES[id]} – ${FEED_TITLE}`;

/** The static content's article: a child of the mount element itself. */
const staticArticle = (page) => page.locator('[data-newsroom] > div.newsroom > article.newsroom__article');
/** The app's article, inside its own root. */
// The app renders in its own container in the mount element; the static content is the mount element's own `.newsroom`.
const appArticle = (page, id) => page.locator(`[data-newsroom] > div:not(.newsroom) ${articleSel(id)}`);

test.afterEach(({ server }) => {
  server.state.releaseSite();
  server.state.siteFeedMissing = false;
});

test("an article page keeps its article when the app starts: in the same place, then in the app's own markup", async ({ page, server }) => {
  server.state.siteHeld = true;
  await page.goto('/site/articles/visit/');
  const staticTitle = staticArticle(page).locator('h2');
  await expect(staticTitle).toHaveText(TITLES['site-visit']);
  // The app has started and waits for its feed, hidden beside the static content.
  await expect.poll(() => server.state.siteWaiting.length, { message: 'the feed requested' }).toBe(1);
  await expect(page.locator('[data-newsroom-takeover] .newsroom--full')).toBeHidden();
  const before = await staticTitle.boundingBox();

  server.state.releaseSite();
  const appTitle = appArticle(page, 'site-visit').locator('h2');
  await expect(appTitle).toBeVisible();
  await expect(staticArticle(page), 'the static content is gone').toHaveCount(0);
  await expect(page.locator('.newsroom__header')).toHaveCount(1);
  expect(await appTitle.boundingBox(), 'the headline did not move').toEqual(before);
  // The app's own article: its focusable headline and its pager, which the static markup has not.
  await expect(appTitle).toHaveAttribute('tabindex', '-1');
  await expect(appArticle(page, 'site-visit').locator('.newsroom__next')).toHaveAttribute('href', /\/site\/articles\/award\/$/);
  // Taking over neither moved the focus nor changed the address or the title.
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  expect(page.url()).toBe(`${server.url}/site/articles/visit/`);
  await expect(page).toHaveTitle(titleOf('site-visit'));
});

test.describe('a feed that fails', () => {
  test.use({ allowedFailures: /^404 .*\/site\/feed\.json$/ });

  test('a failed load keeps the static article, with the error and Retry below it; after Retry the app takes over', async ({ page, server }) => {
    server.state.siteFeedMissing = true;
    await page.goto('/site/articles/plant/');
    const error = page.locator('.newsroom__error');
    await expect(error).toBeVisible();
    await expect(error).toContainText('404');
    await expect(staticArticle(page).locator('h2')).toHaveText(TITLES['site-plant']);
    await expect(staticArticle(page)).toBeVisible();
    const articleBox = await staticArticle(page).boundingBox();
    const errorBox = await error.boundingBox();
    expect(errorBox.y, 'the error is below the static article').toBeGreaterThanOrEqual(articleBox.y + articleBox.height);
    // No second heading: the static content names the feed.
    await expect(page.locator('h1')).toHaveCount(1);

    server.state.siteFeedMissing = false;
    await error.getByRole('button', { name: 'Retry' }).click();
    await expect(appArticle(page, 'site-plant').locator('h2')).toBeVisible();
    await expect(staticArticle(page)).toHaveCount(0);
    await expect(page.locator('.newsroom__error')).toHaveCount(0);
  });
});

test('on a built site the address and the document title follow the open article: its own page, the list at the root, back, forward and reload', async ({ page, server }) => {
  await page.goto('/site/articles/visit/');
  await expect(appArticle(page, 'site-visit')).toBeVisible();
  await expect(page).toHaveTitle(titleOf('site-visit'));

  // Next, in the app: the next article's static address and title.
  await appArticle(page, 'site-visit').locator('.newsroom__next').click();
  await expect(appArticle(page, 'site-award')).toBeVisible();
  await expect(page).toHaveURL(`${server.url}/site/articles/award/`);
  await expect(page).toHaveTitle(titleOf('site-award'));

  // Back to the list: the site's root; started on an article, the list is titled by the feed.
  await page.locator('.newsroom__back').click();
  await waitForList(page);
  await expect(page).toHaveURL(`${server.url}/site/`);
  await expect(page).toHaveTitle(FEED_TITLE);
  await expect(page.locator(cardSel('site-plant')).locator('a')).toHaveAttribute('href', `${server.url}/site/articles/plant/`);

  // The browser's Back: the article's address read back as that article.
  await page.goBack();
  await expect(appArticle(page, 'site-award')).toBeVisible();
  await expect(page).toHaveURL(`${server.url}/site/articles/award/`);
  await expect(page).toHaveTitle(titleOf('site-award'));
  await page.goForward();
  await waitForList(page);
  await expect(page).toHaveTitle(FEED_TITLE);

  // A filter on the list: the root with the query; an article opened from it has its own page.
  await page.locator('select[name=category]').selectOption('Safety');
  await expect(page).toHaveURL(`${server.url}/site/?nr-category=Safety`);
  await page.locator(cardSel('site-award')).locator('a').click();
  await expect(page).toHaveURL(`${server.url}/site/articles/award/`);
  await expect(page).toHaveTitle(titleOf('site-award'));
  // The app, long in the static content's place, stays where it is: the focus moved to the headline stays there.
  await expect(appArticle(page, 'site-award').locator('h2')).toBeFocused();
  // Back to the list it came from, filter and all, the focus on the headline left.
  await page.locator('.newsroom__back').click();
  await expect(page).toHaveURL(`${server.url}/site/?nr-category=Safety`);
  await expect(page).toHaveTitle(FEED_TITLE);
  await expect(page.locator(cardSel('site-award')).locator('a')).toBeFocused();

  // Every address the app wrote is a real page: a reload shows the same article.
  await page.locator(cardSel('site-award')).locator('a').click();
  await page.reload();
  await expect(appArticle(page, 'site-award')).toBeVisible();
  await expect(staticArticle(page)).toHaveCount(0);
  await expect(page).toHaveTitle(titleOf('site-award'));
});

test("on a built site's list page, articles open at their own pages and the list keeps the page's title; an article without a page opens at ?nr-article=", async ({ page, server }) => {
  await page.goto('/site/');
  await waitForList(page);
  // The static headlines gave way to the app's list.
  await expect(page.locator('[data-newsroom] > div.newsroom > .newsroom__results')).toHaveCount(0);
  await expect(page).toHaveTitle(FEED_TITLE);

  await page.locator(cardSel('site-plant')).locator('a').click();
  await expect(appArticle(page, 'site-plant')).toBeVisible();
  await expect(page).toHaveURL(`${server.url}/site/articles/plant/`);
  await expect(page).toHaveTitle(titleOf('site-plant'));
  await page.goBack();
  await waitForList(page);
  await expect(page).toHaveURL(`${server.url}/site/`);
  await expect(page).toHaveTitle(FEED_TITLE);

  // `site-note`'s `_newsroom.page` leads outside the site: it was ignored.
  const note = page.locator(cardSel('site-note')).locator('a');
  await expect(note).toHaveAttribute('href', `${server.url}/site/?nr-article=site-note`);
  await note.click();
  await expect(appArticle(page, 'site-note')).toBeVisible();
  await expect(page).toHaveURL(`${server.url}/site/?nr-article=site-note`);
  await expect(page).toHaveTitle(titleOf('site-note'));
  await page.reload();
  await expect(appArticle(page, 'site-note')).toBeVisible();
});

test("a category's page starts on its category, and back to it is the same view; an address of the site the app has no view for is loaded for real", async ({ page, server }) => {
  await page.goto('/site/category/safety/');
  await waitForList(page);
  await expect(page.locator('select[name=category]')).toHaveValue('Safety');
  await expect(page.locator('article.newsroom__card')).toHaveCount(1);
  await expect(page).toHaveTitle(`Safety – ${FEED_TITLE}`);
  // Another list: the site's root with its query; back: the page's own view again, in place.
  await page.evaluate(() => { window.sameDocument = true; });
  await page.locator('select[name=category]').selectOption('');
  await expect(page).toHaveURL(`${server.url}/site/`);
  await expect(page.locator('article.newsroom__card')).toHaveCount(4);
  await page.goBack();
  await expect(page).toHaveURL(`${server.url}/site/category/safety/`);
  await expect(page.locator('select[name=category]')).toHaveValue('Safety');
  await expect(page.locator('article.newsroom__card')).toHaveCount(1);
  expect(await page.evaluate(() => window.sameDocument)).toBe(true);

  // An entry at the root's page for this document, then back to it from one at
  // the category's page: no article's page, so it is loaded for real.
  await page.goto('/site/');
  await waitForList(page);
  await page.evaluate(() => {
    window.sameDocument = true;
    history.pushState(null, '', 'category/safety/');
    history.pushState(null, '', './');
  });
  await page.goBack();
  await expect(page).toHaveURL(`${server.url}/site/category/safety/`);
  await expect(page.locator('select[name=category]')).toHaveValue('Safety');
  expect(await page.evaluate(() => window.sameDocument)).toBeUndefined();
});

test('not on a built site: an article opens at ?nr-article= on the same page, titled as its static page would be; the list has the host page\'s title', async ({ page }) => {
  await page.goto('/?lang=en');
  await waitForList(page);
  const hostTitle = await page.title();
  const feedTitle = await page.locator('.newsroom__header h1').textContent();
  const first = page.locator('article.newsroom__card').first();
  const [id, title] = [await first.getAttribute('data-id'), await first.locator('h2').textContent()];
  await first.locator('a').click();
  await expect(page.locator(articleSel(id))).toBeVisible();
  const url = new URL(page.url());
  expect([url.pathname, url.searchParams.get('lang'), url.searchParams.get('nr-article')]).toEqual(['/', 'en', id]);
  await expect(page).toHaveTitle(`${title} – ${feedTitle}`);
  await page.locator('.newsroom__back').click();
  await waitForList(page);
  await expect(page).toHaveTitle(hostTitle);
  expect(new URL(page.url()).search).toBe('?lang=en');
  // A link straight to the article is titled by it from the start.
  await page.goto(`/?nr-article=${SEED_ID}`);
  await expect(page.locator(articleSel(SEED_ID))).toBeVisible();
  await expect(page).toHaveTitle(`${SEED_TITLE} – ${feedTitle}`);
});

test.describe('dist/index.html opened from disk', () => {
  // From file:// the browser refuses the module script (and so everything
  // after it) and the preloads of the app's code beside it.
  test.use({ allowedFailures: /^net::ERR_FAILED file:\/\/.*\/newsroom(-app)?(\.js|_bg\.wasm)$/ });

  test('says how to serve it, in English and Chinese', async ({ page, server }) => {
    await page.goto(pathToFileURL(path.join(server.dist, 'index.html')).href);
    const notice = page.locator('.newsroom-from-disk');
    await expect(notice).toBeVisible();
    await expect(notice.locator('[lang=en]')).toContainText('make serve');
    await expect(notice.locator('[lang=en]')).toContainText('static web server');
    await expect(notice.locator('[lang=zh-CN]')).toContainText('make serve');
    await expect(notice.locator('[lang=zh-CN]')).toContainText('网页服务器');
  });
});

test('the served page never shows the message for a page opened from disk', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.newsroom-from-disk')).toBeHidden();
  await waitForList(page);
  await expect(page.locator('.newsroom-from-disk')).toBeHidden();
});

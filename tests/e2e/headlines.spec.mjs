// The headlines entry: a page of compact lists only loads newsroom.js, the
// small headlines module and its wasm, never the app; the lists look and
// behave as the app's compact layout (the same markup, languages, errors
// with Retry, one load per feed); a full instance added later loads the app;
// a list the headlines cannot serve goes to the app.

import { countWhen, expect, test, waitForList } from './fixtures.mjs';

/** The paths of the requests the page makes, from now on. */
function requests(page) {
  const paths = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  return paths;
}
const app = (paths) => paths.filter((p) => /\/newsroom-app(_bg\.wasm|\.js)$/.test(p));
const headlines = (paths) => paths.filter((p) => /\/newsroom-headlines(_bg\.wasm|\.js)$/.test(p));

const list = (page, root = '') => page.locator(`${root} .newsroom--compact .newsroom__headline`);

/** A list's markup, without what differs between two renderings of the same view. */
const markup = (page, css) => page.locator(css).evaluate((el) => {
  const copy = el.cloneNode(true);
  // Comments and empty text nodes: where a framework keeps its place, not markup.
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT | NodeFilter.SHOW_TEXT);
  const drop = [];
  while (walker.nextNode()) if (walker.currentNode.nodeType === Node.COMMENT_NODE || !walker.currentNode.data.trim()) drop.push(walker.currentNode);
  drop.forEach((n) => n.remove());
  return copy.outerHTML;
});

test('a page of compact lists only loads the headlines entry, not the app, and shows what the app shows', async ({ page }) => {
  const paths = requests(page);
  // Headlines that open the full news page: their addresses do not depend on this page's.
  await page.goto('/net/with.html?layout=compact&limit=3&link=/about/news/');
  await expect(list(page)).toHaveCount(3);
  expect(headlines(paths).length, 'the headlines module and its wasm').toBe(2);
  expect(app(paths), 'the app was fetched').toEqual([]);
  const ours = await markup(page, '.newsroom--compact');

  // The app's compact list of the same feed, beside a full instance.
  await page.goto('/net/with.html?two=1&link=/about/news/');
  await expect(list(page)).toHaveCount(3);
  await waitForList(page, '.newsroom--full');
  expect(ours, 'the headlines entry renders the markup of the app').toBe(await markup(page, '.newsroom--compact'));
});

test('the headlines speak the host page\'s language and follow its light surface in the dark scheme', async ({ page }) => {
  const paths = requests(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/net/with.html?layout=compact&lang=zh-CN');
  await page.addStyleTag({ content: '[data-newsroom] { --newsroom-background: #fafaf0; }' });
  await expect(list(page)).toHaveCount(5);
  await expect(page.locator('.newsroom--compact')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('.newsroom--compact time').first()).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  // Read on the first render, and again when the scheme changes.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('.newsroom--compact')).toHaveClass(/newsroom--light-surface/);
  expect(app(paths)).toEqual([]);
});

test('a full instance added to a page of headlines loads the app, which works beside them', async ({ page }) => {
  const paths = requests(page);
  await page.goto('/net/with.html?layout=compact');
  await expect(list(page)).toHaveCount(5);
  expect(app(paths)).toEqual([]);
  // As a CMS adds its mount element after our script ran.
  await page.evaluate(() => {
    const full = document.createElement('div');
    full.id = 'added';
    full.setAttribute('data-newsroom', '');
    document.querySelector('main').append(full);
  });
  const before = await waitForList(page, '#added');
  await page.locator('#added input[type=search]').pressSequentially('slag');
  await countWhen(page, (c) => c.shown > 0 && c.text !== before.text, 'results for "slag"', '#added');
  expect(app(paths).length, 'the app and its wasm').toBe(2);
  // The headlines stay as they were: the app leaves the list it did not render alone.
  await expect(page.locator('.newsroom--compact')).toHaveCount(1);
  await expect(list(page)).toHaveCount(5);
});

test.describe('errors', () => {
  test.use({ allowedFailures: /^(503 |404 |net::ERR_EMPTY_RESPONSE ).*\/(net|flaky)\/feed\.json/ });
  test.afterEach(({ server }) => server.state.clearFaults());

  test('lists on one feed share its request; a failure shows in each, and Retry in one loads it for both', async ({ page, server }) => {
    server.state.faults.push({ path: /^\/net\/feed\.json$/, mode: 'never' });
    const paths = requests(page);
    await page.goto('/net/with.html?two=1&layout=compact&timeout=1s');
    const errors = page.locator('.newsroom--compact .newsroom__error[role=alert]');
    await expect(errors).toHaveCount(2, { timeout: 10_000 });
    await expect(errors.first()).toContainText('did not answer within 1 s');
    server.state.clearFaults();
    await errors.first().getByRole('button', { name: 'Retry' }).click();
    await expect(page.locator('.newsroom--compact').first().locator('.newsroom__headline')).toHaveCount(3);
    await expect(page.locator('.newsroom--compact').last().locator('.newsroom__headline')).toHaveCount(5);
    await expect(errors).toHaveCount(0);
    expect(paths.filter((p) => p === '/net/feed.json').length, 'one request, then one more for both').toBe(2);
    expect(app(paths)).toEqual([]);
  });

  test('a busy server is tried again by policy, saying so, then the headlines show', async ({ page, server }) => {
    server.state.faults.push({ path: /^\/net\/feed\.json$/, mode: 'busy', retryAfter: '1', times: 1 });
    const paths = requests(page);
    await page.goto('/net/with.html?layout=compact');
    await expect(page.locator('.newsroom__retrying')).toContainText('Retrying (1 of 3)');
    await expect(list(page)).toHaveCount(5);
    await expect(page.locator('.newsroom__retrying')).toHaveCount(0);
    expect(paths.filter((p) => p === '/net/feed.json').length, 'the 503, then the feed').toBe(2);
  });

  test('a 404 is an error with Retry, not retried by itself', async ({ page, server }) => {
    server.state.flakyAvailable = false;
    const paths = requests(page);
    await page.goto('/flaky/with.html?layout=compact');
    await expect(page.locator('.newsroom__error[role=alert]')).toContainText('404');
    expect(paths.filter((p) => p === '/flaky/feed.json').length).toBe(1);
    server.state.flakyAvailable = true;
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(list(page).first()).toBeVisible();
    await expect(page.locator('.newsroom__error')).toHaveCount(0);
    expect(app(paths)).toEqual([]);
  });
});

test.describe('what the headlines hand to the app', () => {
  test('a category on a pre-built archive: its summary and cards are the app\'s to read', async ({ page }) => {
    const paths = requests(page);
    await page.goto('/archive/compact.html');
    await expect(list(page)).toHaveCount(8);
    expect(app(paths), 'headlines of the first page need no app').toEqual([]);
    await expect(page.locator('[data-newsroom]')).toHaveAttribute('data-newsroom-headlines', '');

    await page.goto('/archive/compact.html?category=Products');
    await expect(list(page)).toHaveCount(8);
    await expect(page.locator('[data-newsroom]')).not.toHaveAttribute('data-newsroom-headlines');
    expect(app(paths).length, 'the app read the archive').toBe(2);
    for (const c of await page.locator('.newsroom__headline-category').allTextContents()) expect(c).toBe('Products');
    await expect(page.locator('.newsroom--compact')).toHaveCount(1);
  });

  test('a list handed over once the app runs is the app\'s as well', async ({ page }) => {
    // The list's feed waits until a full instance has started the app.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/archive/feed.json', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/archive/compact.html?category=Products');
    await expect(page.locator('.newsroom--compact .newsroom__loading')).toBeVisible();
    await page.evaluate(() => {
      const full = document.createElement('div');
      full.id = 'added';
      full.setAttribute('data-newsroom', '');
      full.setAttribute('data-src', '/net/feed.json');
      document.querySelector('main').append(full);
    });
    await waitForList(page, '#added');
    release();
    await expect(list(page)).toHaveCount(8);
    await expect(page.locator('.newsroom--compact')).toHaveCount(1);
    for (const c of await page.locator('.newsroom__headline-category').allTextContents()) expect(c).toBe('Products');
  });

  test('a feed only the app\'s reader can word: its error, with Retry', async ({ page }) => {
    const paths = requests(page);
    await page.goto('/malformed/with.html?layout=compact');
    const error = page.locator('.newsroom__error[role=alert]');
    await expect(error).toContainText(/line \d+, column \d+/);
    await expect(error.getByRole('button', { name: 'Retry' })).toBeVisible();
    expect(app(paths).length).toBe(2);
    await expect(page.locator('.newsroom--compact')).toHaveCount(1);
  });
});

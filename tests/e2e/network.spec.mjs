// A page that survives real networks: the test server makes the bundle (or
// an archive's index files) fail as servers and mobile networks do, and each
// test asserts what the reader sees, when, and how many requests were made.
// Short limits come from the mount element (`data-timeout`) through the
// server's `with.html` pages.

import { countWhen, expect, expectAccessible, test, waitForList } from './fixtures.mjs';

const FEED = '/net/feed.json';

/** The requests the page makes for `path`, as the server's side sees them: to count them. */
function watchRequests(page, path) {
  const sent = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === path) sent.push(r.url());
  });
  return sent;
}

/**
 * Installed before the page's scripts: the page's own clock (performance.now())
 * at each fetch it starts, and when an error or a card first shows. Waits are
 * told from these, not from when the test runner heard of them: on a busy
 * machine its events arrive late, and a wait would look shorter than it was.
 */
const PAGE_CLOCK = () => {
  window.__fetches = [];
  const fetch = window.fetch;
  window.fetch = function (input, ...rest) {
    window.__fetches.push({ url: String(input?.url ?? input), at: performance.now() });
    return fetch.call(this, input, ...rest);
  };
  window.__shown = {};
  const watch = { error: '.newsroom__error', news: 'article.newsroom__card' };
  new MutationObserver(() => {
    for (const [what, css] of Object.entries(watch)) {
      if (window.__shown[what] == null && document.querySelector(css)) window.__shown[what] = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
};

/** The page's clock: when each fetch of `path` started, and when an error and the news first showed. */
const pageClock = (page, path) => page.evaluate((path) => ({
  fetches: window.__fetches.filter((f) => new URL(f.url, location.href).pathname === path).map((f) => f.at),
  ...window.__shown,
}), path);

// The faults the tests inject: 503s, resets and the timeouts' aborts.
test.use({ allowedFailures: /^(503 |net::ERR_(EMPTY_RESPONSE|CONNECTION_RESET) ).*\/(net\/feed\.json|archive\/index\/)/ });
test.afterEach(({ server }) => server.state.clearFaults());
test.beforeEach(({ page }) => page.addInitScript(PAGE_CLOCK));

/** The news is shown: the first card of the list. */
const newsShown = (page, root = '') => expect(page.locator(`${root} article.newsroom__card`).first()).toBeVisible({ timeout: 10_000 });
const error = (page, root = '') => page.locator(`${root} .newsroom__error[role=alert]`);
const retry = (page, root = '') => error(page, root).getByRole('button', { name: 'Retry' });

test('a server that never answers: after the time limit, an error that says so, and Retry loads the bundle', async ({ page, server }) => {
  server.state.faults.push({ path: /^\/net\/feed\.json$/, mode: 'never' });
  const sent = watchRequests(page, FEED);
  await page.goto('/net/with.html?timeout=1.5s');
  await expect(page.locator('.newsroom__loading')).toContainText('Loading news…');
  await expect(error(page)).toContainText('the server did not answer within 1.5 s', { timeout: 10_000 });
  const clock = await pageClock(page, FEED);
  expect(clock.error - clock.fetches[0], 'the error came after the limit, not before').toBeGreaterThanOrEqual(1_500);
  expect(sent.length, 'a timeout is not retried by itself').toBe(1);
  await expectAccessible(page, 'a timeout');
  server.state.clearFaults();
  await retry(page).click();
  await newsShown(page);
  expect(sent.length).toBe(2);
});

test('a body that stops half-way: the progress shows what arrived, then an error after the stall limit; Retry loads it', async ({ page, server }) => {
  server.state.faults.push({ path: /^\/net\/feed\.json$/, mode: 'stall', stallAfter: 20_000 });
  const sent = watchRequests(page, FEED);
  await page.goto('/net/with.html?timeout=1s');
  // 20,000 of 60,973 bytes, in the units a reader expects (whole KB from 10 on).
  await expect(page.locator('.newsroom__progress-detail')).toHaveText('19 KB of 59 KB');
  await expect(error(page)).toContainText('stopped arriving after 19 KB: nothing more came for 1 s', { timeout: 10_000 });
  expect(sent.length).toBe(1);
  server.state.clearFaults();
  await retry(page).click();
  await newsShown(page);
});

test('a slow-3G download that takes longer than the limit is not cut: only a pause is', async ({ page, server }) => {
  server.state.faults.push({ path: /^\/net\/feed\.json$/, mode: 'slow', rate: 20_000, latency: 400 });
  const sent = watchRequests(page, FEED);
  // About 3.4 s in all, in pieces every 50 ms: within a 2 s limit for each pause
  // (with room for a busy machine's late timer), not for the whole download.
  await page.goto('/net/with.html?timeout=2s');
  const detail = page.locator('.newsroom__progress-detail');
  await expect(detail).toHaveText(/^\d+(\.\d)? KB of 59 KB$/);
  const midway = await detail.textContent();
  await newsShown(page);
  const clock = await pageClock(page, FEED);
  expect(clock.news - clock.fetches[0], 'the whole download outlasted the limit').toBeGreaterThan(2_000);
  expect(midway, 'seen part-way').not.toBe('59 KB of 59 KB');
  await expect(error(page)).toHaveCount(0);
  expect(sent.length).toBe(1);
});

test('503 with Retry-After, then success: the page says it is retrying, waits as told, and loads by itself', async ({ page, server }) => {
  server.state.faults.push({ path: /^\/net\/feed\.json$/, mode: 'busy', retryAfter: '2', times: 1 });
  const sent = watchRequests(page, FEED);
  await page.goto('/net/');
  await expect(page.locator('.newsroom__loading .newsroom__retrying'))
    .toHaveText('Retrying (1 of 3): the server answered 503 Service Unavailable.');
  await newsShown(page);
  expect(sent.length).toBe(2);
  // Retry-After: 2 is longer than the policy's own first wait (0.25–0.5 s).
  const { fetches } = await pageClock(page, FEED);
  expect(fetches[1] - fetches[0], 'the second request waited for Retry-After').toBeGreaterThanOrEqual(2_000);
  await expect(error(page)).toHaveCount(0);
});

test('503 for ever: three retries, then the error with Retry; Retry loads it once the server is back', async ({ page, server }) => {
  server.state.faults.push({ path: /^\/net\/feed\.json$/, mode: 'busy' });
  const sent = watchRequests(page, FEED);
  await page.goto('/net/');
  await expect(page.locator('.newsroom__retrying')).toContainText('Retrying (3 of 3)', { timeout: 10_000 });
  await expect(error(page)).toContainText('the server answered 503 Service Unavailable', { timeout: 10_000 });
  await expect(page.locator('.newsroom__retrying')).toHaveCount(0);
  expect(sent.length, 'the first request and three retries').toBe(4);
  // Waits that grow: 0.25–0.5 s, 0.5–1 s, 1–2 s.
  const { fetches } = await pageClock(page, FEED);
  const waits = fetches.slice(1).map((t, i) => t - fetches[i]);
  expect(waits[2], `waits ${waits}`).toBeGreaterThanOrEqual(1_000);
  server.state.clearFaults();
  await retry(page).click();
  await newsShown(page);
  expect(sent.length).toBe(5);
});

test('a connection reset is retried by itself; one that keeps resetting ends in an error after three retries', async ({ page, server }) => {
  server.state.faults.push({ path: /^\/net\/feed\.json$/, mode: 'reset' });
  const sent = watchRequests(page, FEED);
  await page.goto('/net/');
  await expect(error(page)).toContainText('Could not reach the news feed', { timeout: 10_000 });
  expect(sent.length, 'the first request and three retries').toBe(4);
  // A reset or two, then an answer: the reader sees the news, no error.
  server.state.clearFaults();
  server.state.faults.push({ path: /^\/net\/feed\.json$/, mode: 'reset', times: 2 });
  await page.reload();
  await newsShown(page);
  await expect(error(page)).toHaveCount(0);
});

test.describe('a 404', () => {
  test.use({ allowedFailures: /^404 .*\/flaky\/feed\.json\b/ });

  test('is not retried', async ({ page, server }) => {
    server.state.flakyAvailable = false;
    const sent = watchRequests(page, '/flaky/feed.json');
    await page.goto('/flaky/');
    await expect(error(page)).toContainText('404');
    expect(sent.length).toBe(1);
  });
});

test.describe('two instances on one bundle', () => {
  test('share one request and both render', async ({ page }) => {
    const sent = watchRequests(page, FEED);
    await page.goto('/net/with.html?two=1');
    await expect(page.locator('.newsroom--compact .newsroom__headline')).toHaveCount(3);
    const list = await waitForList(page, '.newsroom--full');
    expect(list.total).toBeGreaterThan(3);
    await newsShown(page, '.newsroom--full');
    expect(sent.length, 'one request for both').toBe(1);
  });

  test('a failure shows in each, and Retry in one loads the bundle for both', async ({ page, server }) => {
    server.state.faults.push({ path: /^\/net\/feed\.json$/, mode: 'never' });
    const sent = watchRequests(page, FEED);
    await page.goto('/net/with.html?two=1&timeout=1s');
    await expect(error(page, '.newsroom--compact')).toContainText('did not answer within 1 s', { timeout: 10_000 });
    await expect(error(page, '.newsroom--full')).toContainText('did not answer within 1 s');
    expect(sent.length).toBe(1);
    server.state.clearFaults();
    await retry(page, '.newsroom--compact').click();
    await expect(page.locator('.newsroom--compact .newsroom__headline')).toHaveCount(3);
    await newsShown(page, '.newsroom--full');
    await expect(error(page)).toHaveCount(0);
    expect(sent.length, 'one more request, for both').toBe(2);
  });

  test('a full page added after a headline list loaded gets what headlines did not need: a paged feed\'s later pages', async ({ page }) => {
    const sent = watchRequests(page, '/paged/feed.json');
    await page.goto('/paged/with.html?layout=compact&limit=3');
    await expect(page.locator('.newsroom--compact .newsroom__headline')).toHaveCount(3);
    expect(sent.length).toBe(1);
    // As a CMS adds its mount element after our script ran.
    await page.evaluate(() => {
      const full = document.createElement('div');
      full.setAttribute('data-newsroom', '');
      document.querySelector('main').append(full);
    });
    await countWhen(page, (c) => c.total === 12, 'all 12 articles of the three pages', '.newsroom--full');
    await expect(page.locator('.newsroom--compact .newsroom__headline')).toHaveCount(3);
    expect(sent.length, 'the bundle loaded again, once, for both').toBe(2);
  });
});

test.describe('an archive\'s index files', () => {
  const SHARDS = /^\/archive\/index\/terms-/;

  test('a shard that does not answer is an error with Retry, and the rest keeps working', async ({ page, server }) => {
    server.state.faults.push({ path: SHARDS, mode: 'never' });
    await page.goto('/archive/with.html?timeout=1s');
    const first = await waitForList(page);
    await page.getByRole('searchbox').fill('slag');
    const alert = page.locator('.newsroom__part-error[role=alert]');
    await expect(alert).toContainText('Search is unavailable', { timeout: 10_000 });
    await expect(alert).toContainText('the server did not answer within 1 s');
    expect((await countWhen(page, () => true, 'any')).shown).toBe(first.shown);
    server.state.clearFaults();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(alert).toHaveCount(0);
    await countWhen(page, (c) => c.shown > 0 && c.shown < 1000, 'results for "slag"');
  });

  // How long the page's tasks run meanwhile is measured by `make bench`, not asserted here.
  test('a busy shard is retried while the reader types: no keystroke lost, then the results', async ({ page, server }) => {
    const fault = { path: SHARDS, mode: 'busy', retryAfter: '1', times: 1 };
    server.state.faults.push(fault);
    await page.goto('/archive/');
    await waitForList(page);
    const box = page.getByRole('searchbox');
    await box.pressSequentially('ch');
    // The first shard's 503 is in: the page waits a second before asking again.
    await expect.poll(() => fault.hits ?? 0, { message: 'the shard was asked for' }).toBeGreaterThanOrEqual(1);
    await box.pressSequentially('romium slag');
    await expect(box, 'no keystroke lost or reordered').toHaveValue('chromium slag');
    await countWhen(page, (c) => c.shown > 0 && c.shown < 1000, 'results for "chromium slag"');
    await expect(page.locator('.newsroom__card mark').first()).toBeVisible();
    await expect(page.locator('.newsroom__part-error')).toHaveCount(0);
    expect(fault.hits, 'the busy shard was asked for again').toBeGreaterThanOrEqual(2);
  });
});

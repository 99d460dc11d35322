// End-to-end tests of the standalone page (index.html) and its scenario
// bundles (tests/e2e/server.mjs): reading, searching, filtering, links and
// history, bad input, and scale.

import fs from 'node:fs';
import path from 'node:path';

import {
  SEED_ID, SEED_TITLE, articleSel, cardIds, cardSel, countWhen, expect, parseCount, scrollAllCardIds, scrollUntil, showAll, test,
  urlWhen, waitForList,
} from './fixtures.mjs';

const search = (page) => page.locator('input[type=search].newsroom__search');
const categorySelect = (page) => page.locator('select.newsroom__filter[name=category]');
const options = (select) => select.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, text: o.textContent.trim() })));
const sampleFeed = (server) => JSON.parse(fs.readFileSync(path.join(server.dist, 'feed.json'), 'utf8'));

test('the seed article is listed and opens in the article view', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  // Ten at a time, newest first, and only the cards near the viewport exist:
  // show every page, then scroll down until the seed's card is rendered.
  await showAll(page);
  const card = await scrollUntil(page, cardSel(SEED_ID));
  await expect(card.locator('time[datetime]')).toHaveAttribute('datetime', /^2023-11-0[345]/);
  await expect(card.locator('.newsroom__card-category')).toHaveCount(1);

  const link = card.locator('h2 a.newsroom__card-link');
  await expect(link).toHaveText(SEED_TITLE);
  await link.click();

  const article = page.locator(articleSel(SEED_ID));
  await expect(article).toBeVisible();
  await expect(article.locator('h2.newsroom__article-title')).toHaveText(SEED_TITLE);
  await expect(article.locator('.newsroom__article-body')).toContainText('Tian Yile');
  await urlWhen(page, (u, p) => p.get('nr-article') === SEED_ID, `nr-article=${SEED_ID}`);
  await expect(page.locator('a.newsroom__back')).toBeVisible();
});

test('searching for "Miao" finds exactly the seed article and highlights the match', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  await expect(search(page), 'the search box has a label').toHaveAccessibleName(/\S/);
  await search(page).pressSequentially('Miao');
  await countWhen(page, (c) => c.shown === 1, '"1 of …" after typing "Miao"');
  expect(await cardIds(page)).toEqual([SEED_ID]);
  await expect(page.locator(`${cardSel(SEED_ID)} p.newsroom__card-summary mark`).filter({ hasText: /^Miao$/ })).not.toHaveCount(0);
  await urlWhen(page, (u, p) => p.get('nr-q') === 'Miao', 'nr-q=Miao');

  await page.goto('/');
  await waitForList(page);
  await search(page).pressSequentially('miao');
  await countWhen(page, (c) => c.shown === 1, '"1 of …" after typing "miao" (lower case)');
  expect(await cardIds(page)).toEqual([SEED_ID]);
});

test('a match only in the body shows an excerpt around it, marked and cut with ellipses; without a search, the teaser', async ({ page, server }) => {
  const items = Object.fromEntries(sampleFeed(server).items.map((i) => [i.id, i]));
  const bodyOnly = '2022-01-18-annual-work-conference';
  const inSummary = '2022-07-12-h1-2022-results';
  expect(items[bodyOnly].summary).not.toMatch(/dichromate/i);
  expect(items[bodyOnly].content_text.indexOf('dichromate'), 'deep in the body').toBeGreaterThan(200);
  expect(items[inSummary].summary).toMatch(/dichromate/i);

  // Oldest first, so that the body-only card is first with the search and without it.
  await page.goto('/?nr-q=dichromate&nr-year=2022&nr-sort=oldest');
  // These two, and one tagged "Sodium Dichromate".
  await countWhen(page, (c) => c.shown === 3, 'the three 2022 articles that mention dichromate');
  const teaser = (id) => page.locator(`${cardSel(id)} p.newsroom__card-summary`);
  await expect(teaser(bodyOnly).locator('mark')).toHaveText([/^dichromate$/i]);
  // Cut before the match and after it, between words, with the body's words around the match.
  await expect(teaser(bodyOnly)).toHaveText(/^…\S.* sodium dichromate and chromic acid anhydride .*\S…$/);
  await expect(teaser(bodyOnly)).not.toContainText(items[bodyOnly].summary);
  // A summary that has the word is shown whole, marked.
  await expect(teaser(inSummary)).toHaveText(items[inSummary].summary.trim());
  await expect(teaser(inSummary).locator('mark')).toHaveText([/^dichromate$/i]);

  await search(page).fill('');
  await countWhen(page, (c) => c.shown > 3, 'every 2022 article without the search');
  await expect(teaser(bodyOnly)).toHaveText(items[bodyOnly].summary.trim());
  await expect(teaser(bodyOnly).locator('mark')).toHaveCount(0);
});

test('the category filter shows only Company News articles with the advertised count', async ({ page }) => {
  await page.goto('/');
  const all = await waitForList(page);
  const opts = await options(categorySelect(page));
  expect(opts.some((o) => o.value === ''), 'an "all" option').toBe(true);
  const option = opts.find((o) => /^Company News \(\d+\)$/.test(o.text));
  expect(option, `a category option like "Company News (N)" among ${JSON.stringify(opts)}`).toBeTruthy();
  const n = Number(/\((\d+)\)$/.exec(option.text)[1]);
  expect(option.value, 'the option value is the raw category').toBe('Company News');

  await categorySelect(page).selectOption(option.value);
  const c = await countWhen(page, (x) => x.shown === n, `"${n} of ${all.total} articles"`);
  expect(c.total, 'filtered out of all articles').toBe(all.total);
  const categories = await page.locator('article.newsroom__card').evaluateAll((cards) =>
    cards.map((a) => a.querySelector('.newsroom__card-category')?.textContent.trim() ?? null));
  expect(categories.length).toBeGreaterThan(0);
  expect(categories.length).toBeLessThanOrEqual(n);
  for (const cat of categories) expect(cat).toBe('Company News');
  await urlWhen(page, (u, p) => p.get('nr-category') === 'Company News', 'nr-category=Company News');
});

test('a deep link with search and category survives a reload', async ({ page }) => {
  const settled = async () => {
    await expect(search(page)).toHaveValue('chromium');
    await expect(categorySelect(page)).toHaveValue('Products');
    return waitForList(page);
  };
  await page.goto('/?nr-q=chromium&nr-category=Products&keep=1');
  const first = await settled();
  await page.reload();
  const second = await settled();
  expect(second.text, 'the count across the reload').toBe(first.text);
  const u = new URL(page.url());
  expect(u.searchParams.get('keep')).toBe('1');
  expect(u.searchParams.get('nr-q')).toBe('chromium');
  expect(u.searchParams.get('nr-category')).toBe('Products');
  expect(u.pathname).toBe('/');
});

test('back and forward move between the filtered list, an article and the unfiltered list', async ({ page }) => {
  await page.goto('/?x=1');
  const all = await waitForList(page);
  const opts = await options(categorySelect(page));
  const option = opts.find((o) => o.value === 'Company News');
  expect(option, `a Company News option among ${JSON.stringify(opts)}`).toBeTruthy();
  const n = Number(/\((\d+)\)\s*$/.exec(option.text)[1]);
  const keepsX = (u) => u.searchParams.get('x') === '1' && u.pathname === '/';

  await categorySelect(page).selectOption(option.value);
  await urlWhen(page, (u, p) => keepsX(u) && p.get('nr-category') === option.value, `x=1 and nr-category=${option.value}`);
  const filtered = await countWhen(page, (c) => c.shown === n, `${n} of …`);

  const [firstId] = await cardIds(page);
  expect(firstId, 'a card in the filtered list').toBeTruthy();
  await page.locator(`${cardSel(firstId)} h2 a.newsroom__card-link`).click();
  await expect(page.locator(articleSel(firstId))).toBeVisible();
  await urlWhen(page, (u, p) => keepsX(u) && p.get('nr-article') === firstId && p.get('nr-category') === option.value,
    `x=1, nr-category=${option.value}, nr-article=${firstId}`);

  await page.goBack();
  await expect(page.locator('article.newsroom__article')).toHaveCount(0);
  await expect(page.locator('.newsroom__count')).toHaveText(filtered.text);
  await expect(categorySelect(page)).toHaveValue(option.value);
  await urlWhen(page, (u, p) => keepsX(u) && p.get('nr-category') === option.value && !p.has('nr-article'),
    'back: x=1, nr-category, no nr-article');

  await page.goBack();
  await expect(page.locator('.newsroom__count')).toHaveText(all.text);
  await expect(categorySelect(page)).toHaveValue('');
  await urlWhen(page, (u, p) => keepsX(u) && !p.get('nr-category'), 'back again: x=1 and no nr-category');

  await page.goForward();
  await expect(page.locator('.newsroom__count')).toHaveText(filtered.text);
  await expect(categorySelect(page)).toHaveValue(option.value);
  await urlWhen(page, (u, p) => keepsX(u) && p.get('nr-category') === option.value, 'forward: x=1 and nr-category');
});

test('a malformed bundle shows an error naming the line and column', async ({ page }) => {
  await page.goto('/malformed/');
  const err = page.locator('.newsroom__error');
  await expect(err).toHaveAttribute('role', 'alert');
  await expect(err).toContainText(/line 3\b/i);
  await expect(err).toContainText(/column/i);
  await expect(page.locator('article.newsroom__card')).toHaveCount(0);
});

test('an HTML page instead of a bundle shows an error saying so', async ({ page }) => {
  await page.goto('/html-page/');
  const err = page.locator('.newsroom__error');
  await expect(err).toContainText(/html/i);
  await expect(err).toHaveAttribute('role', 'alert');
  await expect(page.locator('.newsroom__retry')).toBeVisible();
});

test.describe('a feed that fails first', () => {
  test.use({ allowedFailures: /^404 .*\/flaky\/feed\.json\b/ });

  test('a 404 shows an error and Retry loads the bundle once it is available', async ({ page, server }) => {
    server.state.flakyAvailable = false;
    const feedRequests = () => server.state.requests.filter((r) => r.path.split('?')[0] === '/flaky/feed.json').length;
    const before = feedRequests();
    await page.goto('/flaky/');
    await expect(page.locator('.newsroom__error')).toContainText(/404/);
    const afterFirst = feedRequests();
    expect(afterFirst, 'the page requested /flaky/feed.json').toBeGreaterThan(before);

    server.state.flakyAvailable = true;
    try {
      await page.locator('.newsroom__retry').click();
      await countWhen(page, (c) => c.text.startsWith('3 of 3 articles'), '"3 of 3 articles" after Retry');
      expect(await cardIds(page)).toHaveLength(3);
      await expect(page.locator('.newsroom__error')).toHaveCount(0);
      expect(feedRequests(), 'Retry requested the bundle again').toBeGreaterThan(afterFirst);
    } finally {
      server.state.flakyAvailable = false;
    }
  });
});

test('a bundle with imperfect items shows what it can, undated last, and explains the skipped one', async ({ page }) => {
  await page.goto('/one-bad/');
  const c = await waitForList(page);
  expect(c.total, c.text).toBe(4);
  expect(await cardIds(page), 'newest first, the undated item last')
    .toEqual(['2024-02-04-good-one', '2024-02-03-good-two', '2024-02-01-good-three', '2024-02-02-bad-date']);
  await expect(page.locator(`${cardSel('2024-02-02-bad-date')} .newsroom__meta`)).toContainText('Undated');
  await expect(page.locator(`${cardSel('2024-02-02-bad-date')} time`)).toHaveCount(0);
  const details = page.locator('details.newsroom__skipped');
  const summary = details.locator('summary');
  await expect(summary).toContainText(/\b1\b/);
  await expect(summary).toContainText(/skip/i);
  if (!(await details.evaluate((d) => d.open))) await summary.click();
  const reasons = details.locator('li');
  await expect(reasons).toHaveCount(1);
  await expect(reasons).toBeVisible();
  await expect(reasons).toContainText('2024-02-05-empty');
  await expect(reasons).toContainText('nothing to show');
  await expect(reasons).toContainText(/\b5\b/);
});

test.describe('hostile content', () => {
  test.use({ allowedFailures: /\/hostile\/x\b|127\.0\.0\.1:\d+\/x\b/ });

  test('hostile content_html is rendered inert', async ({ page }) => {
    await page.goto('/hostile/?nr-article=hostile-html');
    const article = page.locator(articleSel('hostile-html'));
    await expect(article).toBeVisible();
    await expect(article.locator('.newsroom__article-body')).toContainText('Safe paragraph.');

    await expect(article.locator('h2.newsroom__article-title'), 'the title is literal text').toHaveText('<b>Hostile</b> title');
    await expect(article.locator('h2.newsroom__article-title b')).toHaveCount(0);

    const scan = () => page.evaluate(() => {
      const root = document.querySelector('.newsroom');
      const all = Array.from(root.querySelectorAll('*'));
      const jsUrl = /^\s*javascript:/i;
      return {
        scripts: root.querySelectorAll('script').length,
        frames: Array.from(root.querySelectorAll('iframe, frame, object, embed')).map((e) => e.outerHTML),
        handlers: all.flatMap((e) => Array.from(e.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName.toLowerCase()}[${a.name}]`)),
        jsUrls: all.filter((e) => ['href', 'src', 'action', 'formaction', 'xlink:href'].some((n) => jsUrl.test(e.getAttribute(n) || ''))).map((e) => e.outerHTML),
      };
    });
    const r = await scan();
    expect(r.scripts, 'a <script> made it into .newsroom').toBe(0);
    expect(r.frames, 'an iframe/object/embed made it into .newsroom').toEqual([]);
    expect(r.handlers, 'inline event-handler attributes made it into .newsroom').toEqual([]);
    expect(r.jsUrls, 'javascript: URLs made it into .newsroom').toEqual([]);

    const before = new URL(page.url());
    const jsLink = page.locator('#js-link');
    if (await jsLink.isVisible()) {
      await jsLink.click();
      const after = new URL(page.url());
      expect(after.origin + after.pathname, 'clicking #js-link navigated away').toBe(before.origin + before.pathname);
      await expect(article).toBeVisible();
    }

    const okLink = page.locator('.newsroom__article-body a', { hasText: 'ok link' });
    await expect(okLink).toHaveAttribute('rel', /(^|\s)noopener(\s|$)/);

    // Let any image error (src=x) settle before checking that nothing ran.
    await expect.poll(() => page.evaluate(() => Array.from(document.querySelectorAll('.newsroom img')).every((i) => i.complete)),
      { message: 'images in the article finished loading or failing' }).toBe(true);
    expect(await scan(), 'the article DOM changed after interaction').toEqual(r);
    expect(await page.evaluate(() => String(window.__pwned)), 'hostile content ran script').toBe('undefined');
  });
});

test('a nonsense URL shows a notice instead of crashing and the list still works', async ({ page }) => {
  await page.goto('/?nr-page=abc&nr-sort=sideways&nr-article=does-not-exist');
  const notice = page.locator('.newsroom__notice, .newsroom__article-missing').first();
  await expect(notice).toHaveText(/\S/);
  await expect(page.locator('[data-newsroom] .newsroom')).toHaveCount(1);

  const back = page.locator('a.newsroom__back');
  if (!(await page.locator('article.newsroom__card').first().isVisible())) {
    await expect(back, 'the list or a way back to it').toBeVisible();
    await back.click();
  }
  const c = await waitForList(page);
  expect(c.shown, c.text).toBeGreaterThan(0);
  await expect(page.locator('select.newsroom__sort')).toHaveValue(/^(newest|oldest|relevance)$/);
  // The list must still be usable: open the first card.
  const [firstId] = await cardIds(page);
  await page.locator(`${cardSel(firstId)} h2 a.newsroom__card-link`).click();
  await expect(page.locator(articleSel(firstId))).toBeVisible();
});

test.describe('at 360 px', () => {
  test.use({ viewport: { width: 360, height: 800 } });

  /** The page scrolls sideways: the widest offenders, for the message. */
  const horizontalOverflow = (page) => page.evaluate(() => {
    const w = window.innerWidth;
    if (document.documentElement.scrollWidth <= w) return [];
    return Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > w + 0.5).slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).trim().split(/\s+/).join('.')} right=${Math.round(e.getBoundingClientRect().right)}`)
      .concat([`scrollWidth ${document.documentElement.scrollWidth} > ${w}`]);
  });

  test('no horizontal scrolling on the list and the seed article', async ({ page }) => {
    await page.goto('/');
    await waitForList(page);
    expect(await horizontalOverflow(page), 'list at 360 px').toEqual([]);
    await page.goto(`/?nr-article=${SEED_ID}`);
    await expect(page.locator(articleSel(SEED_ID))).toBeVisible();
    expect(await horizontalOverflow(page), 'seed article at 360 px').toEqual([]);
  });
});

test('Chinese search matches the phrase without spaces, and accents are folded', async ({ page, server }) => {
  const feed = sampleFeed(server);
  const expected = feed.items.filter((i) => [i.title, i.summary, i.content_text, i.content_html]
    .some((f) => typeof f === 'string' && f.includes('铬盐'))).map((i) => i.id).sort();
  expect(expected.length, 'the sample has several items with 铬盐').toBeGreaterThanOrEqual(2);

  await page.goto('/');
  await waitForList(page);
  await search(page).pressSequentially('铬盐');
  await countWhen(page, (c) => c.shown === expected.length, `${expected.length} results for 铬盐`);
  // Only the rows near the viewport are rendered: the results, scrolled through.
  expect((await scrollAllCardIds(page, expected.length)).sort()).toEqual(expected);

  await page.goto('/?nr-q=societe');
  const c = await waitForList(page);
  expect(c.shown, 'results for "societe"').toBeGreaterThanOrEqual(1);
  await expect(page.locator('.newsroom__card mark', { hasText: /^Société$/ }).first()).toBeVisible();
});

test('the way back from an article keeps the filters, the pages shown and the scroll position', async ({ page }) => {
  await page.goto('/?nr-category=&keep=1');
  await waitForList(page);
  await page.locator('.newsroom__more').click();
  await urlWhen(page, (u, p) => p.get('nr-page') === '2', 'nr-page=2 after "Show more"');
  await expect(page.locator('.newsroom__more'), 'focus stays on "Show more"').toBeFocused();
  // Scroll to the last of the 20 results; it must be rendered there.
  let at;
  await expect.poll(async () => {
    at = await page.evaluate(() => {
      document.querySelector('.newsroom__more').scrollIntoView({ block: 'end' });
      const cards = document.querySelectorAll('article.newsroom__card');
      const last = cards[cards.length - 1];
      return last && last.getBoundingClientRect().bottom <= window.innerHeight ? { y: window.scrollY, target: last.dataset.id } : null;
    });
    return !!at;
  }, { message: 'the last of 20 cards near "Show more"' }).toBe(true);
  const { y, target } = at;
  expect(y, 'the page scrolled').toBeGreaterThan(200);
  await page.locator(`${cardSel(target)} h2 a.newsroom__card-link`).click();
  await expect(page.locator(articleSel(target))).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY), { message: 'the article opens at its top' }).toBeLessThan(y);

  await page.locator('a.newsroom__back').click();
  await expect(page.locator(cardSel(target))).toHaveCount(1);
  await expect.poll(() => page.evaluate(() => window.scrollY), { message: `the scroll position ${y} is restored` })
    .toBeGreaterThanOrEqual(y - 2);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - y)).toBeLessThanOrEqual(2);
  const u = new URL(page.url());
  expect(u.searchParams.get('keep')).toBe('1');
  expect(u.searchParams.get('nr-page')).toBe('2');
  expect(u.searchParams.has('nr-article'), `still has nr-article: ${u}`).toBe(false);
});

test('"Clear all" resets search, filters and sort but leaves the host parameters', async ({ page }) => {
  await page.goto('/?nr-q=chromium&nr-year=2024&nr-sort=oldest&host=yes');
  const filtered = await waitForList(page);
  expect(filtered.shown, `the deep link filters: ${filtered.text}`).toBeLessThan(filtered.total);
  await page.locator('.newsroom__clear').click();
  await countWhen(page, (c) => c.shown === c.total, 'all articles after "Clear all"');
  expect([...new URL(page.url()).searchParams.keys()]).toEqual(['host']);
  await expect(search(page)).toHaveValue('');
  await expect(page.locator('select.newsroom__sort')).toHaveValue('newest');
});

test("the mount element's data-src chooses the bundle and nothing in the URL can change it", async ({ page, server }) => {
  const requested = (p) => server.state.requests.filter((r) => r.path.split('?')[0] === p).length;
  const before = requested('/data-src/feed.json');
  await page.goto('/data-src/?src=../malformed/feed.json&data-src=../malformed/feed.json&nr-src=../hostile/feed.json');
  await expect(page.locator('article.newsroom__card'), 'the 4 shown items of the one-bad bundle').toHaveCount(4);
  expect(requested('/data-src/feed.json'), 'the default feed.json was requested despite data-src').toBe(before);
  await expect(page.locator('.newsroom__error')).toHaveCount(0);
});

test('only the cards near the viewport are in the DOM, however many results are shown', async ({ page, server }) => {
  await page.goto('/?nr-page=100');
  const c = await waitForList(page);
  expect(c.shown, `the sample has over 40 articles: ${c.text}`).toBeGreaterThan(40);
  await expect(page.locator('.newsroom__more'), 'every result is shown, so no "Show more"').toHaveCount(0);
  const atTop = (await cardIds(page)).length;
  expect(atTop).toBeGreaterThan(0);
  expect(atTop, `cards in the DOM at the top of ${c.shown} results`).toBeLessThanOrEqual(20);
  // Down to the end, noting each card's height and the most cards in the DOM at once.
  const heights = new Map();
  let most = 0;
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(async () => {
    const seen = await page.evaluate(() => {
      const cards = [...document.querySelectorAll('article.newsroom__card')].map((el) => [el.dataset.id, el.getBoundingClientRect().height]);
      const end = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
      window.scrollBy(0, window.innerHeight * 0.5);
      return { cards, end };
    });
    for (const [id, h] of seen.cards) heights.set(id, h);
    most = Math.max(most, seen.cards.length);
    return seen.end && heights.size === c.shown;
  }, { message: `all ${c.shown} cards rendered while scrolling`, timeout: 30_000, intervals: [50] }).toBe(true);
  expect(most, `cards in the DOM at once, scrolling through ${c.shown} results`).toBeLessThanOrEqual(20);
  const oldest = [...sampleFeed(server).items].sort((a, b) => Date.parse(a.date_published) - Date.parse(b.date_published))[0].id;
  expect((await cardIds(page)).at(-1), 'the oldest article last').toBe(oldest);
  // Cards have heights of their own, and the list is exactly as high as its cards:
  // the space above the rendered ones is the height of those not rendered.
  expect(new Set([...heights.values()].map(Math.round)).size, 'different card heights').toBeGreaterThan(1);
  const { list, above, rendered } = await page.evaluate(() => ({
    list: document.querySelector('.newsroom__results').getBoundingClientRect().height,
    above: document.querySelector('.newsroom__spacer').getBoundingClientRect().height,
    rendered: [...document.querySelectorAll('article.newsroom__card')].map((el) => el.dataset.id),
  }));
  const sum = (ids) => ids.reduce((total, id) => total + heights.get(id), 0);
  expect(Math.abs(list - sum([...heights.keys()])), `the list is ${list}px high for cards of ${sum([...heights.keys()])}px`).toBeLessThanOrEqual(1);
  const notRendered = [...heights.keys()].filter((id) => !rendered.includes(id));
  expect(Math.abs(above - sum(notRendered)), `the space above the cards is ${above}px for ${notRendered.length} cards of ${sum(notRendered)}px`).toBeLessThanOrEqual(1);
});

test('a bundle on a slow connection shows a progress bar of bytes received out of the total', async ({ page }) => {
  await page.goto('/slow/');
  let seen;
  await expect.poll(async () => {
    seen = await page.evaluate(() => {
      const p = document.querySelector('.newsroom__progress');
      const detail = document.querySelector('.newsroom__progress-detail')?.textContent;
      return p && p.value > 0 && p.value < p.max ? { value: p.value, max: p.max, detail } : null;
    });
    return !!seen;
  }, { message: 'a partly filled .newsroom__progress', timeout: 20_000 }).toBe(true);
  expect(seen.max, "the bar's total is the bundle's size").toBeGreaterThan(1_000_000);
  // In units a reader expects: what arrived (bytes, KB or MB) of the total in MB, one decimal below 10.
  expect(seen.detail).toMatch(/^\d+(\.\d)? (bytes|KB|MB) of \d\.\d MB$/);
  const c = await waitForList(page);
  expect(c.total, c.text).toBe(1000);
  await expect(page.locator('.newsroom__progress')).toHaveCount(0);
});

// How long the page's tasks run while it loads, indexes and is typed into is
// a measurement (`make bench`), not asserted here: on a busy machine it is noise.
test('10,000 articles: no keystroke is lost while search gets ready, the results are right, the DOM stays small', async ({ page, server }) => {
  // Made before the page starts, so the server's work does not compete with the page's.
  server.prepareGenerated();
  await page.goto('/big/');
  await expect(page.locator('article.newsroom__card').first()).toBeVisible({ timeout: 30_000 });
  // Type at once, while the search index is still being built.
  const indexingWhenTyping = await page.locator('.newsroom__indexing').count() > 0;
  await search(page).pressSequentially('chromium slag');
  await expect(search(page), 'no keystroke lost or reordered').toHaveValue('chromium slag');
  await urlWhen(page, (u, p) => p.get('nr-q') === 'chromium slag', 'nr-q=chromium slag');
  await expect(page.locator('.newsroom__indexing')).toHaveCount(0, { timeout: 30_000 });
  const c = await countWhen(page, (x) => x.total === 10_000 && x.shown > 0 && x.shown < x.total, 'search results among 10,000');
  const cards = (await cardIds(page)).length;
  expect(cards).toBeGreaterThan(0);
  expect(cards, `cards in the DOM for ${c.text}`).toBeLessThanOrEqual(20);
  const marks = await page.locator('.newsroom__card mark').evaluateAll((ms) => ms.map((m) => m.textContent.toLowerCase()));
  expect(marks).toContain('chromium');
  expect(marks).toContain('slag');
  test.info().annotations.push({ type: 'typed while search was being prepared', description: String(indexingWhenTyping) });
});

test('a paged JSON Feed shows its first page at once and the later pages when they arrive', async ({ page, server }) => {
  const requested = (p) => server.state.requests.filter((r) => r.path.split('?')[0] === p).length;
  const before = ['/paged/feed.json', '/paged/feed-2.json', '/paged/older/feed-3.json'].map(requested);
  server.state.pagedHeld = true;
  try {
    await page.goto('/paged/');
    // The first page is shown while the second is still on its way.
    await expect(page.locator('.newsroom__count')).toHaveText(/^4 of 4 articles/);
    await expect(page.locator('.newsroom__paging')).toContainText('Loading older articles');
    expect(await cardIds(page)).toEqual(['paged-1', 'paged-2', 'paged-3', 'paged-4']);
    await page.locator('input[type=search].newsroom__search').fill('chromium');
    await countWhen(page, (c) => c.shown === 4 && c.total === 4, 'search works on the first page meanwhile');
  } finally {
    server.state.releasePaged();
  }
  // Every page once, the repeated item once, search over all of them.
  await countWhen(page, (c) => c.total === 12, 'all 12 articles of the three pages');
  await expect(page.locator('.newsroom__paging')).toHaveCount(0);
  await expect(page.locator('input[type=search].newsroom__search'), 'the search box kept what was typed').toHaveValue('chromium');
  await countWhen(page, (c) => c.shown === 11, '11 articles mention chromium');
  await page.locator('input[type=search].newsroom__search').fill('vanadium');
  await countWhen(page, (c) => c.shown === 1, 'the one article of page 3 about vanadium');
  expect(await cardIds(page)).toEqual(['paged-11']);
  const after = ['/paged/feed.json', '/paged/feed-2.json', '/paged/older/feed-3.json'].map(requested);
  expect(after.map((n, i) => n - before[i]), 'requests per page').toEqual([1, 1, 1]);
});

test("a deep link to an article on a paged feed's later page opens it once that page is read", async ({ page }) => {
  await page.goto('/paged/?nr-article=paged-11');
  await expect(page.locator(articleSel('paged-11'))).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(`${articleSel('paged-11')} .newsroom__article-body`)).toContainText('vanadium');
  expect(new URL(page.url()).searchParams.get('nr-article')).toBe('paged-11');
});

test('best match is the order while searching, unless the reader chose one; the URL records only a choice', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  const sort = page.locator('select[name=sort]');
  await expect(sort).toHaveValue('newest');
  await page.getByRole('searchbox').fill('visit');
  await expect(sort).toHaveValue('relevance');
  await expect(page.locator('article.newsroom__card').first()).toHaveAttribute('data-id', '2023-03-15-societe-generale-des-cuirs-visit');
  await expect(page.locator('article.newsroom__card').first().locator('.newsroom__card-title mark')).toHaveText(['Visits']);
  expect(new URL(page.url()).searchParams.get('nr-sort'), 'a default is not written').toBeNull();
  // The reader's choice holds, and is written.
  await sort.selectOption('newest');
  await expect(page.locator('article.newsroom__card').first()).toHaveAttribute('data-id', '2025-11-27-chinacoat-2025');
  await expect(page).toHaveURL(/nr-sort=newest/);
  // Cleared, the list is newest first again.
  await page.goto('/?nr-q=visit');
  await expect(sort).toHaveValue('relevance');
  await page.getByRole('searchbox').fill('');
  await expect(sort).toHaveValue('newest');
  await expect(sort.locator('option[value=relevance]')).toHaveCount(0);
});

test('a run of keys in the search box is written to the URL once typing pauses, not while it goes on', async ({ page }) => {
  // The page's write timers (300 ms, WRITE_AFTER in nav.rs) are held for the
  // test to fire: "typing goes on" is then exact, however busy the machine.
  await page.addInitScript(() => {
    const held = new Map();
    let next = 1_000_000;
    const [set, clear] = [window.setTimeout, window.clearTimeout];
    window.setTimeout = function (f, delay, ...args) {
      if (delay !== 300) return set.call(window, f, delay, ...args);
      held.set(++next, f);
      return next;
    };
    window.clearTimeout = (id) => (held.delete(id) ? undefined : clear.call(window, id));
    window.__heldTimers = () => [...held.keys()];
    window.__fire = (ids) => ids.forEach((id) => { const f = held.get(id); held.delete(id); f?.(); });
  });
  await page.goto('/');
  await waitForList(page);
  const box = page.getByRole('searchbox');
  const written = () => new URL(page.url()).searchParams.get('nr-q');
  // The run's first key is its own entry at once; the next ones wait.
  await box.pressSequentially('ch');
  expect(written()).toBe('c');
  const afterH = await page.evaluate(() => window.__heldTimers());
  expect(afterH.length).toBeGreaterThan(0);
  // Another key before the pause: the wait starts again, so the time after
  // "h" running out writes nothing.
  await box.press('r');
  await page.evaluate((ids) => window.__fire(ids), afterH);
  expect(written()).toBe('c');
  // The pause after the last key writes the run.
  await page.evaluate(() => window.__fire(window.__heldTimers()));
  await expect.poll(written).toBe('chr');
});

test('keys: "/" goes to search (not while typing), Escape clears it, and Back returns focus to the headline', async ({ page }) => {
  await page.goto('/');
  await waitForList(page);
  const box = page.getByRole('searchbox');
  await page.locator('body').press('/');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');
  await box.pressSequentially('a/b');
  await expect(box).toHaveValue('a/b');
  await box.press('Escape');
  await expect(box).toHaveValue('');
  // Written once typing pauses: the keys after a run's first amend its entry.
  await expect.poll(() => new URL(page.url()).searchParams.get('nr-q')).toBeNull();

  // The third card's headline, by the link and by the browser's Back.
  const ids = await cardIds(page);
  const link = page.locator(`${cardSel(ids[2])} a.newsroom__card-link`);
  await link.click();
  await expect(page.locator(articleSel(ids[2]))).toBeVisible();
  await page.locator('.newsroom__back').click();
  await expect(link).toBeFocused();
  await link.click();
  await expect(page.locator(articleSel(ids[2]))).toBeVisible();
  await page.goBack();
  await expect(link).toBeFocused();
});

test('the standalone page follows the dark scheme, and an article prints without the controls, its links spelled out', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await waitForList(page);
  // A pixel of the page's own background, outside Newsroom's root (the body's margin).
  const shot = await page.screenshot({ clip: { x: 1, y: 1, width: 2, height: 2 } });
  const luminance = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas').getContext('2d');
    c.drawImage(img, 0, 0);
    const [r, g, b] = c.getImageData(0, 0, 1, 1).data;
    return (r + g + b) / 3;
  }, shot.toString('base64'));
  expect(luminance, 'the page around Newsroom is dark too').toBeLessThan(80);

  await page.emulateMedia({ colorScheme: 'light', media: 'print' });
  await page.goto('/?nr-article=2023-02-21-zero-discharge-trial');
  const article = page.locator('article.newsroom__article');
  await expect(article).toBeVisible();
  await expect(page.locator('.newsroom__pager')).toBeHidden();
  await expect(page.locator('.newsroom__back')).toBeHidden();
  const after = await page.locator('.newsroom__article-body a[href]').first().evaluate((a) => getComputedStyle(a, '::after').content);
  expect(after).toContain('https://example.com/sustainability/zero-discharge');
});

test('a language filter when the bundle has more than one language, with counts, in the URL as nr-lang', async ({ page, server }) => {
  const feed = sampleFeed(server);
  const zh = feed.items.filter((i) => (i.language || feed.language) === 'zh-CN').map((i) => i.id);
  expect(zh.length).toBeGreaterThan(0);
  await page.goto('/');
  await waitForList(page);
  const select = page.locator('select[name=language]');
  // Languages by name in the interface's language, with their counts.
  await expect(select.locator('option')).toHaveText(['All languages', `English (${feed.items.length - zh.length})`, `Chinese (China) (${zh.length})`]);
  await select.selectOption('zh-CN');
  await countWhen(page, (c) => c.shown === zh.length, `the ${zh.length} Chinese articles`);
  await expect(page).toHaveURL(/nr-lang=zh-CN/);
  const langs = await page.locator('article.newsroom__card').evaluateAll((cards) => cards.map((c) => c.lang));
  expect(new Set(langs)).toEqual(new Set(['zh-CN']));
  // The other facets count within the language.
  const counts = await page.locator('select[name=category] option').evaluateAll((os) => os.slice(1).map((o) => Number(/\((\d+)\)$/.exec(o.textContent)[1])));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(zh.length);
  // One language: no filter for it.
  await page.goto('/one-bad/');
  await waitForList(page);
  await expect(page.locator('select[name=language]')).toHaveCount(0);
});

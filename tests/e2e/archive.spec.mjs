// A pre-built archive (`newsroom build` of 1,000 generated articles, 20 a
// page): the page fetches only what each view needs, and a missing file is
// a message with Retry, not a broken page.

import { articleSel, cardIds, countWhen, expect, expectAccessible, test, waitForList } from './fixtures.mjs';
import fs from 'node:fs';
import path from 'node:path';

import { archiveBuild, builtJson } from './server.mjs';

const PAGES = 50;

function summary() {
  const { dir } = archiveBuild();
  const feed = builtJson(dir, 'feed.json');
  return { feed, summary: builtJson(dir, feed._newsroom.index), summaryPath: feed._newsroom.index };
}

/** A binary file's name (README's format): its kind, its number if it has one, the summary's `site`. */
const indexFile = (s, stem, n) => `${stem}${n == null ? '' : `-${n}`}-h${s.site}.bin`;

/** A list of shards of the index (`terms`, `grams`, `positions`): [first term, shard's file name] pairs. */
function readList(s, kind) {
  const bytes = fs.readFileSync(path.join(archiveBuild().dir, 'index', indexFile(s, `${kind}-list`)));
  let at = 14; // NRIX, version, kind, build
  const uint = () => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
    }
  };
  const text = () => {
    const n = uint();
    const t = bytes.subarray(at, at + n).toString('utf8');
    at += n;
    return t;
  };
  return Array.from({ length: uint() }, (_, n) => [text(), indexFile(s, kind, n)]);
}

/** The archive's pages in feed order, as a feed reader follows `next_url`: each file and its JSON. */
function feedPages() {
  const { dir } = archiveBuild();
  const pages = [];
  for (let file = 'feed.json'; file;) {
    const json = builtJson(dir, file);
    pages.push({ file, json });
    file = json.next_url && (file === 'feed.json' ? json.next_url : `pages/${json.next_url}`);
  }
  return pages;
}

/** The shards holding every term that starts with `prefix`, as the summary splits them. */
function shardsFor(terms, prefix) {
  let first = 0;
  while (first + 1 < terms.length && terms[first + 1][0] <= prefix) first++;
  let end = first + 1;
  while (end < terms.length && terms[end][0].startsWith(prefix)) end++;
  return terms.slice(first, end).map(([, file]) => `/archive/index/${file}`);
}

/** The data (not the code) the page requested under /archive/ since `from`. */
const fetched = (server, from) =>
  server.state.requests.slice(from).map((r) => r.path).filter((p) => p.startsWith('/archive/') && /\.(json|bin)$/.test(p));

test('the first view of a pre-built archive fetches only its first page and the summary, then the lists a search needs', async ({ page, server }) => {
  const { summary: s, summaryPath } = summary();
  expect(s.count).toBe(1000);
  const from = server.state.requests.length;
  await page.goto('/archive/');
  const c = await waitForList(page);
  expect(c.total).toBe(1000);
  await expect(page.locator('article.newsroom__card').first()).toBeVisible();
  // Category counts come from the summary: exact without the facet table.
  const option = page.locator('select[name=category] option', { hasText: s.facets.category[0][0] });
  await expect(option).toHaveText(`${s.facets.category[0][0]} (${s.facets.category[0][1]})`);
  const data = fetched(server, from);
  expect(data.slice(0, 2)).toEqual(['/archive/feed.json', `/archive/${summaryPath}`]);
  // Once it is shown, the lists of word and CJK-character shards, so that a search waits for its shards only.
  const lists = ['terms', 'grams'].map((kind) => `/archive/index/${indexFile(s, `${kind}-list`)}`).sort();
  await expect.poll(() => fetched(server, from).slice(2).sort()).toEqual(lists);
});

test('a query fetches its shards, its first screen\'s cards, then the facet table once, never the pages', async ({ page, server }) => {
  const { summary: s } = summary();
  const start = server.state.requests.length;
  await page.goto('/archive/');
  await waitForList(page);
  const from = server.state.requests.length;
  await page.getByRole('searchbox').fill('slag');
  const c = await countWhen(page, (c) => c.shown > 0 && c.shown < 1000, 'results for "slag"');
  await expect(page.locator('.newsroom__card mark').first()).toHaveText(/^slag$/i);
  // The facet table comes once the first screen's cards are here.
  const facets = `/archive/index/${indexFile(s, 'facets')}`;
  await expect.poll(() => fetched(server, from).filter((p) => p.includes('/facets-'))).toEqual([facets]);
  const paths = fetched(server, from);
  const terms = paths.filter((p) => /\/terms-\d+-h/.test(p));
  expect(new Set(terms)).toEqual(new Set(shardsFor(readList(s, 'terms'), 'slag')));
  expect(paths.indexOf(facets)).toBeGreaterThan(Math.max(...terms.map((t) => paths.indexOf(t))));
  expect(fetched(server, start).filter((p) => p.includes('/terms-list-')), 'the list once, on the first view').toEqual([`/archive/index/${indexFile(s, 'terms-list')}`]);
  expect(paths.filter((p) => !/\/index\/((terms|grams|cards)-\d+|facets|(terms|grams)-list)-h[0-9a-f]{16}\.bin$/.test(p)), 'only index files').toEqual([]);
  // A second query reuses the facet table and fetches only shards it lacks.
  const again = server.state.requests.length;
  await page.getByRole('searchbox').fill('slag green');
  await countWhen(page, (d) => d.shown < c.shown, 'fewer results for "slag green"');
  expect(fetched(server, again).filter((p) => !p.includes('/terms-') && !p.includes('/cards-'))).toEqual([]);
});

test('an article on page 40 opens by deep link', async ({ page, server }) => {
  // The 40th page, as a feed reader reaches it.
  const { file, json } = feedPages()[39];
  const item = json.items[7];
  const from = server.state.requests.length;
  await page.goto(`/archive/?nr-article=${encodeURIComponent(item.id)}`);
  await expect(page.locator(`${articleSel(item.id)} .newsroom__article-title`)).toHaveText(item.title, { timeout: 20_000 });
  await expect(page.locator('.newsroom__article-body')).not.toBeEmpty();
  const pages = fetched(server, from).filter((p) => p.startsWith('/archive/pages/'));
  expect(pages, 'only the article\'s own page').toEqual([`/archive/${file}`]);
  // Its neighbours are named; "Next" opens the one after it.
  await expect(page.locator('.newsroom__next .newsroom__step-title')).toHaveText(json.items[8].title);
  await page.locator('.newsroom__next').click();
  await expect(page.locator(`${articleSel(json.items[8].id)} .newsroom__article-title`)).toHaveText(json.items[8].title);
  expect(PAGES).toBe(50);
});

test.describe('a missing shard', () => {
  test.use({ allowedFailures: /^404 .*\/archive\/index\/terms-/ });

  test('says search is unavailable, the rest keeps working, and Retry works once the file is back', async ({ page, server }) => {
    const { summary: s } = summary();
    const shard = shardsFor(readList(s, 'terms'), 'slag')[0].slice('/archive'.length);
    server.state.missing.add(shard);
    try {
      await page.goto('/archive/');
      const first = await waitForList(page);
      const before = await cardIds(page);
      await page.getByRole('searchbox').fill('slag');
      const alert = page.locator('.newsroom__part-error[role=alert]');
      await expect(alert).toContainText('Search is unavailable');
      await expect(alert).toContainText('missing on the server (404)');
      await expectAccessible(page, 'a missing shard');
      // Another file failing after it leaves the alert as it is, the very
      // element: a screen reader does not hear it again.
      const other = shardsFor(readList(s, 'terms'), 'chromium')[0].slice('/archive'.length);
      expect(other).not.toBe(shard);
      server.state.missing.add(other);
      await alert.evaluate((el) => { el.firstAlert = true; });
      const failed = page.waitForResponse((r) => r.url().endsWith(other) && r.status() === 404);
      await page.getByRole('searchbox').fill('slag chromium');
      await failed;
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      await expect(alert).toHaveCount(1);
      expect(await alert.evaluate((el) => el.firstAlert === true), 'the same alert element').toBe(true);
      server.state.missing.delete(other);
      await page.getByRole('searchbox').fill('slag');
      // Nothing wrong is shown: the list is the last complete one.
      expect(await cardIds(page)).toEqual(before);
      expect((await countWhen(page, () => true, 'any')).shown).toBe(first.shown);
      // The rest works: filtering by a category.
      await page.getByRole('searchbox').fill('');
      await page.locator('select[name=category]').selectOption(s.facets.category[1][0]);
      await countWhen(page, (c) => c.shown === s.facets.category[1][1], `the ${s.facets.category[1][0]} articles`);
      await page.locator('select[name=category]').selectOption('');
      await page.getByRole('searchbox').fill('slag');
      server.state.missing.delete(shard);
      await alert.getByRole('button', { name: 'Retry' }).click();
      await expect(alert).toHaveCount(0);
      await countWhen(page, (c) => c.shown > 0 && c.shown < 1000, 'results for "slag"');
      await expect(page.locator('.newsroom__card mark').first()).toBeVisible();
    } finally {
      server.state.missing.delete(shard);
    }
  });
});

test('oldest first, a deep-linked filter, an article and back: the archive behaves as the single bundle does', async ({ page }) => {
  const { summary: s } = summary();
  const items = feedPages().flatMap((p) => p.json.items);
  expect(items.length).toBe(1000);
  // Newest first across the pages, so oldest first is the feed reversed (the generator dates every item).
  await page.goto('/archive/?nr-sort=oldest');
  await expect(page.locator('article.newsroom__card').first()).toHaveAttribute('data-id', items[999].id);
  expect((await cardIds(page)).slice(0, 3)).toEqual([items[999].id, items[998].id, items[997].id]);

  const [category, count] = s.facets.category[2];
  await page.goto(`/archive/?nr-category=${encodeURIComponent(category)}`);
  await countWhen(page, (c) => c.shown === count && c.total === 1000, `the ${count} ${category} articles`);
  const expected = items.filter((i) => i._newsroom.category === category).slice(0, 3).map((i) => i.id);
  expect((await cardIds(page)).slice(0, 3)).toEqual(expected);
  await expect(page.locator('select[name=tag] option').nth(1)).toHaveText(/\(\d+\)$/);

  await page.locator(`${articleSel(expected[1]).replace('article.newsroom__article', 'article.newsroom__card')} a.newsroom__card-link`).click();
  await expect(page.locator(`${articleSel(expected[1])} .newsroom__article-title`)).toBeVisible();
  await expect(page.locator('.newsroom__prev .newsroom__step-title')).toHaveText(items.find((i) => i.id === expected[0]).title);
  await page.goBack();
  await countWhen(page, (c) => c.shown === count, 'the filtered list again');
  expect((await cardIds(page)).slice(0, 3)).toEqual(expected);
});

test('a compact list of one category on an archive shows its newest headlines, from the facet table and cards', async ({ page, server }) => {
  const { summary: s } = summary();
  const items = feedPages().flatMap((p) => p.json.items);
  // The rarest category: its newest eight reach far past the first page.
  const [category] = [...s.facets.category].sort((a, b) => a[1] - b[1])[0];
  const expected = items.filter((i) => i._newsroom.category === category).slice(0, 8);
  expect(items.indexOf(expected[7])).toBeGreaterThan(20);
  const from = server.state.requests.length;
  await page.goto(`/archive/compact.html?category=${encodeURIComponent(category)}`);
  await expect(page.locator('.newsroom__headline')).toHaveCount(8);
  expect(await page.locator('.newsroom__headline').evaluateAll((li) => li.map((l) => l.dataset.id))).toEqual(expected.map((i) => i.id));
  const data = fetched(server, from);
  expect(data.filter((p) => p.startsWith('/archive/pages/')), 'headlines need no full pages').toEqual([]);
  expect(data.some((p) => p.includes('/facets-'))).toBe(true);
  // Without a category, eight headlines are all on the first page: nothing but it is fetched.
  const plain = server.state.requests.length;
  await page.goto('/archive/compact.html');
  await expect(page.locator('.newsroom__headline')).toHaveCount(8);
  expect(fetched(server, plain)).toEqual(['/archive/feed.json']);
});

test('an index of a format version the page does not know is refused with a message, and the feed is read page by page', async ({ page }) => {
  await page.goto('/archive/older.html');
  const notice = page.locator('.newsroom__notice');
  await expect(notice).toContainText('built in format version 2, and this page reads version 3');
  await expect(notice).toContainText('rebuild the archive');
  // Nothing of the index is used: the later pages arrive by next_url, and all of them are listed.
  await countWhen(page, (c) => c.total === 1000, 'all 1,000 articles, page by page');
});

// The round trip a company runs: `newsroom import` on what its website
// publishes (the fixtures in tests/fixtures/import/), `newsroom check` on the
// archive, and the page showing every imported item.

import fs from 'node:fs';

import { cardIds, countWhen, expect, showAll, test, waitForList } from './fixtures.mjs';
import { builtSite, importedArchive, runNewsroom } from './server.mjs';

test('an imported archive passes check and the page shows every item in it', async ({ page }) => {
  const { file, body } = importedArchive();
  const check = runNewsroom(['check', '--format', 'json', file]);
  const report = JSON.parse(check.output);
  expect(check.status, check.output).toBe(0);
  expect(report.skipped).toEqual([]);
  const expected = JSON.parse(body).items.map((i) => i.id);
  expect(report.articles).toBe(expected.length);
  expect(expected.length).toBeGreaterThanOrEqual(20);

  await page.goto('/imported/');
  const c = await waitForList(page);
  expect(c.total, c.text).toBe(expected.length);
  await showAll(page);
  // Only cards near the viewport exist: collect ids while scrolling down.
  const seen = new Set();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(async () => {
    for (const id of await cardIds(page)) seen.add(id);
    const atEnd = await page.evaluate(() => {
      const end = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
      window.scrollBy(0, window.innerHeight * 0.5);
      return end;
    });
    return atEnd && seen.size === expected.length;
  }, { message: 'every imported item rendered while scrolling', timeout: 30_000, intervals: [50] }).toBe(true);
  expect([...seen].sort()).toEqual([...expected].sort());
  expect(fs.existsSync(file)).toBe(true);
});

test('a folder from newsroom build shows every item of the archive, page by page', async ({ page, server }) => {
  const expected = JSON.parse(importedArchive().body).items.map((i) => i.id);
  const pages = fs.readdirSync(`${builtSite().dir}/pages`).length;
  expect(pages, 'the fixtures make several pages of five').toBeGreaterThanOrEqual(3);
  const before = server.state.requests.length;
  await page.goto('/built/');
  await countWhen(page, (c) => c.total === expected.length, `all ${expected.length} imported items`);
  await expect(page.locator('.newsroom__paging')).toHaveCount(0);
  const fetched = server.state.requests.slice(before).filter((r) => r.path.startsWith('/built/pages/')).length;
  expect(fetched, 'each older page fetched once').toBe(pages);
});

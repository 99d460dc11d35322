// The round trip a company runs: `newsroom import` on what its website
// publishes (the fixtures in tests/fixtures/import/), `newsroom check` on the
// archive, and the page showing every imported item.

import fs from 'node:fs';

import { countWhen, expect, scrollAllCardIds, showAll, test, waitForList } from './fixtures.mjs';
import { builtSite, importedArchive, runNewsroom } from './server.mjs';

// The imported items name pictures on the fictional company's website (and
// one relative to the feed): none can load here, and each hides itself.
test.use({ allowedFailures: /^(net::ERR_NAME_NOT_RESOLVED https:\/\/www\.lingyue-chem\.(com|example)\/|404 http:\/\/127\.0\.0\.1:\d+\/(imported|built)\/)\S+\.(jpe?g|png|gif|webp)$/ });

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
  const seen = await scrollAllCardIds(page, expected.length);
  expect([...seen].sort()).toEqual([...expected].sort());
  expect(fs.existsSync(file)).toBe(true);
});

test('a folder from newsroom build shows every item of the archive, from its index and cards', async ({ page, server }) => {
  const expected = JSON.parse(importedArchive().body).items.map((i) => i.id);
  const pages = fs.readdirSync(`${builtSite().dir}/pages`).length;
  expect(pages, 'the fixtures make several pages of five').toBeGreaterThanOrEqual(3);
  const before = server.state.requests.length;
  await page.goto('/built/');
  await countWhen(page, (c) => c.total === expected.length && c.shown === expected.length, `all ${expected.length} imported items`);
  await showAll(page);
  const seen = await scrollAllCardIds(page, expected.length);
  expect([...seen].sort()).toEqual([...expected].sort());
  const paths = server.state.requests.slice(before).map((r) => r.path).filter((p) => p.startsWith('/built/'));
  expect(paths.filter((p) => p.startsWith('/built/pages/')), 'the list needs no full pages: cards carry it').toEqual([]);
  expect(paths.some((p) => /^\/built\/index\/cards-\d+-h[0-9a-f]{16}\.bin$/.test(p)), paths.join('\n')).toBe(true);
});

// Every form of `data-src` a host writes, from every place a host puts its
// news page: the page asks for the bundle the browser's own rules name (as
// for `<a href>`: against the page's base URI), and for everything the
// bundle names (`next_url`, the archive's index and pages) against the
// document that names it. Any request that misses is a 404, which fails the
// test. Two spellings of one address share one load.

import { articleSel, countWhen, expect, test } from './fixtures.mjs';
import { importedArchive } from './server.mjs';
import { PAGES, SINGLE_TITLES, startSite } from './site_server.mjs';

// The forms, each with the folder it names from a page whose relative
// addresses resolve against `dir`, and the origin it names (null: the page's).
const FORMS = (site) => [
  { src: 'feed.json', folder: (dir) => dir },
  { src: 'news/feed.json', folder: (dir) => `${dir}news/` },
  { src: './news/feed.json', folder: (dir) => `${dir}news/` },
  { src: '../news/feed.json', folder: () => '/news/' },
  { src: '/news/feed.json', folder: () => '/news/' },
  { src: `//localhost:${site.port}/about/news/feed.json`, folder: () => '/about/news/', origin: `http://localhost:${site.port}` },
  { src: `https://localhost:${site.tlsPort}/news/feed.json`, folder: () => '/news/', origin: `https://localhost:${site.tlsPort}` },
];

/** The archive's oldest article: on its last page, so its page, card and id files come from their folders. */
const oldestArchived = () => JSON.parse(importedArchive().body).items.at(-1);

/** What shows that a kind of bundle loaded whole from `folder`. */
const LOADED = {
  single: async (page, folder) => {
    await expect(page.locator('.newsroom h1')).toHaveText(`News at ${folder}`);
    await expect(page.locator('.newsroom__card-title')).toHaveText(SINGLE_TITLES.slice().reverse());
  },
  // Its three pages: `feed-2.json` relative to the first, `older/feed-3.json` to the second.
  paged: async (page, folder) => {
    await expect(page.locator('.newsroom h1')).toHaveText(`News at ${folder}`);
    await countWhen(page, (c) => c.total === 12, 'all 12 articles of the three pages');
  },
  // Opened by its id: the id bucket and card file under index/, its page under pages/.
  archive: async (page) => {
    const oldest = oldestArchived();
    await expect(page.locator(`${articleSel(oldest.id)} .newsroom__article-title`)).toHaveText(oldest.title);
  },
};

for (const kind of ['single', 'paged', 'archive']) {
  test.describe(`data-src of a ${kind === 'single' ? 'single bundle' : kind === 'paged' ? 'paged feed' : 'pre-built archive'}`, () => {
    // The HTTPS form's certificate is the test's own.
    test.use({ ignoreHTTPSErrors: true });
    let site;
    test.beforeAll(async () => { site = await startSite(kind); });
    test.afterAll(async () => { await site.close(); });

    for (const [pagePath, { folder: dir, base }] of Object.entries(PAGES)) {
      test(`every form, from a page at ${pagePath}${base ? ` under <base href="${base}">` : ''}`, async ({ page }) => {
        for (const form of FORMS(site)) {
          const folder = form.folder(dir);
          const origin = form.origin ?? site.url;
          const query = new URLSearchParams({ src: form.src });
          if (kind === 'archive') query.set('nr-article', oldestArchived().id);
          // The last form's page away first: an archive fetches files in the
          // background after its first view, which would land in this form's requests.
          await page.goto('about:blank');
          const from = site.requests.length;
          await page.goto(`${site.url}${pagePath}?${query}`);
          await test.step(`data-src="${form.src}" loads ${origin}${folder}feed.json`, async () => {
            await LOADED[kind](page, folder);
            const fetched = site.requests.slice(from)
              .filter((r) => !r.includes('/assets/') && !r.endsWith('/favicon.ico') && !PAGES[new URL(r).pathname]);
            expect(fetched[0], `the first request of data-src="${form.src}"`).toBe(`${origin}${folder}feed.json`);
            for (const r of fetched) expect(r.startsWith(`${origin}${folder}`), `${r} is in ${origin}${folder}`).toBe(true);
          });
        }
      });
    }

    if (kind === 'single') {
      test('two spellings of one address share one load', async ({ page }) => {
        const from = site.requests.length;
        const query = new URLSearchParams([['src', 'news/feed.json'], ['src', '/about/news/feed.json']]);
        await page.goto(`${site.url}/about/?${query}`);
        await expect(page.locator('.newsroom h1')).toHaveText(['News at /about/news/', 'News at /about/news/']);
        // Both list the whole bundle (the second, below the viewport, renders only the rows near it).
        const all = `${SINGLE_TITLES.length} of ${SINGLE_TITLES.length} articles`;
        await expect(page.locator('.newsroom__count')).toHaveText([all, all]);
        const bundles = site.requests.slice(from).filter((r) => r.endsWith('feed.json'));
        expect(bundles, 'one request for both instances').toEqual([`${site.url}/about/news/feed.json`]);
      });
    }
  });
}

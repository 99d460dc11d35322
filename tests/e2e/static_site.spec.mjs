// The static news site `newsroom build --base-url` writes: what a crawler, a
// link preview and a reader without JavaScript get (scripts off: links alone,
// each page's head and JSON-LD against its item, a hostile bundle that runs
// nothing), and what the app makes of it once it starts (the article stays
// where it is, search works, the title and address follow the open article).

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { articleSel, cardSel, expect, expectAccessible, test, waitForList } from './fixtures.mjs';
import { staticSite } from './server.mjs';

/** The items of a built site in feed order, with the page each was given (`_newsroom.page`). */
function builtItems(name) {
  const { dir } = staticSite(name);
  const items = [];
  for (let file = 'feed.json'; file;) {
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    items.push(...json.items);
    file = json.next_url && `pages/${json.next_url.split('/').pop()}`;
  }
  return items;
}

/** The item of the bundle with this id, as the archive gave it. */
const sourceItem = (name, id) => staticSite(name).feed.items.find((it) => it.id === id);

const pageOf = (item) => item._newsroom?.page;

/** Waits until the app has taken the static content's place (`browser/takeover.rs`). */
async function takenOver(page) {
  await expect(page.locator('[data-newsroom] > div.newsroom'), 'the static content is gone').toHaveCount(0);
  await expect(page.locator('[data-newsroom-takeover]'), 'the app is in its place').toHaveCount(0);
  await expect(page.locator('[data-newsroom] div.newsroom')).toBeVisible();
}

/** Every HTML page of a built site, as addresses under `/name/`. */
function sitePages(server, name) {
  const { dir } = staticSite(name);
  return fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.html'))
    .map((f) => `${server.url}/${name}/${f.split(path.sep).map(encodeURIComponent).join('/')}`);
}

/** What `newsroom::page_title` makes: "Article – Site". */
const pageTitle = (title, site) => `${title} – ${site}`;

/** The first paragraph of a plain text, as the page's teaser takes it (short items only). */
const firstParagraph = (text) => text.split(/\n\s*\n/).map((p) => p.trim()).find(Boolean) ?? '';

/**
 * Every page reachable from `start` by `<a href>` inside the site, as a
 * crawler follows them: address (without fragment) → the links it found.
 */
async function crawl(page, start, inside) {
  const seen = new Map();
  const queue = [start];
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
    seen.set(url, hrefs);
    for (const href of hrefs) {
      const target = new URL(href);
      target.hash = '';
      if (target.href.startsWith(inside) && target.pathname.endsWith('.html') && !seen.has(target.href)) queue.push(target.href);
    }
  }
  return seen;
}

test.describe('without JavaScript, as a crawler or a link preview reads it', () => {
  test.use({ javaScriptEnabled: false });

  test('a crawler reaches every article from the list page by links alone', async ({ page, server }) => {
    const items = builtItems('sample-site');
    expect(items.length).toBe(staticSite('sample-site').feed.items.length);
    const pages = await crawl(page, `${server.url}/sample-site/index.html`, `${server.url}/sample-site/`);
    const reached = [...pages.keys()].map((u) => decodeURIComponent(new URL(u).pathname));
    for (const item of items) {
      expect(pageOf(item), `item ${item.id} has a page`).toMatch(/^articles\/[^/]+\/$/);
      expect(reached, `article ${item.id} reached by links`).toContain(`/sample-site/${pageOf(item)}index.html`);
    }
    // Each page is its own article's: the one with that id.
    await page.goto(`${server.url}/sample-site/${pageOf(items[0])}index.html`);
    await expect(page.locator(articleSel(items[0].id))).toHaveCount(1);
  });

  test('older list pages link each other with rel prev and next, category and year pages exist', async ({ page, server }) => {
    await page.goto(`${server.url}/sample-site/index.html`);
    const next = page.locator('a[rel~=next]');
    await expect(next).toHaveCount(1);
    await next.click();
    await expect(page).toHaveURL(/\/sample-site\/page\/2\/index\.html$/);
    await expect(page.locator('a[rel~=prev]')).toHaveCount(1);
    await expect(page.locator('link[rel=prev]')).toHaveCount(1);
    const pages = await crawl(page, `${server.url}/sample-site/index.html`, `${server.url}/sample-site/`);
    const paths = [...pages.keys()].map((u) => decodeURIComponent(new URL(u).pathname));
    expect(paths.some((p) => /^\/sample-site\/category\/[^/]+\/index\.html$/.test(p)), 'a category page').toBe(true);
    expect(paths).toContain('/sample-site/year/2023/index.html');
  });

  test("each article page's head and JSON-LD describe its item", async ({ page, server, request }) => {
    const { feed, base } = staticSite('sample-site');
    for (const built of builtItems('sample-site')) {
      const item = sourceItem('sample-site', built.id);
      const response = await request.get(`${server.url}/sample-site/${pageOf(built)}index.html`);
      const bytes = await response.body();
      const html = bytes.toString('utf8');
      await page.setContent(html);
      const meta = (key) => page.locator(`head meta[property="${key}"], head meta[name="${key}"]`);
      const canonical = new URL(pageOf(built), base).href;
      const language = item.language || feed.language;
      const description = item.summary || firstParagraph(item.content_text ?? '');
      const what = `item ${item.id}`;
      expect(await page.locator('html').getAttribute('lang'), what).toBe(language);
      await expect(page, what).toHaveTitle(pageTitle(item.title, feed.title));
      await expect(meta('description'), what).toHaveAttribute('content', description.length <= 300 ? description : /./);
      await expect(page.locator('head link[rel=canonical]'), what).toHaveAttribute('href', canonical);
      await expect(meta('og:title'), what).toHaveAttribute('content', item.title);
      await expect(meta('og:type'), what).toHaveAttribute('content', 'article');
      await expect(meta('og:url'), what).toHaveAttribute('content', canonical);
      await expect(meta('og:locale'), what).toHaveAttribute('content', language.replace('-', '_'));
      await expect(meta('article:published_time'), what).toHaveAttribute('content', item.date_published);
      const image = item.image ? new URL(item.image, base).href : null;
      if (image) await expect(meta('og:image'), what).toHaveAttribute('content', image);
      else await expect(meta('og:image'), what).toHaveCount(0);
      await expect(meta('twitter:card'), what).toHaveAttribute('content', image ? 'summary_large_image' : 'summary');
      const authors = (item.authors ?? feed.authors ?? []).map((a) => a.name);
      expect(await meta('article:author').evaluateAll((ms) => ms.map((m) => m.content)), what).toEqual(authors);
      // Link previews read the first 32 KB (Slack): every tag they need is in it.
      const cut = bytes.subarray(0, 32 * 1024).toString('utf8');
      for (const key of ['og:title', 'og:url', 'og:description', 'twitter:card', ...(image ? ['og:image'] : [])]) {
        expect(cut, `${what}: ${key} in the first 32 KB`).toContain(`"${key}"`);
      }
      const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
      expect(ld['@type'], what).toBe('NewsArticle');
      expect(ld.headline, what).toBe(item.title);
      expect(ld.datePublished, what).toBe(item.date_published);
      expect(ld.dateModified, what).toBe(item.date_modified ?? item.date_published);
      expect(ld.inLanguage, what).toBe(language);
      expect(ld.mainEntityOfPage['@id'], what).toBe(canonical);
      expect(ld.image ?? null, what).toEqual(image ? [image] : null);
      expect((ld.author ?? []).map((a) => a.name), what).toEqual(authors);
      // The article itself, whole, for a reader without JavaScript.
      await expect(page.locator(`${articleSel(item.id)} h2`), what).toHaveText(item.title);
    }
  });

  test('an article and its translation name each other with hreflang', async ({ page, server }) => {
    const { base } = staticSite('sample-site');
    const items = builtItems('sample-site');
    const en = items.find((it) => it.id === '2023-11-04-vice-mayor-visit');
    const zh = items.find((it) => it.id === '2023-11-04-vice-mayor-visit-zh');
    for (const [self, other] of [[en, zh], [zh, en]]) {
      await page.goto(`${server.url}/sample-site/${pageOf(self)}index.html`);
      await expect(page.locator(`head link[rel=alternate][hreflang="${self.language}"]`)).toHaveAttribute('href', new URL(pageOf(self), base).href);
      await expect(page.locator(`head link[rel=alternate][hreflang="${other.language}"]`)).toHaveAttribute('href', new URL(pageOf(other), base).href);
      await expect(page.locator('html')).toHaveAttribute('lang', self.language);
    }
  });

  test('every page links the JSON Feed and the Atom feed', async ({ page, server }) => {
    const items = builtItems('sample-site');
    for (const url of ['/sample-site/index.html', '/sample-site/page/2/index.html', `/sample-site/${pageOf(items[3])}index.html`]) {
      await page.goto(`${server.url}${url}`);
      for (const type of ['application/feed+json', 'application/atom+xml']) {
        const href = await page.locator(`head link[rel=alternate][type="${type}"]`).getAttribute('href');
        const response = await page.request.get(new URL(href, page.url()).href);
        expect(response.status(), `${url}: ${type}`).toBe(200);
      }
    }
  });

  test.describe('from disk', () => {
    // Only the pages are on disk here: the app's files and the sample's
    // pictures, which a host has beside them, are not.
    test.use({ allowedFailures: /^net::ERR_FILE_NOT_FOUND file:/ });

    test('the site reads from disk, without a server: list, links and the article whole', async ({ page }) => {
      const { dir } = staticSite('sample-site');
      const item = builtItems('sample-site').find((it) => it.id === '2023-11-04-vice-mayor-visit');
      await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
      await page.locator('a[rel~=next]').click();
      await expect(page).toHaveURL(/\/page\/2\/index\.html$/);
      await page.goto(pathToFileURL(path.join(dir, 'year', '2023', 'index.html')).href);
      await page.locator(`${cardSel(item.id)} a.newsroom__card-link`).click();
      await expect(page).toHaveURL(new RegExp(`/${pageOf(item)}index\\.html$`));
      await expect(page.locator(`${articleSel(item.id)} h2`)).toHaveText(item.title);
      await expect(page.locator(`${articleSel(item.id)} .newsroom__html p, ${articleSel(item.id)} .newsroom__article-body p`).first()).toBeVisible();
      await page.locator(`${articleSel(item.id)} a.newsroom__back`).click();
      await expect(page).toHaveURL(/\/index\.html$/);
      await expect(page.locator('article.newsroom__card').first()).toBeVisible();
    });
  });

  test.describe('a hostile bundle', () => {
    // Its pictures' addresses (`x`) lead nowhere.
    test.use({ allowedFailures: /\/hostile-site\/(.*\/)?x\b/ });

    test('builds to pages where no script runs, no on* attribute or script address exists, and JSON-LD holds', async ({ page, server, request }) => {
      const pages = await crawl(page, `${server.url}/hostile-site/index.html`, `${server.url}/hostile-site/`);
      const built = builtItems('hostile-site');
      const articles = [...pages.keys()].filter((u) => u.includes('/articles/'));
      expect(articles.length).toBe(built.length);
      expect([...pages.keys()].sort()).toEqual(sitePages(server, 'hostile-site').sort());
      // Each page's HTML read where it fetches nothing: its own addresses would resolve against another's.
      await page.goto('about:blank');
      for (const url of pages.keys()) {
        const html = await (await request.get(url)).text();
        await page.setContent(html);
        const found = await page.locator('*').evaluateAll((els) => {
          const bad = [];
          for (const el of els) {
            if (el.localName === 'script' && !(el.type === 'application/ld+json' || (el.type === 'module' && /newsroom\.js$/.test(el.src)))) bad.push(`<script> ${el.outerHTML.slice(0, 80)}`);
            for (const a of el.attributes) {
              if (/^on/i.test(a.name)) bad.push(`${el.localName} ${a.name}`);
              if (/^\s*(javascript|vbscript|data\s*:\s*text\/html)/i.test(a.value.replace(/[\u0000-\u001f]/g, ''))) bad.push(`${el.localName} ${a.name}=${a.value}`);
            }
            if (['iframe', 'object', 'embed', 'base', 'form', 'svg', 'math'].includes(el.localName)) bad.push(`<${el.localName}>`);
            if (el.localName === 'meta' && el.httpEquiv) bad.push('meta http-equiv');
          }
          return bad;
        });
        expect(found, url).toEqual([]);
        const ld = await page.locator('script[type="application/ld+json"]').allTextContents();
        expect(ld.length, url).toBeLessThanOrEqual(1);
        for (const text of ld) expect(() => JSON.parse(text), `${url}: JSON-LD parses`).not.toThrow();
      }
      const evil = staticSite('hostile-site').feed.items[1];
      const evilPage = `${server.url}/hostile-site/${pageOf(built.find((it) => it.id === evil.id))}index.html`;
      await page.setContent(await (await request.get(evilPage)).text());
      const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
      expect(ld.headline, 'the title is data, whole, inside the JSON-LD').toBe(evil.title);
      await expect(page.locator(`${articleSel(evil.id)} h2`), 'and text on the page').toHaveText(evil.title);
    });
  });
});

test.describe('a hostile bundle with JavaScript on', () => {
  test.use({ allowedFailures: /\/hostile-site\/(.*\/)?x\b/ });

  test('no page of its site runs anything of the bundle, before or after the app takes over', async ({ page, server }) => {
    const pages = sitePages(server, 'hostile-site');
    expect(pages.length).toBeGreaterThan(2);
    for (const url of pages) {
      await page.goto(url);
      await takenOver(page);
      expect(await page.evaluate(() => String(window.__pwned)), url).toBe('undefined');
    }
  });
});

test.describe('with JavaScript, the app takes the pages over', () => {
  test('an article page keeps its article in place when the app starts', async ({ page, server }) => {
    const item = builtItems('sample-site').find((it) => it.id === '2023-11-04-vice-mayor-visit');
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    // The app's script waits until the static page has been measured.
    await page.route('**/newsroom.js', async (route) => { await held; await route.continue(); });
    // Not waiting for `load`: the held module script keeps it from coming.
    await page.goto(`${server.url}/sample-site/${pageOf(item)}index.html`, { waitUntil: 'commit' });
    const title = page.locator(`${articleSel(item.id)} h2`);
    await expect(title).toHaveText(item.title);
    const before = await title.boundingBox();
    const started = page.evaluate(() => new Promise((resolve) => addEventListener('newsroom:started', resolve, { once: true })));
    release();
    await started;
    await takenOver(page);
    await expect(page.locator(articleSel(item.id))).toHaveCount(1);
    expect(await page.locator(`${articleSel(item.id)} h2`).boundingBox()).toEqual(before);
    await expect(page).toHaveTitle(pageTitle(item.title, staticSite('sample-site').feed.title));
    await expect(page).toHaveURL(new RegExp(`/sample-site/${pageOf(item)}(index\\.html)?$`));
  });

  test('search works on the list page', async ({ page, server }) => {
    await page.goto(`${server.url}/sample-site/index.html`);
    await waitForList(page);
    await page.locator('input[type=search]').fill('vice mayor');
    await expect(page.locator(cardSel('2023-11-04-vice-mayor-visit'))).toBeVisible();
    await expect(page.locator('article.newsroom__card')).toHaveCount(1);
  });

  test('the title and the address follow the open article, and back to the list', async ({ page, server }) => {
    const { feed } = staticSite('sample-site');
    const items = builtItems('sample-site');
    await page.goto(`${server.url}/sample-site/index.html`);
    await waitForList(page);
    const listTitle = await page.title();
    const first = items[0];
    await page.locator(`${cardSel(first.id)} a.newsroom__card-link`).click();
    await expect(page.locator(`${articleSel(first.id)} h2`)).toBeFocused();
    await expect(page).toHaveTitle(pageTitle(first.title, feed.title));
    await expect(page).toHaveURL(new RegExp(`/sample-site/${pageOf(first)}$`));
    await page.locator('a.newsroom__next').click();
    const second = items[1];
    await expect(page).toHaveTitle(pageTitle(second.title, feed.title));
    await expect(page).toHaveURL(new RegExp(`/sample-site/${pageOf(second)}$`));
    await page.locator('a.newsroom__back').click();
    await waitForList(page);
    await expect(page).toHaveTitle(listTitle);
    await expect(page).toHaveURL(/\/sample-site\/(index\.html)?$/);
    // A reload of an article's address is its static page, taken over again.
    await page.goto(`${server.url}/sample-site/${pageOf(second)}`);
    await takenOver(page);
    await expect(page.locator(`${articleSel(second.id)} h2`)).toHaveText(second.title);
    await expect(page).toHaveTitle(pageTitle(second.title, feed.title));
  });

  test('axe finds nothing on a list page and an article page, as written and once the app has them', async ({ page, server, browser }) => {
    const item = builtItems('sample-site')[0];
    for (const url of ['/sample-site/index.html', `/sample-site/${pageOf(item)}index.html`]) {
      // As written: the app's script answered empty (axe itself needs scripts on).
      const context = await browser.newContext();
      const still = await context.newPage();
      await still.route('**/newsroom.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
      await still.goto(`${server.url}${url}`);
      await expect(still.locator('[data-newsroom] > div.newsroom')).toHaveCount(1);
      await expectAccessible(still, `${url} as written`);
      await context.close();
      await page.goto(`${server.url}${url}`);
      await takenOver(page);
      await expectAccessible(page, `${url} with the app`);
    }
  });
});

// End-to-end tests for the Newsroom page, driven through headless Chromium.
//
// Run:  node --test tests/e2e/          (after building the release bundle
//       into dist/, or with NEWSROOM_DIST=/path/to/dist)
//
// Tests synchronise only through waitFor (polling), never fixed sleeps, and
// rely only on the documented DOM contract (.newsroom__* classes, nr-* query
// parameters).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { startServer } from './server.mjs';
import { startDriver, waitFor } from './webdriver.mjs';

const SEED_ID = '2023-11-04-vice-mayor-visit';
const SEED_TITLE = 'Vice Mayor Miao Zhengge and his delegation visited the company for research';
const COUNT_RE = /^(\d+) of (\d+) articles?\b/;
const TEST_TIMEOUT = 90_000;

let server;
let wd;
let logWorks = false;

before(async () => {
  server = await startServer();
  wd = await startDriver();
  try {
    await wd.browserLog();
    logWorks = true;
  } catch (err) {
    console.log(`# browser log unavailable, skipping console checks: ${err.message}`);
  }
});

after(async () => {
  try {
    if (wd) await wd.quit();
  } finally {
    if (server) await server.close();
  }
});

// ---------------------------------------------------------------------------
// helpers

const open = (pathAndQuery) => wd.goto(server.url + pathAndQuery);
const currentUrl = async () => new URL(await wd.currentUrl());
const q = JSON.stringify; // quoting for messages and CSS attribute values
const cardSel = (id) => `article.newsroom__card[data-id=${q(id)}]`;
const articleSel = (id) => `article.newsroom__article[data-id=${q(id)}]`;

/** Short description of what the page currently shows, for failure messages. */
async function pageSnapshot() {
  try {
    const s = await wd.execute(`
      const t = (sel) => { const e = document.querySelector(sel); return e ? e.innerText.trim().slice(0, 300) : null; };
      const root = document.querySelector('[data-newsroom] .newsroom');
      return {
        url: location.href,
        root: !!root,
        loading: !!document.querySelector('.newsroom__loading'),
        error: t('.newsroom__error'),
        count: t('.newsroom__count'),
        cards: Array.from(document.querySelectorAll('article.newsroom__card')).map(a => a.getAttribute('data-id')).slice(0, 12),
        article: (document.querySelector('article.newsroom__article') || {getAttribute: () => null}).getAttribute('data-id'),
        text: root ? root.innerText.replace(/\\s+/g, ' ').trim().slice(0, 400) : document.body.innerText.slice(0, 400),
      };`);
    return `\n  page: ${JSON.stringify(s)}`;
  } catch (err) {
    return `\n  page: (snapshot failed: ${err.message})`;
  }
}
const because = (msg) => async () => msg + (await pageSnapshot());

/** Scrolls down from the top until `css` is rendered (the list renders only what is near the viewport). */
async function scrollUntil(css) {
  await wd.execute('window.scrollTo(0, 0);');
  return waitFor(async () => {
    const state = await wd.execute(`
      if (document.querySelector(arguments[0])) return 'found';
      const end = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
      window.scrollBy(0, window.innerHeight * 0.5);
      return end ? 'end' : 'scrolling';`, css);
    if (state === 'end') throw new Error(`reached the bottom of the page without finding ${css}`);
    return state === 'found' && wd.find(css);
  }, { timeout: 20_000, message: because(`scrolling to ${css}`) });
}

async function textOf(css) {
  return (await wd.text(await wd.find(css))).trim();
}

async function cardIds() {
  return wd.execute(
    "return Array.from(document.querySelectorAll('article.newsroom__card')).map(a => a.getAttribute('data-id'));",
  );
}

function parseCount(text) {
  const m = COUNT_RE.exec(text.trim());
  if (!m) throw new Error(`.newsroom__count text ${q(text)} does not look like "N of M articles"`);
  return { shown: Number(m[1]), total: Number(m[2]), text: text.trim() };
}

/** Wait for a loaded list (count shown, and cards or the empty state); return the parsed count. */
async function waitForList(what = 'the article list to load') {
  return waitFor(async () => {
    const count = await wd.find('.newsroom__count');
    const text = (await wd.text(count)).trim();
    const c = parseCount(text);
    const cards = await wd.findAll('article.newsroom__card');
    const empty = await wd.findAll('.newsroom__empty');
    if (!cards.length && !empty.length) throw new Error('count shown but neither cards nor .newsroom__empty');
    if (cards.length && !(await wd.displayed(cards[0]))) throw new Error('cards exist but are not displayed');
    // Until the search index is built, a query does not filter yet.
    if (await wd.maybeFind('.newsroom__indexing')) throw new Error('search is still being prepared');
    return c;
  }, { message: because(`waiting for ${what}`) });
}

async function waitForCount(pred, what) {
  return waitFor(async () => {
    const c = parseCount(await textOf('.newsroom__count'));
    return pred(c) ? c : false;
  }, { message: because(`waiting for .newsroom__count: ${what}`) });
}

async function waitForUrl(pred, what) {
  return waitFor(async () => {
    const u = await currentUrl();
    return pred(u, u.searchParams) ? u : false;
  }, { message: async () => `waiting for the URL: ${what}; it is ${await wd.currentUrl()}` });
}

async function selectOptions(css) {
  const sel = await wd.find(css);
  return wd.execute(
    'return Array.from(arguments[0].options).map(o => ({value: o.value, text: o.textContent.trim()}));',
    sel,
  );
}

async function waitForArticle(id) {
  return waitFor(async () => {
    const el = await wd.find(articleSel(id));
    return (await wd.displayed(el)) && el;
  }, { message: because(`waiting for the article view ${articleSel(id)}`) });
}

/** Scroll-width check used at narrow widths; lists the widest offenders on failure. */
async function assertNoHorizontalScroll(where) {
  const r = await wd.execute(`
    const w = window.innerWidth;
    const offenders = Array.from(document.querySelectorAll('body *'))
      .filter(e => e.getBoundingClientRect().right > w + 0.5)
      .slice(0, 5)
      .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(e.getBoundingClientRect().right));
    return {scrollWidth: document.documentElement.scrollWidth, innerWidth: w, offenders};`);
  assert.ok(
    r.scrollWidth <= r.innerWidth,
    `${where}: page scrolls horizontally at ${r.innerWidth}px (scrollWidth ${r.scrollWidth}); ` +
      `overflowing elements: ${r.offenders.join(', ') || '(none found)'}`,
  );
}

// Console entries that are expected and do not indicate an app failure.
const ALWAYS_OK = [/\/favicon\.ico\b/];

function formatLog(entries) {
  return entries.map((e) => `    [${e.level}${e.source ? ' ' + e.source : ''}] ${e.message}`).join('\n');
}

/**
 * Define a test that also fails when the page threw an uncaught exception
 * (or an unexpected resource failed to load), judging from the browser log.
 * `allowNetwork`: extra regexps for expected "Failed to load resource" lines.
 */
function e2e(name, fn, { allowNetwork = [] } = {}) {
  test(name, { timeout: TEST_TIMEOUT }, async (t) => {
    if (logWorks) await wd.browserLog().catch(() => []); // drop what earlier tests left behind
    try {
      await fn(t);
    } catch (err) {
      if (logWorks) {
        const entries = await wd.browserLog().catch(() => []);
        const shown = entries.filter((e) => e.level === 'SEVERE' || e.level === 'WARNING');
        if (shown.length && err && typeof err.message === 'string') {
          err.message += `\n  browser console:\n${formatLog(shown)}`;
        }
      }
      throw err;
    }
    if (!logWorks) return;
    const entries = await wd.browserLog().catch(() => null);
    if (!entries) return;
    const severe = entries.filter((e) => e.level === 'SEVERE');
    const ok = [...ALWAYS_OK, ...allowNetwork];
    const bad = severe.filter((e) => {
      const msg = String(e.message);
      if (e.source === 'network' || /Failed to load resource/.test(msg)) return !ok.some((re) => re.test(msg));
      if (e.source === 'javascript' || /Uncaught|panicked|RuntimeError|unreachable/.test(msg)) return true;
      return false; // console.error from the app itself: reported below, not fatal
    });
    const expected = (e) => (e.source === 'network' || /Failed to load resource/.test(String(e.message)));
    for (const e of severe.filter((x) => !bad.includes(x) && !expected(x))) {
      t.diagnostic(`console error (not fatal): ${e.message}`);
    }
    assert.equal(bad.length, 0, `the page reported uncaught exceptions / failed loads:\n${formatLog(bad)}`);
  });
}

// ---------------------------------------------------------------------------
// tests

e2e('the seed article is listed and opens in the article view', async () => {
  await open('/');
  await waitForList();
  const card = cardSel(SEED_ID);
  // Ten at a time, newest first, and only the cards near the viewport exist:
  // show every page, then scroll down until the seed's card is rendered.
  for (let page = 0; await wd.maybeFind('.newsroom__more'); page++) {
    assert.ok(page < 100, 'clicked "Show more" 100 times');
    const before = await textOf('.newsroom__more');
    await wd.click(await wd.find('.newsroom__more'));
    await waitFor(async () => !(await wd.maybeFind('.newsroom__more')) || (await textOf('.newsroom__more')) !== before,
      { message: because('"Show more" did not add results') });
  }
  await scrollUntil(card);
  const time = await wd.find(`${card} time[datetime]`);
  const datetime = await wd.attr(time, 'datetime');
  assert.match(datetime, /^2023-11-0[345]/, `seed card time[datetime] is ${q(datetime)}`);
  await wd.find(`${card} .newsroom__card-category`);

  const link = await wd.find(`${card} h2 a.newsroom__card-link`);
  assert.equal((await wd.text(link)).trim(), SEED_TITLE, 'seed card title link text');
  await wd.click(link);

  const article = await waitForArticle(SEED_ID);
  assert.equal((await wd.text(await wd.find('h2.newsroom__article-title', article))).trim(), SEED_TITLE, 'article title');
  const body = await wd.text(await wd.find('.newsroom__article-body', article));
  assert.ok(body.includes('Tian Yile'), `article body does not mention "Tian Yile": ${q(body.slice(0, 300))}`);
  await waitForUrl((u, p) => p.get('nr-article') === SEED_ID, `nr-article=${SEED_ID}`);
  await wd.find('a.newsroom__back');
});

e2e('searching for "Miao" finds exactly the seed article and highlights the match', async () => {
  await open('/');
  await waitForList();
  const search = await wd.find('input[type=search].newsroom__search');
  const hasLabel = await wd.execute(
    'const i = arguments[0]; return !!((i.labels && i.labels.length) || i.getAttribute("aria-label") || i.getAttribute("aria-labelledby"));',
    search,
  );
  assert.ok(hasLabel, 'the search box has no <label>');
  await wd.typeInto(search, 'Miao');
  await waitForCount((c) => c.shown === 1, '"1 of …" after typing "Miao"');
  assert.deepEqual(await cardIds(), [SEED_ID], 'the only card shown for "Miao"');
  const marks = await wd.findAll(`${cardSel(SEED_ID)} p.newsroom__card-summary mark`);
  const markTexts = await Promise.all(marks.map(async (m) => (await wd.text(m)).trim()));
  assert.ok(markTexts.includes('Miao'), `card summary has no <mark>Miao</mark>; marks: ${q(markTexts)}`);
  await waitForUrl((u, p) => p.get('nr-q') === 'Miao', 'nr-q=Miao');

  await open('/');
  await waitForList();
  await wd.typeInto(await wd.find('input[type=search].newsroom__search'), 'miao');
  await waitForCount((c) => c.shown === 1, '"1 of …" after typing "miao" (lower case)');
  assert.deepEqual(await cardIds(), [SEED_ID], 'the only card shown for "miao"');
});

e2e('the category filter shows only Company News articles with the advertised count', async () => {
  await open('/');
  const all = await waitForList();
  const options = await selectOptions('select.newsroom__filter[name=category]');
  assert.ok(options.some((o) => o.value === ''), `category select has no "" (all) option: ${q(options)}`);
  const option = options.find((o) => /^Company News \(\d+\)$/.test(o.text));
  assert.ok(option, `no category option like "Company News (N)": ${q(options)}`);
  const n = Number(/\((\d+)\)$/.exec(option.text)[1]);
  assert.equal(option.value, 'Company News', 'option value should be the raw category');

  await wd.selectByValue(await wd.find('select.newsroom__filter[name=category]'), option.value);
  const c = await waitForCount((x) => x.shown === n, `"${n} of ${all.total} articles"`);
  assert.equal(c.total, all.total, `filtered count ${q(c.text)} should be out of all ${all.total} articles`);
  const categories = await wd.execute(
    "return Array.from(document.querySelectorAll('article.newsroom__card')).map(a => { const e = a.querySelector('.newsroom__card-category'); return e ? e.textContent.trim() : null; });",
  );
  assert.ok(categories.length > 0, 'no cards shown for Company News');
  assert.ok(categories.length <= n, `${categories.length} cards shown but count says ${n}`);
  for (const cat of categories) assert.equal(cat, 'Company News', `card categories: ${q(categories)}`);
  await waitForUrl((u, p) => p.get('nr-category') === 'Company News', 'nr-category=Company News');
});

e2e('a deep link with search and category survives a reload', async () => {
  const path = '/?nr-q=chromium&nr-category=Products&keep=1';
  const settled = async (what) => {
    await waitFor(async () => {
      const search = await wd.find('input[type=search].newsroom__search');
      const cat = await wd.find('select.newsroom__filter[name=category]');
      return (await wd.prop(search, 'value')) === 'chromium' && (await wd.prop(cat, 'value')) === 'Products';
    }, { message: because(`${what}: search box should read "chromium" and the category select "Products"`) });
    return waitForList(`${what}: the filtered list`);
  };
  await open(path);
  const first = await settled('deep link');
  await wd.refresh();
  const second = await settled('after reload');
  assert.equal(second.text, first.text, 'the count changed across the reload');
  const u = await currentUrl();
  assert.equal(u.searchParams.get('keep'), '1', `keep=1 was lost: ${u}`);
  assert.equal(u.searchParams.get('nr-q'), 'chromium', `nr-q changed: ${u}`);
  assert.equal(u.searchParams.get('nr-category'), 'Products', `nr-category changed: ${u}`);
  assert.equal(u.pathname, '/');
});

e2e('back and forward move between the filtered list, an article and the unfiltered list', async () => {
  await open('/?x=1');
  const all = await waitForList();
  const options = await selectOptions('select.newsroom__filter[name=category]');
  const option = options.find((o) => o.value === 'Company News') || options.find((o) => o.value !== '');
  assert.ok(option, `category select has no categories: ${q(options)}`);
  const m = /\((\d+)\)\s*$/.exec(option.text);
  const n = m ? Number(m[1]) : undefined;
  const catSelect = () => wd.find('select.newsroom__filter[name=category]');
  const keepsX = (u) => u.searchParams.get('x') === '1' && u.pathname === '/';

  await wd.selectByValue(await catSelect(), option.value);
  await waitForUrl((u, p) => keepsX(u) && p.get('nr-category') === option.value, `x=1 and nr-category=${option.value}`);
  const filtered = n === undefined ? await waitForList() : await waitForCount((c) => c.shown === n, `${n} of …`);

  const [firstId] = await cardIds();
  assert.ok(firstId, 'no card in the filtered list');
  await wd.click(await wd.find(`${cardSel(firstId)} h2 a.newsroom__card-link`));
  await waitForArticle(firstId);
  await waitForUrl(
    (u, p) => keepsX(u) && p.get('nr-article') === firstId && p.get('nr-category') === option.value,
    `x=1, nr-category=${option.value}, nr-article=${firstId}`,
  );

  await wd.back();
  await waitFor(async () => {
    if ((await wd.findAll('article.newsroom__article')).length) throw new Error('article view still shown');
    const c = parseCount(await textOf('.newsroom__count'));
    return c.text === filtered.text && (await wd.prop(await catSelect(), 'value')) === option.value;
  }, { message: because(`back: expected the filtered list (${filtered.text}) with category ${q(option.value)}`) });
  await waitForUrl((u, p) => keepsX(u) && p.get('nr-category') === option.value && !p.has('nr-article'),
    `back: x=1, nr-category=${option.value}, no nr-article`);

  await wd.back();
  await waitFor(async () => {
    const c = parseCount(await textOf('.newsroom__count'));
    return c.text === all.text && (await wd.prop(await catSelect(), 'value')) === '';
  }, { message: because(`back again: expected the unfiltered list (${all.text}) with category ""`) });
  await waitForUrl((u, p) => keepsX(u) && !p.get('nr-category'), 'back again: x=1 and no nr-category');

  await wd.forward();
  await waitFor(async () => {
    const c = parseCount(await textOf('.newsroom__count'));
    return c.text === filtered.text && (await wd.prop(await catSelect(), 'value')) === option.value;
  }, { message: because(`forward: expected the filter ${q(option.value)} again (${filtered.text})`) });
  await waitForUrl((u, p) => keepsX(u) && p.get('nr-category') === option.value, `forward: x=1, nr-category=${option.value}`);
});

e2e('a malformed bundle shows an error naming the line and column', async () => {
  await open('/malformed/');
  const err = await wd.waitForElement('.newsroom__error', { message: because('waiting for .newsroom__error') });
  assert.equal(await wd.attr(err, 'role'), 'alert', '.newsroom__error should have role=alert');
  const text = await wd.text(err);
  assert.match(text, /line 3\b/i, `error text should mention "line 3": ${q(text)}`);
  assert.match(text, /column/i, `error text should mention the column: ${q(text)}`);
  assert.equal((await wd.findAll('article.newsroom__card')).length, 0, 'cards shown despite the error');
});

e2e('an HTML page instead of a bundle shows an error saying so', async () => {
  await open('/html-page/');
  const err = await wd.waitForElement('.newsroom__error', { message: because('waiting for .newsroom__error') });
  const text = await wd.text(err);
  assert.match(text, /html/i, `error text should say the response was HTML: ${q(text)}`);
  assert.equal(await wd.attr(err, 'role'), 'alert', '.newsroom__error should have role=alert');
  await wd.find('.newsroom__retry');
});

e2e('a 404 shows an error and Retry loads the bundle once it is available', async () => {
  server.state.flakyAvailable = false;
  const feedRequests = () => server.state.requests.filter((r) => r.path.split('?')[0] === '/flaky/feed.json').length;
  const before = feedRequests();
  await open('/flaky/');
  const err = await wd.waitForElement('.newsroom__error', { message: because('waiting for .newsroom__error') });
  const text = await wd.text(err);
  assert.match(text, /404/, `error text should contain the status 404: ${q(text)}`);
  const afterFirst = feedRequests();
  assert.ok(afterFirst > before, 'the page never requested /flaky/feed.json');

  server.state.flakyAvailable = true;
  try {
    await wd.click(await wd.find('.newsroom__retry'));
    await waitForCount((c) => c.text.startsWith('3 of 3 articles'), '"3 of 3 articles" after Retry');
    assert.equal((await cardIds()).length, 3, 'three cards after Retry');
    assert.equal((await wd.findAll('.newsroom__error')).length, 0, 'the error is still shown after a successful Retry');
    assert.ok(feedRequests() > afterFirst, 'Retry did not request the bundle again');
  } finally {
    server.state.flakyAvailable = false;
  }
}, { allowNetwork: [/\/flaky\/feed\.json\b.*\b404\b/] });

e2e('a bundle with one bad item lists the rest and explains the skipped one', async () => {
  await open('/one-bad/');
  await waitForList();
  await waitFor(async () => (await cardIds()).length === 3, { message: because('waiting for 3 cards') });
  const ids = await cardIds();
  assert.ok(!ids.includes('2024-02-02-bad-date'), `the bad item is listed: ${q(ids)}`);
  const c = parseCount(await textOf('.newsroom__count'));
  assert.equal(c.total, 3, `count ${q(c.text)} should be out of 3 articles`);

  const details = await wd.find('details.newsroom__skipped');
  const summary = await wd.find('summary', details);
  const summaryText = (await wd.text(summary)).trim();
  assert.match(summaryText, /\b1\b/, `summary should say 1 item was skipped: ${q(summaryText)}`);
  assert.match(summaryText, /skip/i, `summary should say items were skipped: ${q(summaryText)}`);
  if (!(await wd.prop(details, 'open'))) await wd.click(summary);
  const items = await waitFor(async () => {
    const lis = await wd.findAll('li', details);
    const texts = await Promise.all(lis.map(async (li) => (await wd.text(li)).trim()));
    return texts.length && texts.every(Boolean) && texts;
  }, { message: because('waiting for the skipped-item reasons (li) to be visible') });
  assert.equal(items.length, 1, `one reason expected: ${q(items)}`);
  assert.ok(items[0].includes('2024-02-02-bad-date'), `reason should name the item id: ${q(items[0])}`);
  assert.ok(items[0].includes('date_published'), `reason should name the field date_published: ${q(items[0])}`);
  assert.match(items[0], /\b3\b/, `reason should name the item number (3, counting from 1): ${q(items[0])}`);
});

e2e('hostile content_html is rendered inert', async () => {
  await open('/hostile/?nr-article=hostile-html');
  const article = await waitForArticle('hostile-html');
  const body = await wd.find('.newsroom__article-body', article);
  await waitFor(async () => (await wd.text(body)).includes('Safe paragraph.'), {
    message: because('article body should contain "Safe paragraph."'),
  });

  const title = (await wd.text(await wd.find('h2.newsroom__article-title', article))).trim();
  assert.equal(title, '<b>Hostile</b> title', 'the title must be rendered as literal text');
  assert.equal((await wd.findAll('h2.newsroom__article-title b', article)).length, 0, 'the title contains a <b> element');

  const scan = () => wd.execute(`
    const root = document.querySelector('.newsroom');
    const all = Array.from(root.querySelectorAll('*'));
    const jsUrl = /^\\s*javascript:/i;
    return {
      scripts: root.querySelectorAll('script').length,
      frames: Array.from(root.querySelectorAll('iframe, frame, object, embed')).map(e => e.outerHTML),
      handlers: all.flatMap(e => Array.from(e.attributes).filter(a => /^on/i.test(a.name)).map(a => e.tagName.toLowerCase() + '[' + a.name + ']')),
      jsUrls: all.filter(e => ['href', 'src', 'action', 'formaction', 'xlink:href'].some(n => jsUrl.test(e.getAttribute(n) || ''))).map(e => e.outerHTML),
    };`);
  const r = await scan();
  assert.equal(r.scripts, 0, 'a <script> element made it into .newsroom');
  assert.deepEqual(r.frames, [], 'an iframe/object/embed made it into .newsroom');
  assert.deepEqual(r.handlers, [], 'inline event-handler attributes made it into .newsroom');
  assert.deepEqual(r.jsUrls, [], 'javascript: URLs made it into .newsroom');

  const before = await wd.currentUrl();
  const jsLink = await wd.maybeFind('#js-link');
  if (jsLink && (await wd.displayed(jsLink))) {
    await wd.click(jsLink);
    const after = new URL(await wd.currentUrl());
    const was = new URL(before);
    assert.equal(after.origin + after.pathname, was.origin + was.pathname, 'clicking #js-link navigated away');
    await waitForArticle('hostile-html');
  }

  const okRel = await wd.execute(`
    const a = Array.from(document.querySelectorAll('.newsroom__article-body a')).find(a => a.textContent.includes('ok link'));
    return a ? a.getAttribute('rel') || '' : null;`);
  assert.notEqual(okRel, null, 'the "ok link" is missing from the article body');
  assert.ok(okRel.split(/\s+/).includes('noopener'), `the "ok link" rel is ${q(okRel)}, expected it to contain noopener`);

  // Let any image error (src=x) settle before checking that nothing ran.
  await waitFor(() => wd.execute("return Array.from(document.querySelectorAll('.newsroom img')).every(i => i.complete);"), {
    message: 'images in the article never finished loading/failing',
  });
  assert.deepEqual(await scan(), r, 'the article DOM changed after interaction');
  assert.equal(await wd.execute('return typeof window.__pwned;'), 'undefined',
    `hostile content ran script: window.__pwned = ${q(await wd.execute('return String(window.__pwned);'))}`);
}, { allowNetwork: [/\/hostile\/x\b/, /127\.0\.0\.1:\d+\/x\b/] });

e2e('a nonsense URL shows a notice instead of crashing and the list still works', async () => {
  await open('/?nr-page=abc&nr-sort=sideways&nr-article=does-not-exist');
  const notice = await wd.waitForElement('.newsroom__notice, .newsroom__article-missing', {
    message: because('waiting for .newsroom__notice or .newsroom__article-missing'),
  });
  assert.ok((await wd.text(notice)).trim(), 'the notice is empty');
  await wd.find('[data-newsroom] .newsroom');

  const cards = await wd.findAll('article.newsroom__card');
  if (!cards.length || !(await wd.displayed(cards[0]))) {
    const back = await wd.maybeFind('a.newsroom__back');
    assert.ok(back, 'neither the list nor a.newsroom__back is available');
    await wd.click(back);
  }
  const c = await waitForList('the list (directly or after following a.newsroom__back)');
  assert.ok(c.shown > 0, `the list is empty: ${q(c.text)}`);
  const sort = await wd.maybeFind('select.newsroom__sort');
  if (sort) {
    const v = await wd.prop(sort, 'value');
    assert.ok(['newest', 'oldest', 'relevance'].includes(v), `sort select shows ${q(v)}`);
  }
  // The list must still be usable: open the first card.
  const [firstId] = await cardIds();
  await wd.click(await wd.find(`${cardSel(firstId)} h2 a.newsroom__card-link`));
  await waitForArticle(firstId);
});

e2e('no horizontal scrolling at 360 px on the list and the seed article', async () => {
  const original = await wd.getWindowRect();
  try {
    await wd.setWindowRect({ width: 360, height: 800 });
    const inner = await wd.execute('return window.innerWidth;');
    assert.ok(inner <= 360, `could not make the viewport 360px wide (innerWidth ${inner})`);

    await open('/');
    await waitForList();
    await assertNoHorizontalScroll('list at 360px');

    await open(`/?nr-article=${SEED_ID}`);
    await waitForArticle(SEED_ID);
    await assertNoHorizontalScroll('seed article at 360px');
  } finally {
    await wd.setWindowRect({ width: original.width, height: original.height });
  }
});

e2e('Chinese search matches the phrase without spaces, and accents are folded', async () => {
  const feed = JSON.parse(fs.readFileSync(path.join(server.dist, 'feed.json'), 'utf8'));
  const containing = (word) => feed.items.filter((i) =>
    [i.title, i.summary, i.content_text, i.content_html].some((f) => typeof f === 'string' && f.includes(word)));
  const expected = containing('铬盐').map((i) => i.id).sort();
  assert.ok(expected.length >= 2, 'the sample feed should have several items with 铬盐');

  await open('/');
  await waitForList();
  await wd.typeInto(await wd.find('input[type=search].newsroom__search'), '铬盐');
  await waitForCount((c) => c.shown === expected.length, `${expected.length} results for 铬盐`);
  assert.deepEqual((await cardIds()).sort(), expected, 'the items found for 铬盐');

  await open('/?nr-q=societe');
  const c = await waitForList('results for "societe"');
  assert.ok(c.shown >= 1, 'nothing found for "societe"');
  const marks = await wd.execute("return Array.from(document.querySelectorAll('.newsroom__card mark')).map(m => m.textContent);");
  assert.ok(marks.includes('Société'), `"societe" should mark "Société": ${q(marks)}`);
});

e2e('the way back from an article keeps the filters, the pages shown and the scroll position', async () => {
  await open('/?nr-category=&keep=1');
  await waitForList();
  await wd.click(await wd.find('.newsroom__more'));
  await waitForUrl((u, p) => p.get('nr-page') === '2', 'nr-page=2 after "Show more"');
  assert.ok(await wd.execute("return document.activeElement.classList.contains('newsroom__more');"),
    'keyboard focus should stay on "Show more" after it added results');
  // Scroll to the last of the 20 results; it must be rendered there.
  const { y, target } = await waitFor(async () => wd.execute(`
    document.querySelector('.newsroom__more').scrollIntoView({ block: 'end' });
    const cards = document.querySelectorAll('article.newsroom__card');
    const last = cards[cards.length - 1];
    return last && last.getBoundingClientRect().bottom <= window.innerHeight ? { y: window.scrollY, target: last.dataset.id } : null;`),
  { message: because('the last of 20 cards near "Show more"') });
  assert.ok(y > 200, `the page did not scroll (scrollY ${y})`);
  await wd.click(await wd.find(`${cardSel(target)} h2 a.newsroom__card-link`));
  await waitForArticle(target);
  await waitFor(async () => (await wd.execute('return window.scrollY;')) < y, { message: 'the article should open at its top' });

  await wd.click(await wd.find('a.newsroom__back'));
  await waitFor(() => wd.maybeFind(cardSel(target)), { message: because(`back to the list, with ${target} rendered`) });
  await waitFor(async () => Math.abs((await wd.execute('return window.scrollY;')) - y) <= 2, {
    message: async () => `scroll position not restored: ${q(await wd.execute('return [window.scrollY, document.documentElement.scrollHeight, window.innerHeight];'))} instead of ${y}`,
  });
  const u = await currentUrl();
  assert.equal(u.searchParams.get('keep'), '1');
  assert.equal(u.searchParams.get('nr-page'), '2');
  assert.ok(!u.searchParams.has('nr-article'), `still has nr-article: ${u}`);
});

e2e('"Clear all" resets search, filters and sort but leaves the host parameters', async () => {
  await open('/?nr-q=chromium&nr-year=2024&nr-sort=oldest&host=yes');
  const filtered = await waitForList();
  assert.ok(filtered.shown < filtered.total, `the deep link did not filter: ${filtered.text}`);
  await wd.click(await wd.find('.newsroom__clear'));
  await waitForCount((c) => c.shown === c.total, 'all articles after "Clear all"');
  const u = await currentUrl();
  assert.deepEqual([...u.searchParams.keys()], ['host'], `parameters after "Clear all": ${u.search}`);
  assert.equal(await wd.prop(await wd.find('input[type=search].newsroom__search'), 'value'), '');
  assert.equal(await wd.prop(await wd.find('select.newsroom__sort'), 'value'), 'newest');
});

e2e('the mount element\'s data-src chooses the bundle and nothing in the URL can change it', async () => {
  const requested = (p) => server.state.requests.filter((r) => r.path.split('?')[0] === p).length;
  const before = requested('/data-src/feed.json');
  await open('/data-src/?src=../malformed/feed.json&data-src=../malformed/feed.json&nr-src=../hostile/feed.json');
  await waitFor(async () => (await cardIds()).length === 3, { message: because('the 3 valid items of the one-bad bundle') });
  assert.equal(requested('/data-src/feed.json'), before, 'the default feed.json was requested despite data-src');
  assert.equal((await wd.findAll('.newsroom__error')).length, 0, 'an error is shown');
});

e2e('only the cards near the viewport are in the DOM, however many results are shown', async () => {
  await open('/?nr-page=100');
  const c = await waitForList();
  assert.ok(c.shown > 40, `the sample should have over 40 articles: ${c.text}`);
  assert.equal(await wd.maybeFind('.newsroom__more'), null, 'every result is shown, so no "Show more"');
  const rendered = async () => (await cardIds()).length;
  const atTop = await rendered();
  assert.ok(atTop > 0 && atTop <= 20, `${atTop} cards in the DOM at the top of ${c.shown} results`);
  const feed = JSON.parse(fs.readFileSync(path.join(server.dist, 'feed.json'), 'utf8'));
  const oldest = [...feed.items].sort((a, b) => Date.parse(a.date_published) - Date.parse(b.date_published))[0].id;
  await scrollUntil(cardSel(oldest));
  const atBottom = await rendered();
  assert.ok(atBottom <= 20, `${atBottom} cards in the DOM at the bottom of ${c.shown} results`);
  const height = await wd.execute("return document.querySelector('.newsroom__results').getBoundingClientRect().height;");
  const row = await wd.execute("return document.querySelector('.newsroom__card').offsetHeight;");
  assert.ok(Math.abs(height - row * c.shown) <= 2, `the list is ${height}px high for ${c.shown} rows of ${row}px`);
});

e2e('a bundle on a slow connection shows a progress bar of bytes received out of the total', async () => {
  await open('/slow/');
  const seen = await waitFor(async () => wd.execute(`
    const p = document.querySelector('.newsroom__progress');
    return p && p.value > 0 && p.value < p.max ? { value: p.value, max: p.max } : null;`),
  { message: because('a partly filled .newsroom__progress') });
  assert.ok(seen.max > 1_000_000, `the bar's total should be the bundle's size, not ${seen.max}`);
  const c = await waitForList('the list after the slow load');
  assert.equal(c.total, 1000, c.text);
  assert.equal(await wd.maybeFind('.newsroom__progress'), null, 'the progress bar stays after loading');
});

e2e('10,000 articles: nothing blocks the page for 50 ms, no keystroke is lost while search gets ready, the DOM stays small', async () => {
  const { identifier } = await wd.cmd('POST', '/goog/cdp/execute', {
    cmd: 'Page.addScriptToEvaluateOnNewDocument',
    params: { source: `window.__longTasks = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(Math.round(e.duration)); })
        .observe({ type: 'longtask', buffered: true });` },
  });
  try {
    await open('/big/');
    await waitFor(() => wd.maybeFind('article.newsroom__card'), { timeout: 30_000, message: because('the first card of 10,000') });
    // Type at once, while the search index is still being built.
    const indexingWhenTyping = !!(await wd.maybeFind('.newsroom__indexing'));
    await wd.typeInto(await wd.find('input[type=search].newsroom__search'), 'chromium slag');
    assert.equal(await wd.prop(await wd.find('input[type=search].newsroom__search'), 'value'), 'chromium slag',
      'keystrokes were lost or reordered');
    await waitForUrl((u, p) => p.get('nr-q') === 'chromium slag', 'nr-q=chromium slag');
    const c = await waitFor(async () => {
      if (await wd.maybeFind('.newsroom__indexing')) return false;
      const c = parseCount(await textOf('.newsroom__count'));
      return c.total === 10_000 && c.shown > 0 && c.shown < c.total && c;
    }, { timeout: 30_000, message: because('search results among 10,000 articles') });
    const cards = (await cardIds()).length;
    assert.ok(cards > 0 && cards <= 20, `${cards} cards in the DOM for ${c.text}`);
    const marks = await wd.execute("return Array.from(document.querySelectorAll('.newsroom__card mark')).map(m => m.textContent.toLowerCase());");
    assert.ok(marks.includes('chromium') && marks.includes('slag'), `marks: ${q(marks.slice(0, 10))}`);
    const longTasks = await wd.execute('return window.__longTasks;');
    assert.deepEqual(longTasks, [], 'main-thread tasks of over 50 ms (ms) while loading, indexing and typing');
    console.log(`# typed while search was being prepared: ${indexingWhenTyping}`);
  } finally {
    await wd.cmd('POST', '/goog/cdp/execute', { cmd: 'Page.removeScriptToEvaluateOnNewDocument', params: { identifier } });
  }
});

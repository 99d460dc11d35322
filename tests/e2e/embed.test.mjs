// End-to-end tests of Newsroom embedded in a host website: the host pages in
// tests/e2e/host/ have loud global CSS, their own links and script, and are
// served with a strict Content-Security-Policy; Newsroom's files live in a
// folder of their own (/assets/newsroom/) and the news page under a sub-path.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from './server.mjs';
import { startDriver, waitFor } from './webdriver.mjs';

let server;
let wd;

// Installed before any page script: records CSP violations and the host's history length.
const PROBE = `
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  window.__historyAtStart = history.length;`;

before(async () => {
  server = await startServer();
  wd = await startDriver();
  await wd.cmd('POST', '/goog/cdp/execute', { cmd: 'Page.addScriptToEvaluateOnNewDocument', params: { source: PROBE } });
});

after(async () => {
  try {
    if (wd) await wd.quit();
  } finally {
    if (server) await server.close();
  }
});

const open = (p) => wd.goto(server.url + p);
const js = (script, ...args) => wd.execute(script, ...args);
const count = (root) => js(`return (document.querySelector('${root} .newsroom__count') || {}).textContent || null;`);
const cardCategories = (root) => js(`return Array.from(document.querySelectorAll('${root} .newsroom__card-category')).map(e => e.textContent);`);

/** Waits until every instance on /about/news/ has rendered. */
async function hostPageReady() {
  return waitFor(async () => js(`
    const n = (sel) => document.querySelectorAll(sel).length;
    return n('#full .newsroom__card') > 0 && !document.querySelector('#full .newsroom__indexing')
      && n('#compact .newsroom__headline') === 3 && n('#second .newsroom__card') > 0
      && n('#late .newsroom__headline') === 2;`),
  { timeout: 20_000, message: async () => `instances not all rendered: ${await js('return document.body.innerText.slice(0, 500);')}` });
}

async function cspViolations() {
  const seen = await js('return window.__csp;');
  const log = (await wd.browserLog().catch(() => [])).filter((e) => /Content.Security.Policy/i.test(e.message));
  return [...seen, ...log.map((e) => e.message)];
}

async function typeInto(css, text) {
  await wd.typeInto(await wd.find(css), text);
}

test('a full, a compact, a second full and a late-added instance work side by side under a strict CSP', async () => {
  await open('/about/news/?lang=en');
  await hostPageReady();
  assert.deepEqual(await cspViolations(), [], 'Content-Security-Policy violations');

  // The second full instance: its fixed category, and no category filter to change it.
  assert.equal(await wd.maybeFind('#second select.newsroom__filter[name=category]'), null);
  const second = await cardCategories('#second');
  assert.ok(second.length > 0 && second.every((c) => c === 'Products'), `second instance categories: ${second}`);
  assert.match(await count('#second'), /^\d+ of \d+ articles/);

  // Instances do not share state, and only the first full one uses the URL.
  const fullBefore = await count('#full');
  await typeInto('#second input[type=search]', 'chromium');
  await waitFor(async () => (await count('#second')) !== null && js("return document.querySelector('#second input[type=search]').value === 'chromium';"));
  assert.equal(await count('#full'), fullBefore, 'typing in the second instance changed the first');
  let url = new URL(await wd.currentUrl());
  assert.equal(url.search, '?lang=en', 'the second instance wrote to the URL');

  const secondBefore = await count('#second');
  await typeInto('#full input[type=search]', 'slag');
  await waitFor(async () => new URL(await wd.currentUrl()).searchParams.get('nr-q') === 'slag', { message: 'nr-q=slag in the URL' });
  url = new URL(await wd.currentUrl());
  assert.equal(url.pathname, '/about/news/');
  assert.equal(url.searchParams.get('lang'), 'en', 'the host parameter was lost');
  await waitFor(async () => (await count('#full')) !== fullBefore, { message: 'the full instance did not search' });
  assert.equal(await count('#second'), secondBefore, 'typing in the first instance changed the second');
  assert.deepEqual(await cspViolations(), [], 'Content-Security-Policy violations after use');
});

test('the host page is left alone: its history, scroll and the look of its elements', async () => {
  await open('/about/news/');
  await hostPageReady();
  assert.equal(await js('return history.length;'), await js('return window.__historyAtStart;'), 'history entries added on load');
  assert.equal(await js('return window.scrollY;'), 0, 'the page was scrolled on load');

  const props = ['color', 'font-size', 'font-family', 'font-weight', 'text-transform', 'letter-spacing', 'text-align',
    'background-color', 'border-top-width', 'border-top-style', 'padding-top', 'margin-top', 'text-decoration-line',
    'height', 'width', 'list-style-type', 'box-sizing'];
  const hostStyles = () => js(`
    return ['body', '#host-heading', '#host-link', '#host-button', '#host-input', '#host-article', '#host-article p']
      .map((sel) => {
        const cs = getComputedStyle(document.querySelector(sel));
        // The body's size follows its content, ours included; everything else must not move.
        const own = sel === 'body' ? arguments[0].filter((p) => p !== 'height' && p !== 'width') : arguments[0];
        return [sel, own.map((p) => p + ': ' + cs.getPropertyValue(p))];
      });`, props);
  const withOurs = await hostStyles();
  await js(`document.querySelector('link[href$="newsroom.css"]').disabled = true;`);
  const withoutOurs = await hostStyles();
  await js(`document.querySelector('link[href$="newsroom.css"]').disabled = false;`);
  assert.deepEqual(withOurs, withoutOurs, 'our stylesheet changed host elements');
});

test("the host's loud global styles do not reach Newsroom's layout", async () => {
  await open('/about/news/');
  await hostPageReady();
  const s = await js(`
    const cs = (sel, p) => getComputedStyle(document.querySelector(sel)).getPropertyValue(p);
    return {
      rootFont: cs('#full .newsroom', 'font-size'), rootTransform: cs('#full .newsroom', 'text-transform'),
      rootSpacing: cs('#full .newsroom', 'letter-spacing'), rootAlign: cs('#full .newsroom', 'text-align'),
      title: cs('#full .newsroom__card-title', 'font-size'), titleBorder: cs('#full .newsroom__card-title', 'border-bottom-style'),
      card: cs('#full .newsroom__card', 'border-top-style'), cardBackground: cs('#full .newsroom__card', 'background-color'),
      cardHeight: document.querySelector('#full .newsroom__card').getBoundingClientRect().height,
      link: cs('#full .newsroom__card-link', 'text-decoration-line'), button: cs('#full .newsroom__clear', 'background-color'),
      input: cs('#full .newsroom__search', 'border-top-width'), mark: cs('#full .newsroom', 'color'),
    };`);
  assert.equal(s.rootFont, '16px');
  assert.equal(s.rootTransform, 'none');
  assert.equal(s.rootSpacing, 'normal');
  assert.equal(s.rootAlign, 'left');
  assert.notEqual(s.title, '40px', 'the host h2 size reached our titles');
  assert.equal(s.titleBorder, 'none', 'the host h2 border reached our titles');
  assert.equal(s.card, 'none', 'the host article border reached our cards');
  assert.notEqual(s.cardBackground, 'rgb(255, 255, 0)', 'the host article background reached our cards');
  assert.equal(s.cardHeight, 200, 'cards are 12.5em of 16px');
  assert.notEqual(s.link, 'line-through', 'the host link style reached ours');
  assert.notEqual(s.button, 'rgb(0, 0, 0)', 'the host button style reached ours');
  assert.notEqual(s.input, '6px', 'the host input style reached ours');
});

test('a compact headline on the home page opens the article on the full news page', async () => {
  await open('/home/');
  const first = await waitFor(() => js(`
    const a = document.querySelector('.newsroom__headline-link');
    return a && { id: a.closest('.newsroom__headline').dataset.id, href: a.getAttribute('href') };`),
  { message: 'the compact headlines on /home/' });
  assert.equal(first.href, `/about/news/?lang=en&nr-article=${encodeURIComponent(first.id)}`);
  await wd.click(await wd.find('.newsroom__headline-link'));
  await waitFor(async () => js(`return !!document.querySelector('#full article.newsroom__article[data-id="${first.id}"]');`),
    { timeout: 20_000, message: `the article ${first.id} open on /about/news/` });
  const url = new URL(await wd.currentUrl());
  assert.equal(url.pathname, '/about/news/');
  assert.equal(url.searchParams.get('lang'), 'en');
  assert.deepEqual(await cspViolations(), []);
});

test("the host's own links still navigate", async () => {
  await open('/about/news/');
  await hostPageReady();
  await wd.click(await wd.find('#host-link'));
  await waitFor(async () => new URL(await wd.currentUrl()).pathname === '/about/other/' && wd.maybeFind('#other'),
    { message: 'the host link did not navigate to /about/other/' });
});

test('a dark scheme follows the reader\'s preference, and the host\'s custom properties win over it', async () => {
  const media = (value) => wd.cmd('POST', '/goog/cdp/execute', {
    cmd: 'Emulation.setEmulatedMedia', params: { features: [{ name: 'prefers-color-scheme', value }] },
  });
  const colours = () => js(`
    const cs = (sel, p) => getComputedStyle(document.querySelector(sel)).getPropertyValue(p);
    return { full: cs('#full .newsroom', 'background-color'), text: cs('#full .newsroom', 'color'),
      compactLink: cs('#compact .newsroom__headline-link', 'color'), compact: cs('#compact .newsroom', 'background-color') };`);
  const luminance = (rgb) => {
    const [r, g, b] = rgb.match(/\d+/g).map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  try {
    await media('light');
    await open('/about/news/');
    await hostPageReady();
    const light = await colours();
    await media('dark');
    const dark = await waitFor(async () => {
      const c = await colours();
      return c.full !== light.full && c;
    }, { message: 'the colours did not change with prefers-color-scheme: dark' });
    assert.ok(luminance(light.full) > 200 && luminance(dark.full) < 60, `backgrounds: light ${light.full}, dark ${dark.full}`);
    assert.ok(luminance(dark.text) > 180, `dark text ${dark.text}`);
    for (const c of [light, dark]) {
      assert.equal(c.compactLink, 'rgb(128, 0, 128)', 'the host-set --newsroom-accent');
      assert.equal(c.compact, 'rgb(250, 250, 240)', 'the host-set --newsroom-background');
    }
  } finally {
    await media('');
  }
});

test('opening an article brings the instance into view without moving the host page otherwise', async () => {
  await open('/about/news/');
  await hostPageReady();
  await wd.setWindowRect({ width: 1200, height: 900 });
  const link = await waitFor(() => js(`
    const cards = document.querySelectorAll('#full .newsroom__card');
    const last = cards[cards.length - 1];
    last.scrollIntoView({ block: 'end' });
    return window.scrollY > 300 && last.querySelector('a');`), { message: 'a card far down the page' });
  await wd.click(link);
  await waitFor(() => js("return !!document.querySelector('#full article.newsroom__article');"), { message: 'the article view' });
  // The instance's top, and so the article's start, is on screen (the page
  // may have become too short to put it at the very top).
  const where = "const r = document.querySelector('#full .newsroom').getBoundingClientRect(); return [r.top, window.innerHeight];";
  await waitFor(async () => {
    const [top, height] = await js(where);
    return top >= -1 && top < height / 2;
  }, { message: async () => `the instance's top and the viewport height: ${await js(where)}` });
});

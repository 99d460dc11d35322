// Static file server for the Newsroom end-to-end tests.
//
// Serves the release build (`dist`, from NEWSROOM_DIST or <repo>/dist) and a
// set of scenario pages: `/NAME/` is dist/index.html and `/NAME/feed.json` is
// that scenario's bundle. Anything else under `/NAME/...` falls back to the
// same path in dist (so relative asset URLs work from scenario pages).
// `/NAME/with.html?k=v` is that page with `data-k="v"` on its mount element.
// `state.faults` makes chosen paths fail as real networks do (see Fault).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateFeed, serializeFeed } from '../bench/generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');

export function defaultDist() {
  return path.resolve(process.env.NEWSROOM_DIST || path.join(REPO_ROOT, 'dist'));
}

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

const FEED_VERSION = 'https://jsonfeed.org/version/1.1';

function item(id, title, date, category, text, extra = {}) {
  return {
    id,
    title,
    date_published: date,
    content_text: text,
    summary: text.split('.')[0] + '.',
    tags: extra.tags || ['test'],
    _newsroom: { category },
    ...extra.fields,
  };
}

/** The valid feed served by `flaky` once `state.flakyAvailable` is true. */
export const FLAKY_FEED = {
  version: FEED_VERSION,
  title: 'Flaky Newsroom',
  items: [
    item('2024-03-03-third', 'Third flaky story', '2024-03-03T09:00:00Z', 'Company News', 'The third story arrived after a retry.'),
    item('2024-03-02-second', 'Second flaky story', '2024-03-02T09:00:00Z', 'Products', 'The second story is about products.'),
    item('2024-03-01-first', 'First flaky story', '2024-03-01T09:00:00Z', 'Company News', 'The first story opened the feed.'),
  ],
};

/**
 * `one-bad`: 5 items. The 3rd has an unparseable date (shown, undated, last);
 * the 5th has nothing to show (no title, no text, no url) and is skipped.
 */
export const ONE_BAD_FEED = {
  version: FEED_VERSION,
  title: 'One Bad Item',
  items: [
    item('2024-02-04-good-one', 'Good story one', '2024-02-04T10:00:00Z', 'Company News', 'A perfectly valid first story.'),
    item('2024-02-03-good-two', 'Good story two', '2024-02-03T10:00:00Z', 'Products', 'A perfectly valid second story.'),
    item('2024-02-02-bad-date', 'Story with a bad date', 'yesterday', 'Company News', 'This story has a date nobody can parse.'),
    item('2024-02-01-good-three', 'Good story three', '2024-02-01T10:00:00Z', 'Industry', 'A perfectly valid third story.'),
    { id: '2024-02-05-empty', date_published: '2024-02-05T10:00:00Z', tags: ['test'] },
  ],
};

export const HOSTILE_CONTENT_HTML =
  '<p>Safe paragraph.</p><img src=x onerror="window.__pwned=\'img\'">' +
  '<script>window.__pwned=\'script\'</script>' +
  '<p><a id="js-link" href="javascript:window.__pwned=\'link\'">a javascript link</a></p>' +
  '<p><a href="https://example.com/ok" onclick="window.__pwned=\'onclick\'">ok link</a></p>' +
  '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>';

/** `hostile`: one item with dangerous content_html and markup in its title. */
export const HOSTILE_FEED = {
  version: FEED_VERSION,
  title: 'Hostile Newsroom',
  items: [
    {
      id: 'hostile-html',
      title: '<b>Hostile</b> title',
      date_published: '2024-05-05',
      content_html: HOSTILE_CONTENT_HTML,
      summary: 'An item whose HTML tries to run script.',
      tags: ['security'],
      _newsroom: { category: 'Company News' },
    },
  ],
};

/** Invalid JSON whose syntax error is on line 3. */
export const MALFORMED_BODY =
  '{\n  "version": "https://jsonfeed.org/version/1.1",\n  "title": "Broken" oops\n}\n';

export const HTML_PAGE_BODY = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>';

/** A square picture `pictures` serves (the sample's are all 16:9). */
export const SQUARE_PICTURE = 'square.svg';
const SQUARE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="90" viewBox="0 0 90 90"><rect width="90" height="90" fill="#4f8a5b"/></svg>';

/** Where `pictures` serves its generated items' pictures, each after `PICTURE_DELAY_MS`: they arrive after their cards. */
export const SLOW_PICTURES = 'slow-images/';
export const PICTURE_DELAY_MS = 150;
const LONG_TEASER = 'The summary of this item is long on purpose: it runs over several lines of the card, so the card is '
  + 'taller than one whose item has a short teaser or none at all, and the list must lay out cards of different heights '
  + 'one after the other without gaps, overlaps or blank space below their content.';

/**
 * `pictures`: items with and without pictures, newest first. `pic-starts`'s
 * body opens with its `image`; `pic-broken`'s image does not exist (404);
 * `pic-none` has a title only; `pic-long` a long teaser; `pic-content` a
 * picture in its body only; `pic-banner` only a `banner_image`, square; `pic-unsafe`
 * a `javascript:` image. Then 200 generated items, every other one with a
 * picture from SLOW_PICTURES, teasers of one to four sentences. All are
 * tagged `pictures` but `pic-broken` (`broken`).
 */
export const PICTURES_FEED = (() => {
  const day = (n) => new Date(Date.UTC(2024, 11, 31) - n * 86_400_000).toISOString();
  const own = [
    { id: 'pic-starts', title: 'A body that opens with its picture', image: 'images/plant.svg', summary: 'The new line.',
      content_html: '<figure><img src="images/plant.svg" alt="Production units at the Tanghezi site"><figcaption>The new line.</figcaption></figure><p>The line started on time.</p>' },
    { id: 'pic-broken', title: 'A picture that is missing', image: 'images/missing.png', summary: 'Its picture cannot be loaded.', content_text: 'Its picture cannot be loaded.', tags: ['broken'] },
    { id: 'pic-none', title: 'A headline alone' },
    { id: 'pic-long', title: 'A long teaser', summary: LONG_TEASER, content_text: LONG_TEASER },
    { id: 'pic-content', title: 'A picture in the body', content_html: '<p>The body has a picture.</p><p><img src="images/lab.svg" alt="A laboratory"></p>' },
    { id: 'pic-banner', title: 'A banner image', banner_image: SQUARE_PICTURE, summary: 'Only a banner image, and a square one.', content_text: 'Only a banner image.' },
    { id: 'pic-unsafe', title: 'An image address that is not allowed', image: 'javascript:alert(1)', summary: 'No picture.', content_text: 'No picture.' },
  ];
  const pictures = ['fair', 'green', 'lab', 'plant', 'tanning'];
  const sentence = 'This generated story has another sentence in its teaser.';
  const generated = Array.from({ length: 200 }, (_, n) => ({
    id: `pic-gen-${n}`,
    title: `Generated story ${n}`,
    summary: Array(1 + (n % 4)).fill(sentence).join(' '),
    content_text: sentence,
    ...(n % 2 ? {} : { image: `${SLOW_PICTURES}${pictures[n % 5]}.svg?n=${n}` }),
  }));
  const items = [...own, ...generated].map((item, n) => ({ date_published: day(n), tags: ['pictures'], ...item }));
  return { version: FEED_VERSION, title: 'Pictures', items };
})();

/**
 * Bundles `newsroom build` writes as static news sites, served by scenario:
 * `sample-site` the sample bundle, `hostile-site` items whose every field tries to
 * run script or break out of its tag.
 */
export const HOSTILE_SITE_FEED = {
  version: FEED_VERSION,
  title: 'Hostile </title><script>window.__pwned="feed-title"</script> News',
  description: '"><img src=x onerror="window.__pwned=\'description\'">',
  language: 'en',
  items: [
    HOSTILE_FEED.items[0],
    {
      id: 'breakout"><script>window.__pwned="id"</script>',
      url: 'javascript:window.__pwned="url"',
      title: '</script><script>window.__pwned="title"</script><!-- \u2028 ]]> </SCRIPT >',
      summary: '" onmouseover="window.__pwned=\'summary\'" x="',
      content_html: '<svg onload="window.__pwned=\'svg\'"><a xlink:href="javascript:window.__pwned=1">x</a></svg>'
        + '<form action="javascript:window.__pwned=\'form\'"><button formaction="javascript:1">go</button></form>'
        + '<math><mi xlink:href="javascript:1">m</mi></math><xmp><script>window.__pwned="xmp"</script></xmp>'
        + '<noscript><img src=x onerror="window.__pwned=\'noscript\'"></noscript><style>*{}</style>'
        + '<a href=" JaVaScRiPt:window.__pwned=\'spaced\'">spaced</a><object data="javascript:1"></object>'
        + '<embed src="javascript:1"><base href="javascript:1//"><meta http-equiv="refresh" content="0;url=javascript:1">',
      image: 'javascript:window.__pwned="image"',
      date_published: '2024-05-04T10:00:00Z',
      date_modified: '</script>',
      language: 'en" onload="x',
      tags: ['<img src=x onerror="window.__pwned=\'tag\'">'],
      authors: [{ name: '<script>window.__pwned="author"</script>', url: 'javascript:window.__pwned="author-url"' }],
      _newsroom: { category: '<b onclick="window.__pwned=\'category\'">News</b>', translations: { 'zh"><script>': 'hostile-html' } },
    },
  ],
};

/** The address every static-site build says it is served from (canonical, Open Graph, sitemap, Atom). */
export const SITE_BASE = 'https://news.example.com/';

export const STATIC_SITES = {
  // The app's takeover tests (built_page.spec.mjs): three articles named by
  // their addresses, and a fourth whose page the served feed sends outside the site.
  site: () => fs.readFileSync(path.join(REPO_ROOT, 'tests', 'e2e', 'host', 'site-feed.json'), 'utf8'),
  'sample-site': () => fs.readFileSync(path.join(REPO_ROOT, 'sample', 'feed.json'), 'utf8'),
  'hostile-site': () => JSON.stringify(HOSTILE_SITE_FEED, null, 2),
};

/** `net`: the sample bundle of the build (dist/feed.json), for the network faults of `state.faults`. */
export const SCENARIOS = ['malformed', 'html-page', 'flaky', 'one-bad', 'hostile', 'data-src', 'big', 'slow', 'imported', 'paged', 'built', 'archive', 'pictures', 'net',
  ...Object.keys(STATIC_SITES)];

/**
 * A network fault a test pushes to `state.faults` (and removes again: the
 * server lives as long as the worker). The first fault whose `path` matches
 * a request's path (without its query) counts it in `hits` and, while
 * `hits <= times`, answers it in its `mode`; later requests are served normally.
 * - `never`: no answer at all, until the client gives up.
 * - `stall`: the headers with the full length, the first `stallAfter` bytes, then nothing.
 * - `reset`: the connection closed with no answer.
 * - `busy`: 503, with `Retry-After: retryAfter` if set.
 * - `slow`: the answer after `latency` ms, at `rate` bytes a second.
 * `stall` and `slow` need a plain answer: a redirect is served normally.
 * @typedef {object} Fault
 * @property {RegExp} path matched against the request's path, without the query
 * @property {'never' | 'stall' | 'reset' | 'busy' | 'slow'} mode
 * @property {number} [times] how many matching requests fail (default Infinity)
 * @property {string} [retryAfter] `busy`: the Retry-After header's value
 * @property {number} [stallAfter] `stall`: bytes of the body sent (default 30000)
 * @property {number} [rate] `slow`: bytes a second (default 50000, about slow 3G)
 * @property {number} [latency] `slow`: ms before the headers (default 400)
 * @property {number} [hits] set by the server: the matching requests so far
 */

/**
 * `paged`: a JSON Feed in three pages, linked by relative `next_url`s
 * (`feed.json` → `feed-2.json` → `older/feed-3.json`); page 2 repeats one
 * item of page 1, and only page 3 mentions vanadium.
 */
export const PAGED_FEED = (() => {
  const story = (n) => item(`paged-${n}`, `Paged story ${n}`, `2024-06-${String(30 - n).padStart(2, '0')}T09:00:00Z`,
    n % 2 ? 'Company News' : 'Products', n === 11 ? 'Story 11 is about vanadium.' : `Story ${n} is about chromium.`);
  const page = (ns, next) => ({ version: FEED_VERSION, title: 'Paged News', ...(next ? { next_url: next } : {}), items: ns.map(story) });
  return {
    '/feed.json': page([1, 2, 3, 4], 'feed-2.json'),
    '/feed-2.json': page([4, 5, 6, 7, 8], 'older/feed-3.json'),
    '/older/feed-3.json': page([9, 10, 11, 12], null),
  };
})();

/** The `newsroom` command, built by `make test-e2e` (or NEWSROOM_BIN). */
export const NEWSROOM_BIN = process.env.NEWSROOM_BIN || path.join(REPO_ROOT, 'target', 'debug', 'newsroom');
/** What `imported` serves: the import fixtures, run through `newsroom import`. */
export const IMPORT_SOURCES = ['feeds/rss2.xml', 'feeds/atom.xml', 'feeds/jsonfeed10.json', 'feeds/wordpress.xml', 'markdown/hugo']
  .map((p) => path.join(REPO_ROOT, 'tests', 'fixtures', 'import', p));

/** Runs the command: its exit status and output, never a throw. */
export function runNewsroom(args) {
  const r = spawnSync(NEWSROOM_BIN, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`e2e: cannot run ${NEWSROOM_BIN} (build it with cargo build --bin newsroom): ${r.error.message}`);
  return { status: r.status, output: r.stdout + r.stderr };
}

let built = null;
/** The folder `newsroom build` makes of the imported archive, five items a page. */
export function builtSite() {
  if (!built) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-build-'));
    const run = runNewsroom(['build', importedArchive().file, '--out', dir, '--per-page', '5']);
    if (run.status !== 0) throw new Error(`newsroom build failed (${run.status}):\n${run.output}`);
    built = { dir, output: run.output };
  }
  return built;
}

let archiveSite = null;
/**
 * `archive`: `newsroom build` of 1,000 generated articles, 20 a page (50
 * pages), written as an archive first; its folder and the items newest first.
 */
export function archiveBuild() {
  if (!archiveSite) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-archive-'));
    const file = path.join(dir, 'archive.json');
    fs.writeFileSync(file, serializeFeed(generateFeed(1_000, 7)));
    const out = path.join(dir, 'site');
    const run = runNewsroom(['build', file, '--out', out, '--per-page', '20']);
    if (run.status !== 0) throw new Error(`newsroom build failed (${run.status}):\n${run.output}`);
    archiveSite = { dir: out, output: run.output };
  }
  return archiveSite;
}

/** The JSON of a built folder's file, by path inside it. */
export const builtJson = (dir, file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));

const staticBuilds = {};
/**
 * The static site `newsroom build` writes of scenario `name`'s bundle (made
 * once per server), as if served at `${SITE_BASE}${name}/`: its folder, its
 * base URL and the bundle.
 */
export function staticSite(name) {
  if (!staticBuilds[name]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `newsroom-e2e-${name}-`));
    const file = path.join(dir, 'archive.json');
    const text = STATIC_SITES[name]();
    fs.writeFileSync(file, text);
    const base = `${SITE_BASE}${name}/`;
    const out = path.join(dir, 'out');
    const run = runNewsroom(['build', file, '--out', out, '--base-url', base]);
    if (run.status !== 0) throw new Error(`newsroom build failed (${run.status}):\n${run.output}`);
    staticBuilds[name] = { dir: out, base, feed: JSON.parse(text), output: run.output };
  }
  return staticBuilds[name];
}

let imported = null;
/** The archive `newsroom import` makes of the fixtures (made once per server). */
export function importedArchive() {
  if (!imported) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-import-'));
    const file = path.join(dir, 'news.json');
    // The fixtures' `next` links lead to the fictional company's website: not followed here.
    const run = runNewsroom(['import', ...IMPORT_SOURCES, '--max-pages', '1', '--into', file]);
    if (run.status !== 0) throw new Error(`newsroom import failed (${run.status}):\n${run.output}`);
    imported = { file, body: fs.readFileSync(file, 'utf8'), output: run.output };
  }
  return imported;
}

/** `big`: 10,000 generated articles (about 25 MB); `slow`: 1,000, sent in small paced chunks. */
let generated = null;
function generatedFeeds() {
  generated ??= { big: serializeFeed(generateFeed(10_000)), slow: serializeFeed(generateFeed(1_000)) };
  return generated;
}

/** The host pages' policy: no inline script or style anywhere. */
export const HOST_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https:";
const HOST_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'host');
/** A host website: its pages (under a sub-path), with Newsroom's files in /assets/newsroom/. */
const HOST_PAGES = { '/about/news/': 'news.html', '/zh/news/': 'zh.html', '/home/': 'home.html', '/about/other/': 'other.html' };
/**
 * `site`: a static site as `newsroom build` writes one, its pages written by
 * hand (host/site/: the list at the root, `articles/<slug>/` pages, a
 * feed.json whose items name them in `_newsroom.page`), served under the
 * host pages' policy, with the app's files at the site's root (from dist).
 */

/** `data-src`: the page's mount element names the one-bad bundle of another folder. */
export const DATA_SRC = '../one-bad/feed.json';

function scenarioFeed(name, state) {
  switch (name) {
    case 'malformed':
      return { status: 200, type: TYPES['.json'], body: MALFORMED_BODY };
    case 'html-page':
      return { status: 200, type: TYPES['.html'], body: HTML_PAGE_BODY };
    case 'flaky':
      return state.flakyAvailable
        ? { status: 200, type: TYPES['.json'], body: JSON.stringify(FLAKY_FEED, null, 2) }
        : { status: 404, type: 'text/plain; charset=utf-8', body: 'Not Found' };
    case 'one-bad':
      return { status: 200, type: TYPES['.json'], body: JSON.stringify(ONE_BAD_FEED, null, 2) };
    case 'big':
      return { status: 200, type: TYPES['.json'], body: generatedFeeds().big };
    case 'imported':
      return { status: 200, type: TYPES['.json'], body: importedArchive().body };
    case 'pictures':
      return { status: 200, type: TYPES['.json'], body: JSON.stringify(PICTURES_FEED, null, 2) };
    case 'hostile':
    case 'data-src': // never requested: the page must follow its data-src instead
      return { status: 200, type: TYPES['.json'], body: JSON.stringify(HOSTILE_FEED, null, 2) };
    default:
      return null;
  }
}

/** `&`, `<`, `>` and `"` as HTML entities, for a value inside an attribute's double quotes. */
export const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Start the server on 127.0.0.1 with an ephemeral port.
 * @returns {Promise<{url: string, close: () => Promise<void>, state: {flakyAvailable: boolean, requests: {method: string, path: string}[], faults: Fault[], clearFaults: () => void}, dist: string}>}
 */
export async function startServer({ dist = defaultDist() } = {}) {
  dist = path.resolve(dist);
  const indexFile = path.join(dist, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(
      `e2e: no ${indexFile}. Build the release bundle first (trunk build --release) ` +
      'or point NEWSROOM_DIST at a directory holding index.html and feed.json.',
    );
  }
  // `pagedHeld`: while set, `paged`'s second page waits for `releasePaged()`;
  // `siteHeld`: `site`'s feed.json waits for `releaseSite()`; `siteFeedMissing`: it is a 404.
  const state = {
    flakyAvailable: false, requests: [], pagedHeld: false, pagedWaiting: [], missing: new Set(), faults: [],
    siteHeld: false, siteWaiting: [], siteFeedMissing: false,
  };
  state.releasePaged = () => {
    state.pagedHeld = false;
    for (const go of state.pagedWaiting.splice(0)) go();
  };
  state.releaseSite = () => {
    state.siteHeld = false;
    for (const go of state.siteWaiting.splice(0)) go();
  };
  state.clearFaults = () => {
    state.faults.length = 0;
  };

  const send = (req, res, status, type, body) => {
    res.writeHead(status, {
      'content-type': type,
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  // An answer computed but not sent yet, so a fault can send it its own way.
  const answer = (status, type, body, headers = {}) =>
    ({ status, type, body: Buffer.isBuffer(body) ? body : Buffer.from(body), headers });
  const notFound = () => answer(404, 'text/plain; charset=utf-8', 'Not Found');
  const headersOf = (a) => ({ 'content-type': a.type, 'content-length': a.body.length, 'cache-control': 'no-store', ...a.headers });
  const reply = (req, res, a) => {
    for (const [name, value] of Object.entries(a.headers)) res.setHeader(name, value);
    return send(req, res, a.status, a.type, a.body);
  };

  const fileAnswer = (rel) => {
    const file = path.resolve(dist, '.' + path.posix.normalize('/' + rel));
    if (file !== dist && !file.startsWith(dist + path.sep)) {
      return answer(403, 'text/plain; charset=utf-8', 'Forbidden');
    }
    let target = file;
    try {
      if (fs.statSync(target).isDirectory()) target = path.join(target, 'index.html');
      const body = fs.readFileSync(target);
      const type = TYPES[path.extname(target).toLowerCase()] || 'application/octet-stream';
      return answer(200, type, body);
    } catch {
      return notFound();
    }
  };
  const sendFile = (req, res, rel) => reply(req, res, fileAnswer(rel));

  // A slow network: the length up front, then `chunk` bytes every `every` ms.
  const pace = (res, a, chunk, every) => {
    res.writeHead(a.status, headersOf(a));
    res.flushHeaders();
    let at = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      res.write(a.body.subarray(at, at + chunk));
      at += chunk;
      if (at >= a.body.length) {
        clearInterval(timer);
        res.end();
      }
    }, every);
    res.on('close', () => clearInterval(timer));
  };

  // A page of compact lists only, as a host writes one: without index.html's
  // preloads of the app, which is for a full page.
  const compactOnly = (page) => page.replace(/\n\s*<link rel="(?:modulepreload|preload)" href="newsroom-app[^"]*"[^>]*>/g, '');

  // `/NAME/with.html?k=v&…`: the page with `data-k="v"` on its mount element; `two=1`
  // puts a compact list of three on the same bundle before it.
  const withPage = (url) => {
    const query = new URL(url, 'http://127.0.0.1').searchParams;
    let attrs = '';
    for (const [name, value] of query) {
      if (name === 'two') continue;
      // Not escaped but refused: a name with spaces or quotes would be several attributes.
      if (!/^[a-z0-9-]+$/i.test(name)) return answer(400, 'text/plain; charset=utf-8', `Bad attribute name: ${name}`);
      attrs += `data-${name}="${escapeAttr(value)}" `;
    }
    const index = fs.readFileSync(indexFile, 'utf8');
    const page = query.get('layout') === 'compact' ? compactOnly(index) : index;
    if (query.get('two') !== '1') return answer(200, TYPES['.html'], page.replace('<div data-newsroom ', `<div data-newsroom ${attrs}`));
    const two = page.replace(/<div data-newsroom ([^>]*)><\/div>/, (_, own) =>
      `<div data-newsroom data-layout="compact" data-limit="3" ${attrs}${own}></div>\n      <div data-newsroom ${attrs}${own}></div>`);
    return answer(200, TYPES['.html'], two);
  };

  /**
   * What the server answers to a GET of `pathname`, unsent; null for the
   * `/NAME` redirect, the only answer that is not a status, headers and body.
   * Held, delayed and paced answers are given here as they end up: the
   * handler holds, delays or paces them.
   */
  const answerFor = (url, pathname) => {
    if (HOST_PAGES[pathname] || pathname.startsWith('/host-assets/')) {
      const file = path.join(HOST_DIR, HOST_PAGES[pathname] || path.basename(pathname));
      if (!fs.existsSync(file)) return notFound();
      return answer(200, TYPES[path.extname(file)] || 'application/octet-stream', fs.readFileSync(file), { 'content-security-policy': HOST_CSP });
    }
    if (pathname.startsWith('/assets/newsroom/')) return fileAnswer(pathname.slice('/assets/newsroom/'.length));
    if (pathname === '/news/feed.json') return fileAnswer('feed.json');
    // The sample's relative image addresses resolve against the host page.
    const hostImages = /^\/(about|zh)\/news\/(images\/.*)$/.exec(pathname);
    if (hostImages) return fileAnswer(hostImages[2]);
    const m = /^\/([^/]+)(\/.*)?$/.exec(pathname);
    if (!m || !SCENARIOS.includes(m[1])) return fileAnswer(pathname);
    const rest = m[2];
    if (rest === undefined) return null;
    if (rest === '/with.html') return withPage(url);
    if (m[1] === 'site' && rest === '/feed.json') {
      if (state.siteFeedMissing) return notFound();
      // A page that would lead outside the site, which the app must ignore.
      const feed = JSON.parse(fs.readFileSync(path.join(staticSite('site').dir, 'feed.json'), 'utf8'));
      for (const item of feed.items) if (item.id === 'site-note') item._newsroom.page = '../outside/';
      return answer(200, TYPES['.json'], JSON.stringify(feed));
    }
    if ((rest === '/' || rest === '/index.html') && m[1] === 'data-src') {
      const page = fs.readFileSync(indexFile, 'utf8').replace('<div data-newsroom ', `<div data-newsroom data-src="${DATA_SRC}" `);
      return answer(200, TYPES['.html'], page);
    }
    // `/archive/older.html`: the archive as an older `newsroom build` named its index:
    // `feed-older.json` (the first page) points at a summary of format version 2.
    if (m[1] === 'archive' && rest === '/older.html') {
      const page = fs.readFileSync(indexFile, 'utf8').replace('<div data-newsroom ', '<div data-newsroom data-src="feed-older.json" ');
      return answer(200, TYPES['.html'], page);
    }
    if (m[1] === 'archive' && rest === '/feed-older.json') {
      const feed = JSON.parse(fs.readFileSync(path.join(archiveBuild().dir, 'feed.json'), 'utf8'));
      feed._newsroom.index = 'index/summary-older.json';
      return answer(200, TYPES['.json'], JSON.stringify(feed));
    }
    if (m[1] === 'archive' && rest === '/index/summary-older.json') {
      const feed = JSON.parse(fs.readFileSync(path.join(archiveBuild().dir, 'feed.json'), 'utf8'));
      const summary = JSON.parse(fs.readFileSync(path.join(archiveBuild().dir, feed._newsroom.index), 'utf8'));
      return answer(200, TYPES['.json'], JSON.stringify({ ...summary, version: 2 }));
    }
    // `/archive/compact.html?category=…`: the compact layout of one category, on the archive.
    if (rest === '/compact.html' && m[1] === 'archive') {
      const category = new URL(url, 'http://127.0.0.1').searchParams.get('category') || '';
      const attrs = `data-layout="compact" data-limit="8"${category ? ` data-category="${category.replace(/"/g, '&quot;')}"` : ''}`;
      const page = compactOnly(fs.readFileSync(indexFile, 'utf8')).replace('<div data-newsroom ', `<div data-newsroom ${attrs} `);
      return answer(200, TYPES['.html'], page);
    }
    // A built static site as a static host serves it (a folder's index.html for
    // the folder); the app's files, which the build does not write, from dist.
    if (STATIC_SITES[m[1]]) {
      const root = staticSite(m[1]).dir;
      const file = path.resolve(root, '.' + path.posix.normalize(rest.endsWith('/') ? `${rest}index.html` : rest));
      if (file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        // `site`'s pages under a host's strict policy: what they carry needs no inline script.
        const headers = m[1] === 'site' && file.endsWith('.html') ? { 'content-security-policy': HOST_CSP } : {};
        return answer(200, TYPES[path.extname(file)] || (file.endsWith('.atom') ? 'application/atom+xml' : file.endsWith('.xml') ? 'application/xml' : 'application/octet-stream'), fs.readFileSync(file), headers);
      }
      return fileAnswer(rest);
    }
    if (rest === '/' || rest === '/index.html') return fileAnswer('index.html');
    // A built folder as a static host serves it; `state.missing` holds paths to answer 404.
    const built = { built: builtSite, archive: archiveBuild }[m[1]];
    if (built && /^\/(feed\.json|(pages|index)\/[a-z0-9-]*h[0-9a-f]{16}\.(json|bin))$/.test(rest)) {
      const file = path.join(built().dir, rest);
      if (state.missing.has(rest) || !fs.existsSync(file)) return notFound();
      return answer(200, TYPES[path.extname(file)] || 'application/octet-stream', fs.readFileSync(file));
    }
    if (m[1] === 'paged' && PAGED_FEED[rest]) return answer(200, TYPES['.json'], JSON.stringify(PAGED_FEED[rest], null, 2));
    if (m[1] === 'pictures' && rest === `/${SQUARE_PICTURE}`) return answer(200, TYPES['.svg'], SQUARE_SVG);
    if (m[1] === 'pictures' && rest.startsWith(`/${SLOW_PICTURES}`)) return fileAnswer(`images/${path.posix.basename(rest)}`);
    if (rest === '/feed.json' && m[1] === 'slow') return answer(200, TYPES['.json'], generatedFeeds().slow);
    if (rest === '/feed.json' && m[1] === 'net') return fileAnswer('feed.json');
    if (rest === '/feed.json') {
      const r = scenarioFeed(m[1], state);
      return answer(r.status, r.type, r.body);
    }
    return fileAnswer(rest);
  };

  /** Answers a request as `fault` says; false if it cannot (no plain answer to stall or slow down). */
  const injectFault = (req, res, pathname, fault) => {
    switch (fault.mode) {
      case 'never':
        // No timer to clear: the socket stays until the client goes or close() ends it.
        return true;
      case 'reset':
        req.socket.destroy();
        return true;
      case 'busy':
        if (fault.retryAfter !== undefined) res.setHeader('retry-after', fault.retryAfter);
        send(req, res, 503, 'text/plain; charset=utf-8', 'Service Unavailable');
        return true;
      case 'stall': {
        const a = answerFor(req.url, pathname);
        if (!a) return false;
        res.writeHead(a.status, headersOf(a));
        res.flushHeaders();
        // Always short of the whole body, so a small answer stalls too; never ended.
        res.write(a.body.subarray(0, Math.min(fault.stallAfter ?? 30_000, a.body.length - 1)));
        return true;
      }
      case 'slow': {
        const a = answerFor(req.url, pathname);
        if (!a) return false;
        const rate = fault.rate ?? 50_000;
        // In writes every 50 ms: 1/20 of the rate each.
        const timer = setTimeout(() => pace(res, a, Math.max(1, Math.round(rate / 20)), 50), fault.latency ?? 400);
        res.on('close', () => clearTimeout(timer));
        return true;
      }
      default:
        send(req, res, 500, 'text/plain; charset=utf-8', `Unknown fault mode: ${fault.mode}`);
        return true;
    }
  };

  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return send(req, res, 400, 'text/plain; charset=utf-8', 'Bad Request');
    }
    state.requests.push({ method: req.method, path: req.url });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(req, res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
    }
    // A fault stands for the network: it comes before whatever the path would answer.
    const fault = state.faults.find((f) => {
      f.path.lastIndex = 0; // a /g or /y regexp would otherwise match every other time
      return f.path.test(pathname);
    });
    if (fault) {
      fault.hits = (fault.hits ?? 0) + 1;
      if (fault.hits <= (fault.times ?? Infinity) && injectFault(req, res, pathname, fault)) return;
    }
    const m = /^\/([^/]+)(\/.*)?$/.exec(pathname);
    const scenario = m && SCENARIOS.includes(m[1]) ? m[1] : null;
    const rest = m?.[2];
    if (scenario && rest === undefined) {
      // `/flaky` -> `/flaky/` so relative URLs resolve inside the scenario.
      const u = new URL(req.url, 'http://127.0.0.1');
      res.writeHead(301, { location: `/${scenario}/${u.search}`, 'cache-control': 'no-store' });
      return res.end();
    }
    if (scenario === 'paged' && rest === '/feed-2.json' && state.pagedHeld) {
      return state.pagedWaiting.push(() => reply(req, res, answerFor(req.url, pathname)));
    }
    if (scenario === 'site' && rest === '/feed.json' && state.siteHeld) {
      return state.siteWaiting.push(() => reply(req, res, answerFor(req.url, pathname)));
    }
    if (scenario === 'pictures' && rest.startsWith(`/${SLOW_PICTURES}`)) {
      const timer = setTimeout(() => reply(req, res, answerFor(req.url, pathname)), PICTURE_DELAY_MS);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    // `slow`'s bundle: 32 KiB every 15 ms.
    if (scenario === 'slow' && rest === '/feed.json') return pace(res, answerFor(req.url, pathname), 32_768, 15);
    return reply(req, res, answerFor(req.url, pathname));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}`;
  const close = () => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
  return { url, close, state, dist, prepareGenerated: generatedFeeds };
}

// A host website for the tests of `data-src` addresses: pages at `/`,
// `/about/`, `/about/index.html` and one under `<base href="/about/">`, each
// with one mount element per `src` in its query, and one kind of bundle
// (a single bundle, a paged feed or a pre-built archive) served in every
// folder a host's address may lead to. Anything else is a 404, so a wrongly
// resolved address fails the test (the `pageHealth` fixture fails on any
// failed load). The same files are served over HTTPS on a second port (a
// self-signed certificate for localhost, in tls/), with CORS headers, for the
// forms that name another origin.

import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { builtSite, defaultDist, escapeAttr, PAGED_FEED, TYPES } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Where the bundle of each kind is served: every folder the tests' addresses resolve to. */
export const BUNDLE_FOLDERS = ['/', '/news/', '/about/', '/about/news/'];

/** The pages, by path: the folder their relative addresses resolve against, and a `<base href>` if any. */
export const PAGES = {
  '/': { folder: '/' },
  '/about/': { folder: '/about/' },
  '/about/index.html': { folder: '/about/' },
  '/elsewhere/page.html': { folder: '/about/', base: '/about/' },
};

/** `single`: a bundle of three articles whose feed title names the folder it was served from. */
export const SINGLE_TITLES = ['Kiln upgrade completed', 'Delegation visits the plant', 'New chromium oxide line'];
const singleFeed = (folder) => JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: `News at ${folder}`,
  items: SINGLE_TITLES.map((title, n) => ({
    id: `single-${n}`, title, date_published: `2024-05-0${n + 1}`, content_text: `${title}.`,
  })),
});

/** A kind's file at `rel` inside a bundle folder: [type, body], or null. */
function kindFile(kind, folder, rel) {
  if (kind === 'single') return rel === 'feed.json' ? [TYPES['.json'], singleFeed(folder)] : null;
  if (kind === 'paged') {
    const page = PAGED_FEED[`/${rel}`];
    return page ? [TYPES['.json'], JSON.stringify({ ...page, title: `News at ${folder}` })] : null;
  }
  // `archive`: the folder `newsroom build` wrote, its pages and index in folders of their own.
  if (!/^(feed\.json|(pages|index)\/[a-z0-9-]*h[0-9a-f]{16}\.(json|bin))$/.test(rel)) return null;
  const file = path.join(builtSite().dir, rel);
  return fs.existsSync(file) ? [TYPES[path.extname(file)] || 'application/octet-stream', fs.readFileSync(file)] : null;
}

/** A page with one full instance per `src` in its query. */
function pageHtml(page, query) {
  const mounts = query.getAll('src').map((src) => `<div data-newsroom data-src="${escapeAttr(src)}"></div>`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Site page</title>${page.base ? `\n    <base href="${page.base}">` : ''}
    <link rel="stylesheet" href="/assets/newsroom/newsroom.css">
    <script type="module" src="/assets/newsroom/newsroom.js"></script>
  </head>
  <body>
    <main>
    ${mounts}
    </main>
  </body>
</html>`;
}

/**
 * Starts the site for one `kind` (`single`, `paged` or `archive`) on
 * 127.0.0.1: `url` over HTTP, `tlsPort` the same over HTTPS; `requests` logs
 * every request as `http://host/path` (with the scheme it came by).
 */
export async function startSite(kind, { dist = defaultDist() } = {}) {
  const requests = [];
  const handler = (scheme) => (req, res) => {
    const url = new URL(req.url, `${scheme}://${req.headers.host}`);
    requests.push(`${url.origin}${url.pathname}`);
    const send = (status, type, body) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
      res.end(body);
    };
    const p = url.pathname;
    if (PAGES[p]) return send(200, TYPES['.html'], pageHtml(PAGES[p], url.searchParams));
    if (p.startsWith('/assets/newsroom/') && !p.includes('..')) {
      const file = path.join(dist, p.slice('/assets/newsroom/'.length));
      if (fs.existsSync(file)) return send(200, TYPES[path.extname(file)] || 'application/octet-stream', fs.readFileSync(file));
    }
    for (const folder of BUNDLE_FOLDERS) {
      const found = p.startsWith(folder) && kindFile(kind, folder, p.slice(folder.length));
      if (found) return send(200, ...found);
    }
    send(404, 'text/plain; charset=utf-8', 'Not Found');
  };
  const plain = http.createServer(handler('http'));
  const tls = https.createServer({
    key: fs.readFileSync(path.join(HERE, 'tls', 'localhost.key')),
    cert: fs.readFileSync(path.join(HERE, 'tls', 'localhost.crt')),
  }, handler('https'));
  const listen = (server) => new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
  const port = await listen(plain);
  const tlsPort = await listen(tls);
  const close = () => Promise.all([plain, tls].map((s) => new Promise((resolve) => {
    s.close(() => resolve());
    s.closeAllConnections?.();
  })));
  return { url: `http://127.0.0.1:${port}`, port, tlsPort, requests, close };
}

// Static server for `make bench`, on 127.0.0.1 with an ephemeral port.
//
//   /n<SIZE>/            a snapshot of the release build (dist/), feed.json = the generated bundle
//   /a<SIZE>/            the same snapshot, feed.json and the rest = a `newsroom build` folder
//   /peer<SIZE>/         tests/bench/peer/ (index.html, its scripts), same feed.json,
//                        minisearch.js = node_modules/minisearch/dist/es/index.js,
//                        flexsearch.js = node_modules/flexsearch's ES module bundle,
//                        newsroom.css = dist's stylesheet (both pages pay for the same CSS)
//
// Every answer has a Content-Length (so a page can show bytes of total) and
// `cache-control: no-store`. dist/ is copied to a temporary directory first, so
// a rebuild of dist/ during the run cannot mix two builds; the copy waits
// until dist/ looks complete (index.html and every file it references).

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

import { REPO_ROOT, TYPES, defaultDist } from '../e2e/server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PEER_DIR = path.join(HERE, 'peer');
export const MINISEARCH = path.join(REPO_ROOT, 'node_modules', 'minisearch', 'dist', 'es', 'index.js');
export const FLEXSEARCH = path.join(REPO_ROOT, 'node_modules', 'flexsearch', 'dist', 'flexsearch.bundle.module.min.mjs');


/** The files dist/index.html references (./name.js, ./name_bg.wasm, ./name.css). */
function referencedFiles(html) {
  return [...new Set([...html.matchAll(/["'(]\.?\/?([\w.-]+\.(?:js|wasm|css))["')]/g)].map((m) => m[1]))];
}

function distLooksComplete(dist) {
  try {
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const files = referencedFiles(html);
    return files.length > 0 && files.every((f) => fs.statSync(path.join(dist, f)).size > 0);
  } catch {
    return false;
  }
}

const listing = (dist) => fs.readdirSync(dist).filter((f) => f !== '.stage').sort().map((f) => {
  const s = fs.statSync(path.join(dist, f));
  return `${f}:${s.size}:${s.mtimeMs}`;
}).join('|');

/**
 * Copy dist/ (without its feed.json) to a temporary directory once it is
 * complete and unchanged for a moment (it may be mid-rebuild).
 */
export async function snapshotDist({ dist = defaultDist(), timeout = 300_000, stageTimeout = 120_000 } = {}) {
  const start = Date.now();
  for (;;) {
    // Trunk builds into dist/.stage and then moves the files: wait for it to
    // finish (unless the stage directory looks abandoned).
    const staging = fs.existsSync(path.join(dist, '.stage')) && Date.now() - start < stageTimeout;
    if (!staging && distLooksComplete(dist)) {
      const before = listing(dist);
      await new Promise((r) => setTimeout(r, 500));
      if (distLooksComplete(dist) && listing(dist) === before) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-dist-'));
        fs.cpSync(dist, dir, { recursive: true, filter: (src) => !['feed.json', '.stage'].includes(path.relative(dist, src)) });
        if (distLooksComplete(dir)) return dir;
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    if (Date.now() - start > timeout) {
      throw new Error(`bench: ${dist} has no complete release build (index.html and the files it references); run trunk build --release`);
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/**
 * @param {{ bundles: Map<number, Buffer>, dist: string, archives?: Map<number, string>, gzip?: boolean }} options
 *   dist: the snapshot to serve; archives: `newsroom build` folders by size, served as /a<SIZE>/
 *   (the page at /a<SIZE>/, its files beside it); gzip: compress what a client accepts gzipped
 *   (as a static host or CDN does), each file once.
 */
export async function startBenchServer({ bundles, dist, archives = new Map(), gzip = false }) {
  const css = fs.readdirSync(dist).find((f) => f.endsWith('.css'));
  const zipped = new WeakMap();

  const send = (req, res, status, type, body) => {
    const headers = { 'content-type': type, 'cache-control': 'no-store' };
    if (gzip && status === 200 && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      if (!zipped.has(body)) zipped.set(body, zlib.gzipSync(body, { level: 6 }));
      body = zipped.get(body);
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  // Files read once: the compressed copy is kept by identity.
  const files = new Map();
  const read = (file) => {
    if (!files.has(file)) files.set(file, fs.readFileSync(file));
    return files.get(file);
  };
  const sendFile = (req, res, file) => {
    try {
      return send(req, res, 200, TYPES[path.extname(file)] || 'application/octet-stream', read(file));
    } catch {
      return send(req, res, 404, 'text/plain; charset=utf-8', Buffer.from('Not Found'));
    }
  };
  const inside = (dir, rel) => {
    const file = path.resolve(dir, '.' + path.posix.normalize('/' + rel));
    return file === dir || file.startsWith(dir + path.sep) ? file : null;
  };

  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return send(req, res, 400, 'text/plain; charset=utf-8', Buffer.from('Bad Request'));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(req, res, 405, 'text/plain; charset=utf-8', Buffer.from('Method Not Allowed'));
    }
    const m = /^\/(n|peer|a)(\d+)(\/.*)?$/.exec(pathname);
    const known = m && (m[1] === 'a' ? archives.has(Number(m[2])) : bundles.has(Number(m[2])));
    if (!known) return send(req, res, 404, 'text/plain; charset=utf-8', Buffer.from('Not Found'));
    const [, kind, size, rest] = m;
    if (rest === undefined) {
      res.writeHead(301, { location: `/${kind}${size}/`, 'cache-control': 'no-store', 'content-length': 0 });
      return res.end();
    }
    if (kind === 'a' && rest !== '/' && !/\.(js|wasm|css)$/.test(rest)) {
      const file = inside(archives.get(Number(size)), rest);
      return file ? sendFile(req, res, file) : send(req, res, 403, 'text/plain; charset=utf-8', Buffer.from('Forbidden'));
    }
    if (rest === '/feed.json') return send(req, res, 200, TYPES['.json'], bundles.get(Number(size)));
    if (kind === 'n' || kind === 'a') {
      const file = inside(dist, rest === '/' ? 'index.html' : rest);
      return file ? sendFile(req, res, file) : send(req, res, 403, 'text/plain; charset=utf-8', Buffer.from('Forbidden'));
    }
    switch (rest) {
      case '/':
      case '/index.html': return sendFile(req, res, path.join(PEER_DIR, 'index.html'));
      case '/minisearch.js': return sendFile(req, res, MINISEARCH);
      case '/flexsearch.js': return sendFile(req, res, FLEXSEARCH);
      case '/newsroom.css': return css ? sendFile(req, res, path.join(dist, css)) : send(req, res, 200, TYPES['.css'], Buffer.alloc(0));
      default: {
        // The peer's own scripts.
        const file = /^\/[\w-]+\.js$/.test(rest) && path.join(PEER_DIR, rest);
        return file ? sendFile(req, res, file) : send(req, res, 404, 'text/plain; charset=utf-8', Buffer.from('Not Found'));
      }
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    }),
  };
}

// `make bench`, second part: a pre-built archive (`newsroom build`) against
// the single bundle of the same generated articles, served on loopback with
// gzip (as a static host or CDN serves them), cold cache, headless Chromium.
//
// Sizes: ARCHIVE_SIZES (default 1000,10000,100000); the single bundle only at
// SINGLE_SIZES (default 1000,10000: at 100,000 it is 255 MB of JSON).
// For each size and each form, fresh page loads:
//   - first article on screen (median of 3), and the data (JSON and index
//     files, not code) fetched before it, as sent (gzip);
//   - a query typed into a cold page, as a reader types (90 ms a key):
//     last keystroke → its first results on screen, and what the query
//     fetched (its shards, the cards shown; the facet table once, apart);
//   - long tasks (over 50 ms) from the query's first key to its results
//     (shards, cards and the facet table arriving meanwhile): the longest;
//   - the same query typed again key by key once cached: keystroke → DOM p95;
//   - wasm memory after the query.
// Prints a table and writes bench-archive.json at the repo root.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium } from '@playwright/test';

import { REPO_ROOT } from '../e2e/server.mjs';
import { generateFeed, serializeFeed } from './generate.mjs';
import { snapshotDist, startBenchServer } from './server.mjs';

const sizes = (env, fallback) => (env ? env.split(/[\s,]+/).filter(Boolean).map(Number) : fallback);
const ARCHIVE_SIZES = sizes(process.env.ARCHIVE_SIZES, [1_000, 10_000, 100_000]);
const SINGLE_SIZES = sizes(process.env.SINGLE_SIZES, [1_000, 10_000]);
const SEED = 20251125;
const LOADS = 3;
const KEY_GAP_MS = 90;
const QUERIES = { en: 'chromium slag', zh: '铬盐', char: '铬' };
const PHRASE = '铬盐生产';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const NEWSROOM = process.env.NEWSROOM_BIN || path.join(REPO_ROOT, 'target', 'release', 'newsroom');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--window-size=1200,900', '--enable-precise-memory-info',
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding'];

const OBSERVER = `(() => {
  addEventListener('newsroom:started', (e) => { window.__wasmMemory = e.detail && e.detail.wasm && e.detail.wasm.memory; });
  window.__longTasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    if (window.__firstArticle == null && document.querySelector('.newsroom__card')) window.__firstArticle = performance.now();
  }).observe(document, { childList: true, subtree: true });
})();`;

/** Data fetched (as sent, so gzip) by resources matching `pred`. */
function dataFetched(filter) {
  const entries = performance.getEntriesByType('resource').filter((e) => /\.(json|bin)(\?|$)/.test(e.name));
  const pick = entries.filter((e) => (filter.before == null || e.responseEnd <= filter.before) && (filter.after == null || e.startTime >= filter.after));
  const bytes = (list) => list.reduce((n, e) => n + e.encodedBodySize, 0);
  const facets = pick.filter((e) => /\/facets-/.test(e.name));
  return { bytes: bytes(pick), requests: pick.length, facets: bytes(facets), withoutFacets: bytes(pick) - bytes(facets),
    files: pick.map((e) => `${e.name.replace(/^.*\/(index|pages)\//, '$1/').replace(/^https?:\/\/[^/]+\/[^/]+\//, '')} ${e.encodedBodySize}`) };
}

/** Types `query` as a reader does, then waits for its results: ms from the last key. */
async function typeCold([query, gap]) {
  const box = document.querySelector('input[type=search].newsroom__search');
  const count = () => (document.querySelector('.newsroom__count') || {}).textContent || '';
  const before = count();
  const t0 = performance.now();
  for (let i = 1; i <= query.length; i++) {
    box.value = query.slice(0, i);
    box.dispatchEvent(new Event('input', { bubbles: true }));
    if (i < query.length) await new Promise((r) => setTimeout(r, gap));
  }
  const last = performance.now();
  // Its results: a new count and marked matches, nothing left waiting.
  await new Promise((resolve) => {
    const check = () => {
      const done = count() !== before && document.querySelector('.newsroom__card mark') && !document.querySelector('.newsroom__waiting');
      if (done) return resolve();
      requestAnimationFrame(check);
    };
    check();
  });
  const results = performance.now() - last;
  // Then what follows the results (the facet table, cards) has arrived too.
  await new Promise((resolve) => {
    const idle = () => (document.querySelector('.newsroom__fetching') ? requestAnimationFrame(idle) : resolve());
    idle();
  });
  return { first: t0, last, results, count: count().trim() };
}

/** Types `query` key by key, a frame apart: each keystroke → DOM updated. */
async function typeCached(query) {
  const settle = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const box = document.querySelector('input[type=search].newsroom__search');
  box.value = '';
  box.dispatchEvent(new Event('input', { bubbles: true }));
  await frame();
  const out = [];
  for (let i = 1; i <= query.length; i++) {
    await frame();
    const t0 = performance.now();
    box.value = query.slice(0, i);
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    void document.body.offsetHeight;
    out.push(performance.now() - t0);
  }
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]; };
const kb = (n) => (n == null ? 'n/a' : `${(n / 1024).toFixed(1)} KB`);
const ms = (x) => (x == null ? 'n/a' : `${x.toFixed(0)} ms`);
const mb = (n) => (n == null ? 'n/a' : `${(n / 1024 / 1024).toFixed(1)} MB`);

// ----------------------------------------------------------------- build --

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-archive-'));
const bundles = new Map();
const archives = new Map();
const buildInfo = {};
for (const n of [...new Set([...ARCHIVE_SIZES, ...SINGLE_SIZES])].sort((a, b) => a - b)) {
  const body = Buffer.from(serializeFeed(generateFeed(n, SEED)));
  if (SINGLE_SIZES.includes(n)) bundles.set(n, body);
  if (!ARCHIVE_SIZES.includes(n)) continue;
  const file = path.join(work, `archive-${n}.json`);
  fs.writeFileSync(file, body);
  const out = path.join(work, `site-${n}`);
  const t0 = Date.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', NEWSROOM, 'build', file, '--out', out], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`newsroom build ${n}: ${run.stderr}`);
  const rssKb = Number(run.stderr.trim().split('\n').pop());
  buildInfo[n] = { seconds: (Date.now() - t0) / 1000, maxRssMb: rssKb / 1024, files: fs.readdirSync(path.join(out, 'index')).length };
  console.error(`bench: newsroom build ${n}: ${buildInfo[n].seconds.toFixed(1)} s, ${buildInfo[n].maxRssMb.toFixed(0)} MB, ${buildInfo[n].files} index files`);
  archives.set(n, out);
  fs.rmSync(file);
}

const dist = await snapshotDist();
const server = await startBenchServer({ bundles, dist, archives, gzip: true });
const results = {};
const errors = [];
let browser;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  const runs = [...ARCHIVE_SIZES.map((n) => ['archive', n]), ...SINGLE_SIZES.map((n) => ['single', n])];
  for (const [form, n] of runs) {
    const url = `${server.url}/${form === 'archive' ? 'a' : 'n'}${n}/`;
    const r = (results[`${form} ${n}`] = { form, n });
    // A fresh context each load: a cold cache.
    const fresh = async () => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      await context.addInitScript(OBSERVER);
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load', timeout: 180_000 });
      await page.waitForFunction(() => window.__firstArticle != null
        && !document.querySelector('.newsroom__progress, .newsroom__loading, .newsroom__indexing, .newsroom__paging'), null, { timeout: 300_000, polling: 50 });
      return { context, page };
    };
    try {
      const firsts = [];
      for (let i = 0; i < LOADS; i++) {
        const { context, page } = await fresh();
        const first = await page.evaluate(() => window.__firstArticle);
        firsts.push(first);
        if (i === 0) r.firstData = await page.evaluate(dataFetched, { before: first });
        await context.close();
      }
      r.firstArticle = median(firsts);
      r.firstSamples = firsts;
      for (const [lang, query] of Object.entries({ ...QUERIES, phrase: PHRASE })) {
        const { context, page } = await fresh();
        const cold = await page.evaluate(typeCold, [query, KEY_GAP_MS]);
        const fetched = await page.evaluate(dataFetched, { after: cold.first });
        const longTasks = await page.evaluate((from) => window.__longTasks.filter(([at]) => at >= from).map(([, d]) => d), cold.first);
        const cached = await page.evaluate(typeCached, query);
        const memory = await page.evaluate(() => window.__wasmMemory && window.__wasmMemory.buffer.byteLength);
        r[lang] = { query, results: cold.results, count: cold.count, fetched, longest: Math.max(0, ...longTasks), longTasks,
          cachedP95: p95(cached), cached, wasm: memory };
        await context.close();
      }
    } catch (err) {
      errors.push(`${form} ${n}: ${String(err.message || err).split('\n')[0]}`);
      console.error(`bench: ${form} ${n}: FAILED: ${err.message}`);
    }
    console.error(`bench: ${form} ${n} done`);
  }
} finally {
  if (browser) await browser.close();
  await server.close();
  fs.rmSync(dist, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
}

// ------------------------------------------------------------------ table --

const rows = [['form', 'articles', 'first article', 'data before it', 'query', 'results after last key', 'fetched (without facet table)', 'facet table',
  'longest task while querying (0 = none over 50 ms)', 'cached keystroke p95', 'wasm memory']];
for (const r of Object.values(results)) {
  for (const lang of [...Object.keys(QUERIES), 'phrase']) {
    const q = r[lang];
    rows.push([r.form, r.n.toLocaleString('en-US'), ms(r.firstArticle), kb(r.firstData && r.firstData.bytes),
      q ? q.query : 'n/a', ms(q && q.results), q ? `${kb(q.fetched.withoutFacets)} (${q.fetched.requests} files)` : 'n/a',
      kb(q && q.fetched.facets), ms(q && q.longest), ms(q && q.cachedP95), mb(q && q.wasm)]);
  }
}
const width = rows[0].map((_, c) => Math.max(...rows.map((row) => [...row[c]].reduce((w, ch) => w + (/[\u2e80-\ua4cf]/u.test(ch) ? 2 : 1), 0))));
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, c) => cell + ' '.repeat(width[c] - [...cell].reduce((w, ch) => w + (/[\u2e80-\ua4cf]/u.test(ch) ? 2 : 1), 0))).join(' | '));
  if (i === 0) console.log(width.map((w) => '-'.repeat(w)).join('-|-'));
}
const a = (n) => results[`archive ${n}`];
const [small, big] = [Math.min(...ARCHIVE_SIZES), Math.max(...ARCHIVE_SIZES)];
if (a(small) && a(big) && small !== big) {
  const ratio = a(big).firstArticle / a(small).firstArticle;
  console.log(`\nfirst article, archive ${big.toLocaleString('en-US')} / ${small.toLocaleString('en-US')}: ${ratio.toFixed(2)}× (${((ratio - 1) * 100).toFixed(0)} %)`);
}
for (const [n, b] of Object.entries(buildInfo)) {
  console.log(`newsroom build ${Number(n).toLocaleString('en-US')}: ${b.seconds.toFixed(1)} s, ${b.maxRssMb.toFixed(0)} MB peak, ${b.files} index files`);
}
fs.writeFileSync(path.join(REPO_ROOT, 'bench-archive.json'), JSON.stringify({ date: new Date().toISOString(), seed: SEED, build: buildInfo, results, errors }, null, 2) + '\n');
console.log('\nwritten: bench-archive.json');
if (errors.length) {
  console.log(`${errors.length} measurement(s) failed:\n  ${errors.join('\n  ')}`);
  process.exitCode = 1;
}

// `make bench`: Newsroom's release build (dist/) against a peer page (plain
// JavaScript + MiniSearch, tests/bench/peer/) on generated bundles of 1,000 and
// 10,000 articles (tests/bench/generate.mjs), in one headless Chromium
// (Debian's /usr/bin/chromium, or $CHROMIUM) driven by Playwright's library API.
//
// BENCH_SIZES=1000 (comma-separated article counts) runs only those sizes, for a
// quick check: `BENCH_SIZES=1000 make bench`. The default is 1000,10000.
//
// For each bundle size and each page, with a fresh page load per group:
//   - first article on screen: navigation start → first .newsroom__card in the
//     DOM (MutationObserver installed before any page script), median of 3;
//     and search-ready: a card and no .newsroom__progress / __loading /
//     __indexing (peer: also window.__peerReady);
//   - memory after load (after ready, after a forced GC): JS heap
//     (--enable-precise-memory-info) and, for ours, the wasm memory;
//   - keystroke → updated DOM, p50 / p95, an English and a Chinese query typed
//     key by key 3 times: set input.value, dispatch `input`, wait for a
//     MessageChannel message (microtasks, where Leptos patches the DOM, have
//     run), force layout, performance.now();
//   - long tasks (over 50 ms) while the page loads, builds its index and is
//     typed into at once (the English query, as soon as the first card shows):
//     how many, and the longest;
//   - category filter → updated DOM, median of 5 picks;
//   - sizes: wasm / js / css (raw, gzip -9 and brotli -q 11, by
//     tests/size/sizes.mjs as `make size` measures them); peer.js + minisearch.
// Prints a table (metric | bundle size | ours | peer | ratio) and writes
// bench-results.json at the repo root. A measurement that fails is reported
// and the run goes on; the exit code is then 1.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { chromium } from '@playwright/test';

import { REPO_ROOT } from '../e2e/server.mjs';
import { ENTRIES, measure, sizeOf } from '../size/sizes.mjs';
import { generateFeed, serializeFeed } from './generate.mjs';
import { MINISEARCH, PEER_DIR, snapshotDist, startBenchServer } from './server.mjs';

const SIZES = parseSizes(process.env.BENCH_SIZES, [1_000, 10_000]);
const SEED = 20251125;
const LOADS = 3;
const REPS = 3;
const QUERIES = { en: 'chromium slag', zh: '铬盐生产' }; // the generator guarantees both occur
const PICKS = ['Products', 'Safety', 'Company News', 'Events', 'Sustainability'];
const APPS = [
  { name: 'ours', path: (n) => `/n${n}/` },
  { name: 'peer', path: (n) => `/peer${n}/` },
];
const READY_TIMEOUT_MS = 120_000; // navigation, and a load until ready for search
const GROUP_TIMEOUT_MS = 300_000; // page.evaluate has no timeout of its own: a whole group
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// What the bench needs, and what keeps Debian's Chromium off the network.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--window-size=1200,900',
  '--enable-precise-memory-info', '--disable-background-timer-throttling', '--disable-renderer-backgrounding',
];
const VIEWPORT = { width: 1200, height: 900 };

function parseSizes(env, fallback) {
  if (env == null || !env.trim()) return fallback;
  const sizes = env.split(/[\s,]+/).filter(Boolean).map((s) => Number(s.replace(/_/g, '')));
  if (!sizes.length || !sizes.every((n) => Number.isInteger(n) && n > 0)) {
    console.error(`bench: BENCH_SIZES=${JSON.stringify(env)}: expected article counts such as 1000,10000`);
    process.exit(2);
  }
  return [...new Set(sizes)];
}

// Installed before any page script of every document.
const OBSERVER = `(() => {
  if (window.top !== window) return;
  addEventListener('newsroom:started', (e) => { window.__wasmMemory = e.detail && e.detail.wasm && e.detail.wasm.memory; });
  const BLOCKERS = '.newsroom__progress, .newsroom__loading, .newsroom__indexing';
  // The longest main-thread task from navigation to ready (Long Tasks API: > 50 ms only),
  // and every long task of the visit.
  window.__longestTask = 0;
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
      if (window.__readyAt != null) return;
      for (const e of list.getEntries()) window.__longestTask = Math.max(window.__longestTask, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch (_) { window.__longestTask = null; window.__longTasks = null; }
  const obs = new MutationObserver(() => {
    const card = document.querySelector('.newsroom__card');
    if (card && window.__firstArticle == null) window.__firstArticle = performance.now();
    const ready = !!card && !document.querySelector(BLOCKERS);
    if (!ready) window.__readyAt = null;
    else if (window.__readyAt == null) window.__readyAt = performance.now();
  });
  obs.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
  window.__benchStopObserver = () => obs.disconnect();
})();`;

// Also installed in every document: the synchronisation helpers the page
// functions below share (page.evaluate sends one function's source, no closure).
//   settle: a MessageChannel message has arrived, so the microtasks queued
//     before it (where Leptos patches the DOM) have run;
//   frame: a rendering opportunity, between measurements (never inside one).
const HELPERS = `(() => {
  window.__bench = {
    settle: () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); }),
    frame: () => new Promise((r) => { let d = false; const f = () => { if (!d) { d = true; setTimeout(r, 0); } }; requestAnimationFrame(f); setTimeout(f, 100); }),
    countText: () => ((document.querySelector('.newsroom__count') || {}).textContent || '').trim(),
    // The load state, polled until ready for search (or a page error).
    probe: () => ({ first: window.__firstArticle ?? null, ready: window.__readyAt ?? null, longest: window.__longestTask ?? null,
      peer: window.__peerReady === true, peerError: window.__peerError || null,
      error: (document.querySelector('.newsroom__error') || {}).textContent || null }),
  };
})();`;

// Types `query` key by key (a frame between keys, outside the measurement).
async function typeQuery(query) {
  const { settle, frame, countText } = window.__bench;
  const latencies = [];
  const chars = Array.from(query);
  for (let i = 1; i <= chars.length; i++) {
    await frame();
    const box = document.querySelector('input[type=search].newsroom__search');
    const t0 = performance.now();
    box.value = chars.slice(0, i).join('');
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    void document.body.offsetHeight;
    latencies.push(performance.now() - t0);
  }
  return { latencies, count: countText(), cards: document.querySelectorAll('.newsroom__card').length,
    marks: document.querySelectorAll('.newsroom__card mark').length };
}

async function clearQuery() {
  const { settle, frame, countText } = window.__bench;
  const box = document.querySelector('input[type=search].newsroom__search');
  box.value = '';
  box.dispatchEvent(new Event('input', { bubbles: true }));
  await settle();
  await frame();
  return countText();
}

async function pickCategories(picks) {
  const { settle, frame, countText } = window.__bench;
  const select = () => document.querySelector('select.newsroom__filter[name=category]');
  const reset = async () => {
    const s = select();
    s.value = '';
    s.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    await frame();
  };
  const out = [];
  for (const pick of picks) {
    await reset();
    const s = select();
    const t0 = performance.now();
    s.value = pick;
    const valid = s.value === pick;
    s.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    void document.body.offsetHeight;
    const ms = performance.now() - t0;
    const cats = Array.from(document.querySelectorAll('.newsroom__card .newsroom__card-category'), (e) => e.textContent.trim());
    out.push({ pick, ms, valid, count: countText(), cards: cats.length, allMatch: cats.length > 0 && cats.every((c) => c === pick) });
  }
  await reset();
  return out;
}

// ---------------------------------------------------------------- helpers --

const median = (xs) => pct(xs, 50);
function pct(xs, p) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const rank = (p / 100) * (s.length - 1); // linear interpolation between closest ranks
  const lo = Math.floor(rank);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (rank - lo);
}
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

// Code sizes are measured the one way `make size` and the budget test use.


const fileSize = (file) => ({ file: path.relative(REPO_ROOT, file) || file, ...sizeOf(fs.readFileSync(file)) });

/** The full app's sizes by kind: wasm / js / css (several files of a kind, newsroom.js and newsroom-app.js, add up); code = wasm + js. */
function distSizes(dist) {
  const { files, total } = measure(dist);
  const out = { files };
  for (const [name, size] of Object.entries(files)) {
    // The headlines entry's files: no part of the page measured here.
    if (!ENTRIES.full.includes(name) && !name.endsWith('.css')) continue;
    const ext = path.extname(name).slice(1);
    const prev = out[ext];
    out[ext] = prev
      ? { file: `${prev.file} + ${name}`, ...Object.fromEntries(Object.keys(size).map((k) => [k, prev[k] + size[k]])) }
      : { file: name, ...size };
  }
  out.code = total;
  return out;
}

const fmt = {
  ms: (x) => (x == null ? 'n/a' : `${x.toFixed(1)} ms`),
  bytes: (n) => (n == null ? 'n/a' : n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`),
  ratio: (a, b) => (a == null || b == null || !b ? '' : `${(a / b).toFixed(2)}×`),
};

// ------------------------------------------------------------------- main --

const started = Date.now();
const errors = [];
const results = {};

console.error(`bench: generating bundles (seed ${SEED})…`);
const bundles = new Map();
const bundleInfo = {};
for (const n of SIZES) {
  const t0 = performance.now();
  const body = Buffer.from(serializeFeed(generateFeed(n, SEED)));
  bundles.set(n, body);
  bundleInfo[n] = { items: n, bytes: body.length, gzip: gz(body), generateMs: Math.round(performance.now() - t0) };
}

const dist = await snapshotDist();
const server = await startBenchServer({ bundles, dist });
let browser;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  const context = await browser.newContext({ viewport: VIEWPORT });
  context.setDefaultTimeout(READY_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(READY_TIMEOUT_MS);
  await context.addInitScript(OBSERVER);
  await context.addInitScript(HELPERS);

  // One tab for the whole run (as a user's), replaced only after a group failed in it.
  let page;
  let cdp;
  async function openPage() {
    if (page) await page.close().catch(() => {});
    page = await context.newPage();
    cdp = await context.newCDPSession(page);
  }
  await openPage();

  /** A fresh load of `app` with `n` articles; resolves once it is ready for search. */
  async function load(app, n) {
    await page.goto(`${server.url}${app.path(n)}`, { waitUntil: 'load' });
    let state;
    for (let attempt = 0; attempt < 20; attempt++) {
      const handle = await page.waitForFunction((peer) => {
        const s = window.__bench.probe();
        return s.error || s.peerError || (s.ready != null && (!peer || s.peer)) ? s : null;
      }, app.name === 'peer', { polling: 50, timeout: READY_TIMEOUT_MS })
        .catch((err) => { throw new Error(`${app.name} ${n}: not ready for search: ${err.message}`); });
      state = await handle.jsonValue();
      await handle.dispose();
      const fatal = state.error || state.peerError;
      if (fatal) throw new Error(`page error: ${String(fatal).trim().slice(0, 300)}`);
      // Stable: still ready, and since the same moment, a little later.
      await new Promise((r) => setTimeout(r, 300));
      const again = await page.evaluate(() => window.__bench.probe());
      if (again.ready === state.ready) break;
    }
    await page.evaluate(() => window.__benchStopObserver && window.__benchStopObserver());
    return state;
  }

  async function group(n, app, name, fn) {
    const t0 = Date.now();
    let timer;
    try {
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${GROUP_TIMEOUT_MS / 1000} s`)), GROUP_TIMEOUT_MS);
      });
      return await Promise.race([fn(), timeout]);
    } catch (err) {
      const message = String(err && err.message || err).split('\n').slice(0, 3).join(' | ');
      errors.push({ size: n, app: app.name, group: name, message });
      console.error(`bench: ${app.name} ${n} ${name}: FAILED: ${message}`);
      await openPage().catch((e) => console.error(`bench: cannot open a new page: ${e.message}`));
      return null;
    } finally {
      clearTimeout(timer);
      console.error(`bench: ${app.name} ${n} ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  }

  for (const n of SIZES) {
    results[n] = {};
    for (const app of APPS) {
      const r = (results[n][app.name] = {});
      await group(n, app, 'load', async () => {
        const firsts = [];
        const readies = [];
        const longest = [];
        for (let i = 0; i < LOADS; i++) {
          const s = await load(app, n);
          firsts.push(s.first);
          readies.push(s.ready);
          longest.push(s.longest);
        }
        r.longestTaskMs = { max: Math.max(...longest.map((x) => x || 0)), samples: longest };
        r.firstArticleMs = { median: median(firsts), samples: firsts };
        r.readyMs = { median: median(readies), samples: readies };
        // Memory of the last load, after ready and a full GC.
        await cdp.send('HeapProfiler.collectGarbage');
        const m = await page.evaluate(() => ({ jsHeap: performance.memory ? performance.memory.usedJSHeapSize : null,
          wasm: window.__wasmMemory && window.__wasmMemory.buffer ? window.__wasmMemory.buffer.byteLength : null }));
        r.memory = { ...m, total: (m.jsHeap || 0) + (m.wasm || 0) };
      });
      await group(n, app, 'typing', async () => {
        await load(app, n);
        r.typing = {};
        for (const [lang, query] of Object.entries(QUERIES)) {
          const samples = [];
          let last;
          for (let rep = 0; rep < REPS; rep++) {
            last = await page.evaluate(typeQuery, query);
            samples.push(...last.latencies);
            await page.evaluate(clearQuery);
          }
          r.typing[lang] = {
            query, p50: pct(samples, 50), p95: pct(samples, 95), samples,
            count: last.count, found: Number(((/^([\d,]+)/.exec(last.count) || [])[1] ?? 'NaN').replaceAll(',', '')), cards: last.cards, marks: last.marks,
          };
        }
      });
      await group(n, app, 'typing while loading', async () => {
        await page.goto(`${server.url}${app.path(n)}`, { waitUntil: 'commit' });
        await page.waitForFunction(() => window.__firstArticle != null && document.querySelector('input[type=search].newsroom__search'),
          null, { polling: 'raf', timeout: READY_TIMEOUT_MS });
        const typed = await page.evaluate(typeQuery, QUERIES.en);
        await page.waitForFunction((peer) => { const s = window.__bench.probe(); return s.ready != null && (!peer || s.peer); },
          app.name === 'peer', { polling: 50, timeout: READY_TIMEOUT_MS });
        const tasks = await page.evaluate(() => window.__longTasks);
        if (tasks == null) throw new Error('this Chromium has no Long Tasks API');
        r.busy = { query: QUERIES.en, count: tasks.length, longest: Math.max(0, ...tasks), tasks, keystrokes: typed.latencies };
      });
      await group(n, app, 'filter', async () => {
        await load(app, n);
        const picks = await page.evaluate(pickCategories, PICKS);
        r.filter = { median: median(picks.map((p) => p.ms)), picks };
        const bad = picks.filter((p) => !p.valid || !p.allMatch);
        if (bad.length) r.filter.problems = bad.map((p) => `${p.pick}: ${!p.valid ? 'no such option' : 'cards of other categories shown'}`);
      });
    }
  }
} finally {
  if (browser) await browser.close();
  await server.close();
}

const sizes = {
  ours: distSizes(dist),
  peer: { 'peer.js': fileSize(path.join(PEER_DIR, 'peer.js')), minisearch: fileSize(MINISEARCH) },
};
fs.rmSync(dist, { recursive: true, force: true });
sizes.peer.code = Object.fromEntries(Object.keys(sizes.peer['peer.js']).filter((k) => k !== 'file')
  .map((k) => [k, sizes.peer['peer.js'][k] + sizes.peer.minisearch[k]]));
const BROTLI = sizes.ours.code.brotli != null; // tests/size/sizes.mjs measures it

// ------------------------------------------------------------------ table --

const rows = [];
const row = (metric, size, ours, peer, ratio) => rows.push({ metric, size, ours, peer, ratio });
const get = (obj, ...keys) => keys.reduce((o, k) => (o == null ? o : o[k]), obj);
const timed = (metric, n, ...keys) => {
  const o = get(results, n, 'ours', ...keys);
  const p = get(results, n, 'peer', ...keys);
  row(metric, n, fmt.ms(o), fmt.ms(p), fmt.ratio(o, p));
};
for (const n of SIZES) {
  const b = bundleInfo[n];
  row('feed.json (raw / gzip)', n, `${fmt.bytes(b.bytes)} / ${fmt.bytes(b.gzip)}`, 'same', '');
  timed(`first article on screen (median of ${LOADS})`, n, 'firstArticleMs', 'median');
  timed(`ready for search (median of ${LOADS})`, n, 'readyMs', 'median');
  timed(`longest main-thread task until ready (max of ${LOADS}; 0 = none over 50 ms)`, n, 'longestTaskMs', 'max');
  const bo = get(results, n, 'ours', 'busy');
  const bp = get(results, n, 'peer', 'busy');
  row(`long tasks over 50 ms, typing "${QUERIES.en}" while loading (count)`, n, bo ? String(bo.count) : 'n/a', bp ? String(bp.count) : 'n/a', '');
  timed(`  the longest of them (0 = none)`, n, 'busy', 'longest');
  for (const lang of Object.keys(QUERIES)) {
    timed(`keystroke → DOM "${QUERIES[lang]}" p50`, n, 'typing', lang, 'p50');
    timed(`keystroke → DOM "${QUERIES[lang]}" p95`, n, 'typing', lang, 'p95');
  }
  for (const lang of Object.keys(QUERIES)) {
    const o = get(results, n, 'ours', 'typing', lang);
    const p = get(results, n, 'peer', 'typing', lang);
    row(`count after "${QUERIES[lang]}"`, n, o ? o.count : 'n/a', p ? p.count : 'n/a', fmt.ratio(o && o.found, p && p.found));
  }
  timed(`category filter → DOM (median of ${PICKS.length})`, n, 'filter', 'median');
  const mo = get(results, n, 'ours', 'memory');
  const mp = get(results, n, 'peer', 'memory');
  row('JS heap after load (after GC)', n, fmt.bytes(mo && mo.jsHeap), fmt.bytes(mp && mp.jsHeap), fmt.ratio(mo && mo.jsHeap, mp && mp.jsHeap));
  row('wasm memory after load', n, fmt.bytes(mo && mo.wasm), '—', '');
  row('JS heap + wasm memory', n, fmt.bytes(mo && mo.total), fmt.bytes(mp && mp.total), fmt.ratio(mo && mo.total, mp && mp.total));
}
const so = sizes.ours;
const sp = sizes.peer;
row('code raw (wasm+js | peer.js+minisearch)', 'any', fmt.bytes(so.code.raw), fmt.bytes(sp.code.raw), fmt.ratio(so.code.raw, sp.code.raw));
row('code gzip -9', 'any', fmt.bytes(so.code.gzip), fmt.bytes(sp.code.gzip), fmt.ratio(so.code.gzip, sp.code.gzip));
if (BROTLI) row('code brotli -q 11', 'any', fmt.bytes(so.code.brotli), fmt.bytes(sp.code.brotli), fmt.ratio(so.code.brotli, sp.code.brotli));
const kinds = BROTLI ? 'raw / gzip / brotli' : 'raw / gzip';
const compressed = (x) => [x.raw, x.gzip, ...(BROTLI ? [x.brotli] : [])].map(fmt.bytes).join(' / ');
for (const ext of ['wasm', 'js']) {
  if (so[ext]) row(`  ${ext} (${kinds})`, 'any', compressed(so[ext]), '—', '');
}
row(`  peer.js / minisearch (${kinds})`, 'any', '—', `${compressed(sp['peer.js'])}; ${compressed(sp.minisearch)}`, '');
if (so.css) row(`css (${kinds}), shared by both pages`, 'any', compressed(so.css), 'same', '');

const head = { metric: 'metric', size: 'bundle size', ours: 'ours', peer: 'peer', ratio: 'ratio (ours/peer)' };
const cols = Object.keys(head);
const cell = (r, c) => (c === 'size' && typeof r.size === 'number' ? r.size.toLocaleString('en-US') : String(r[c]));
// Terminal columns: CJK and full-width characters take two.
const wide = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const columns = (s) => [...s].reduce((w, ch) => w + (wide.test(ch) ? 2 : 1), 0);
const pad = (s, w) => s + ' '.repeat(Math.max(0, w - columns(s)));
const width = Object.fromEntries(cols.map((c) => [c, Math.max(...[head, ...rows].map((r) => columns(cell(r, c))))]));
const line = (r) => cols.map((c) => pad(cell(r, c), width[c])).join(' | ').trimEnd();
console.log(line(head));
console.log(cols.map((c) => '-'.repeat(width[c])).join('-|-'));
for (const r of rows) console.log(line(r));

const durationMs = Date.now() - started;
const report = {
  date: new Date().toISOString(),
  durationMs,
  seed: SEED,
  bundles: bundleInfo,
  queries: QUERIES,
  picks: PICKS,
  results,
  sizes,
  table: rows,
  errors,
};
fs.writeFileSync(path.join(REPO_ROOT, 'bench-results.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`\nwritten: bench-results.json (${(durationMs / 1000).toFixed(0)} s)`);
for (const n of SIZES) {
  for (const app of APPS) {
    const f = get(results, n, app.name, 'filter', 'problems');
    if (f) console.log(`note: ${app.name} ${n} filter: ${f.join('; ')}`);
    for (const lang of Object.keys(QUERIES)) {
      const t = get(results, n, app.name, 'typing', lang);
      if (t && !(t.found > 0)) console.log(`note: ${app.name} ${n} "${t.query}": count "${t.count}" has no results`);
    }
  }
}
if (errors.length) {
  console.log(`\n${errors.length} measurement(s) failed:`);
  for (const e of errors) console.log(`  ${e.app} ${e.size} ${e.group}: ${e.message}`);
  process.exitCode = 1;
}

// `make bench`: Newsroom's release build (dist/) against two peer pages (plain
// JavaScript, tests/bench/peer/: one with MiniSearch, one with FlexSearch) on
// generated bundles of 1,000 and 10,000 articles (tests/bench/generate.mjs), in
// one headless Chromium (Debian's /usr/bin/chromium, or $CHROMIUM) driven by
// Playwright's library API.
//
// BENCH_SIZES=1000 (comma-separated article counts) runs only those sizes, for a
// quick check: `BENCH_SIZES=1000 make bench`. The default is 1000,10000.
// BENCH_APPS=ours,flexsearch runs only those pages (ours, minisearch,
// flexsearch); the default is all three.
//
// For each bundle size and each page, with a fresh page load per group (the
// pages take turns, load by load and rep by rep, so that a busy moment of the
// machine falls on all of them alike):
//   - first article on screen: navigation start → first .newsroom__card in the
//     DOM (MutationObserver installed before any page script), median of 7
//     (after a load of each page that is not counted; each load from a
//     blank page whose heap was collected);
//     and search-ready: a card and no .newsroom__progress / __loading /
//     __indexing (peers: also window.__peerReady);
//   - memory after load (after ready, after a forced GC): JS heap
//     (--enable-precise-memory-info) and, for ours, the wasm memory;
//   - keystroke → updated DOM, p50 / p95, an English and a Chinese query typed
//     key by key 30 times into each page (all loaded at once, each in a tab of
//     its own): set input.value, dispatch `input`, wait for a
//     MessageChannel message (microtasks, where Leptos patches the DOM, have
//     run), force layout, performance.now();
//   - long tasks (over 50 ms) while the page loads, builds its index and is
//     typed into at once (the English query, as soon as the first card shows):
//     how many, and the longest;
//   - category filter → updated DOM, median of 5 picks;
//   - sizes: wasm / js / css (raw, gzip -9 and brotli -q 11, by
//     tests/size/sizes.mjs as `make size` measures them); each peer's scripts.
// Prints a table (metric | bundle size | ours | each peer | ours/peer) and writes
// bench-results.json at the repo root. A measurement that fails is reported
// and the run goes on; the exit code is then 1.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { chromium } from '@playwright/test';

import { REPO_ROOT } from '../e2e/server.mjs';
import { ENTRIES, measure, sizeOf } from '../size/sizes.mjs';
import { generateFeed, serializeFeed } from './generate.mjs';
import { FLEXSEARCH, MINISEARCH, PEER_DIR, snapshotDist, startBenchServer } from './server.mjs';

const SIZES = parseSizes(process.env.BENCH_SIZES, [1_000, 10_000]);
const SEED = 20251125;
// Loads per page: one load of a 10k bundle varies by a third between runs
// on a busy machine, and the median of three was a coin toss.
const LOADS = 7;
// Each query typed this many times into each page: its p95 is then the
// 114th of 120 keystrokes (a query of four keys). At 15 times (the 57th of
// 60) the same build's Chinese p95 against FlexSearch's page went from 0.81×
// to 1.02× from run to run; at 30, 0.87× to 0.94× (issue 19's trials).
const REPS = 30;
const QUERIES = { en: 'chromium slag', zh: '铬盐生产' }; // the generator guarantees both occur
const PICKS = ['Products', 'Safety', 'Company News', 'Events', 'Sustainability'];
// `peer`: the app's key in the results (bench-results.json) and its engine's files.
const ALL_APPS = [
  { name: 'ours', label: 'ours', path: (n) => `/n${n}/` },
  { name: 'peer', label: 'MiniSearch peer', key: 'minisearch', path: (n) => `/peer${n}/`, engine: ['minisearch-engine.js', MINISEARCH] },
  { name: 'flexsearch', label: 'FlexSearch peer', key: 'flexsearch', path: (n) => `/peer${n}/?engine=flexsearch`, engine: ['flexsearch-engine.js', FLEXSEARCH] },
];
const APPS = parseApps(process.env.BENCH_APPS);
const PEERS = APPS.filter((a) => a.engine);
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

function parseApps(env) {
  if (env == null || !env.trim()) return ALL_APPS;
  const names = env.split(/[\s,]+/).filter(Boolean);
  const apps = ALL_APPS.filter((a) => names.includes(a.key || a.name));
  if (apps.length !== names.length) {
    console.error(`bench: BENCH_APPS=${JSON.stringify(env)}: expected some of ours,minisearch,flexsearch`);
    process.exit(2);
  }
  return apps;
}

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
  addEventListener('newsroom:started', (e) => { window.__wasmMemory = e.detail && e.detail.memory; });
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
//   frame: a rendering opportunity, between measurements (never inside one:
//     `typeQuery` counts the keys it was).
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
// `framed`: the keys whose measurement a frame ran inside after all (it
// would add its style, layout and paint to the key's time): a rendering
// callback asked for as the key starts runs before it ends only then, and
// the page needs a frame for what the key changed anyway.
async function typeQuery(query) {
  const { settle, frame, countText } = window.__bench;
  const latencies = [];
  let framed = 0;
  const chars = Array.from(query);
  for (let i = 1; i <= chars.length; i++) {
    await frame();
    const box = document.querySelector('input[type=search].newsroom__search');
    let frameAt = null;
    requestAnimationFrame(() => { frameAt = performance.now(); });
    const t0 = performance.now();
    box.value = chars.slice(0, i).join('');
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    void document.body.offsetHeight;
    const t1 = performance.now();
    latencies.push(t1 - t0);
    if (frameAt != null && frameAt <= t1) framed++;
  }
  return { latencies, framed, count: countText(), cards: document.querySelectorAll('.newsroom__card').length,
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
  async function load(app, n, tab = page) {
    // From a blank page: the times count from navigation start, which
    // comes after the last page's unload (tens of MB of heap), whichever
    // page that was. Its heap is collected before the load, not during it:
    // the pages load in turn, each always after the same one, so a page
    // would otherwise pay for its predecessor's garbage, the same one each time.
    await tab.goto('about:blank');
    if (tab === page) await cdp.send('HeapProfiler.collectGarbage');
    await tab.goto(`${server.url}${app.path(n)}`, { waitUntil: 'load' });
    let state;
    for (let attempt = 0; attempt < 20; attempt++) {
      const handle = await tab.waitForFunction((peer) => {
        const s = window.__bench.probe();
        return s.error || s.peerError || (s.ready != null && (!peer || s.peer)) ? s : null;
      }, !!app.engine, { polling: 50, timeout: READY_TIMEOUT_MS })
        .catch((err) => { throw new Error(`${app.name} ${n}: not ready for search: ${err.message}`); });
      state = await handle.jsonValue();
      await handle.dispose();
      const fatal = state.error || state.peerError;
      if (fatal) throw new Error(`page error: ${String(fatal).trim().slice(0, 300)}`);
      // Stable: still ready, and since the same moment, a little later.
      await new Promise((r) => setTimeout(r, 300));
      const again = await tab.evaluate(() => window.__bench.probe());
      if (again.ready === state.ready) break;
    }
    await tab.evaluate(() => window.__benchStopObserver && window.__benchStopObserver());
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
    results[n] = Object.fromEntries(APPS.map((app) => [app.name, {}]));
    // Loads: each page in turn, load by load, so that a busy moment of the
    // machine falls on all of them alike; after one load of each that is
    // not counted: the browser's first page of a size pays for what any
    // first page would (a fresh renderer, fonts), whichever page it is.
    await group(n, { name: APPS.map((a) => a.name).join('+') }, 'load', async () => {
      for (const app of APPS) await load(app, n);
      const seen = new Map(APPS.map((a) => [a.name, { firsts: [], readies: [], longest: [] }]));
      for (let i = 0; i < LOADS; i++) {
        for (let k = 0; k < APPS.length; k++) {
          const app = APPS[(k + i) % APPS.length];
          const s = await load(app, n);
          const x = seen.get(app.name);
          x.firsts.push(s.first);
          x.readies.push(s.ready);
          x.longest.push(s.longest);
          if (i < LOADS - 1) continue;
          // Memory of the last load, after ready and a full GC.
          await cdp.send('HeapProfiler.collectGarbage');
          const m = await page.evaluate(() => ({ jsHeap: performance.memory ? performance.memory.usedJSHeapSize : null,
            wasm: window.__wasmMemory && window.__wasmMemory.buffer ? window.__wasmMemory.buffer.byteLength : null }));
          results[n][app.name].memory = { ...m, total: (m.jsHeap || 0) + (m.wasm || 0) };
        }
      }
      for (const app of APPS) {
        const { firsts, readies, longest } = seen.get(app.name);
        const r = results[n][app.name];
        r.longestTaskMs = { max: Math.max(...longest.map((x) => x || 0)), samples: longest };
        r.firstArticleMs = { median: median(firsts), samples: firsts };
        r.readyMs = { median: median(readies), samples: readies };
      }
    });
    // Typing: every page loaded in a tab of its own, then each query typed
    // into one after the other, rep by rep, for the same reason.
    await group(n, { name: APPS.map((a) => a.name).join('+') }, 'typing', async () => {
      const tabs = [];
      try {
        for (const app of APPS) {
          const tab = await context.newPage();
          tabs.push({ app, tab });
          await load(app, n, tab);
        }
        for (const [lang, query] of Object.entries(QUERIES)) {
          const samples = new Map(APPS.map((a) => [a.name, []]));
          const framed = new Map();
          const last = new Map();
          for (let rep = 0; rep < REPS; rep++) {
            for (let k = 0; k < tabs.length; k++) {
              const { app, tab } = tabs[(k + rep) % tabs.length];
              await tab.bringToFront();
              // A tab's first frame after it comes to the front comes when
              // it comes, and the next one soon after: a first key typed
              // between them had that one inside its measurement (in trials,
              // up to two of three first keys of a page). The frames after
              // it keep their pace.
              await tab.evaluate(() => window.__bench.frame());
              const typed = await tab.evaluate(typeQuery, query);
              samples.get(app.name).push(...typed.latencies);
              framed.set(app.name, (framed.get(app.name) || 0) + typed.framed);
              last.set(app.name, typed);
              await tab.evaluate(clearQuery);
            }
          }
          for (const app of APPS) {
            const t = last.get(app.name);
            const xs = samples.get(app.name);
            (results[n][app.name].typing ||= {})[lang] = {
              query, p50: pct(xs, 50), p95: pct(xs, 95), samples: xs, framed: framed.get(app.name) || 0,
              count: t.count, found: Number(((/^([\d,]+)/.exec(t.count) || [])[1] ?? 'NaN').replaceAll(',', '')), cards: t.cards, marks: t.marks,
            };
          }
        }
      } finally {
        for (const { tab } of tabs) await tab.close().catch(() => {});
      }
    });
    for (const app of APPS) {
      const r = results[n][app.name];
      await group(n, app, 'typing while loading', async () => {
        await page.goto(`${server.url}${app.path(n)}`, { waitUntil: 'commit' });
        await page.waitForFunction(() => window.__firstArticle != null && document.querySelector('input[type=search].newsroom__search'),
          null, { polling: 'raf', timeout: READY_TIMEOUT_MS });
        const typed = await page.evaluate(typeQuery, QUERIES.en);
        await page.waitForFunction((peer) => { const s = window.__bench.probe(); return s.ready != null && (!peer || s.peer); },
          !!app.engine, { polling: 50, timeout: READY_TIMEOUT_MS });
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

// Each peer's code: the page's scripts, its engine module and the engine's library.
const peerFiles = (app) => ['peer.js', 'text.js', app.engine[0]].map((f) => path.join(PEER_DIR, f)).concat(app.engine[1]);
const sizes = { ours: distSizes(dist) };
for (const app of PEERS) {
  const files = peerFiles(app).map(fileSize);
  const total = (k) => files.reduce((sum, f) => sum + f[k], 0);
  sizes[app.name] = { files, code: Object.fromEntries(Object.keys(files[0]).filter((k) => k !== 'file').map((k) => [k, total(k)])) };
}
fs.rmSync(dist, { recursive: true, force: true });
const BROTLI = sizes.ours.code.brotli != null; // tests/size/sizes.mjs measures it

// ------------------------------------------------------------------ table --

// A row: metric, bundle size, then per app its value and (peers) ours/it.
const rows = [];
const row = (metric, size, values, ratios = {}) => rows.push({ metric, size, values, ratios });
const get = (obj, ...keys) => keys.reduce((o, k) => (o == null ? o : o[k]), obj);
/** A row of `show(value)` per app, with ours/peer ratios of `num(value)`. */
const each = (metric, n, keys, show, num = (x) => x) => {
  const v = Object.fromEntries(APPS.map((a) => [a.name, get(results, n, a.name, ...keys)]));
  const ours = v.ours != null ? num(v.ours) : null;
  row(metric, n, Object.fromEntries(APPS.map((a) => [a.name, v[a.name] == null ? 'n/a' : show(v[a.name])])),
    Object.fromEntries(PEERS.map((a) => [a.name, fmt.ratio(ours, v[a.name] != null ? num(v[a.name]) : null)])));
};
const timed = (metric, n, ...keys) => each(metric, n, keys, fmt.ms);
const same = (value) => Object.fromEntries(APPS.map((a) => [a.name, a.name === 'ours' ? value : 'same']));
for (const n of SIZES) {
  const b = bundleInfo[n];
  row('feed.json (raw / gzip)', n, same(`${fmt.bytes(b.bytes)} / ${fmt.bytes(b.gzip)}`));
  timed(`first article on screen (median of ${LOADS})`, n, 'firstArticleMs', 'median');
  timed(`ready for search (median of ${LOADS})`, n, 'readyMs', 'median');
  timed(`longest main-thread task until ready (max of ${LOADS}; 0 = none over 50 ms)`, n, 'longestTaskMs', 'max');
  each(`long tasks over 50 ms, typing "${QUERIES.en}" while loading (count)`, n, ['busy', 'count'], String, () => null);
  timed(`  the longest of them (0 = none)`, n, 'busy', 'longest');
  for (const lang of Object.keys(QUERIES)) {
    timed(`keystroke → DOM "${QUERIES[lang]}" p50`, n, 'typing', lang, 'p50');
    timed(`keystroke → DOM "${QUERIES[lang]}" p95`, n, 'typing', lang, 'p95');
    each(`  keystrokes with a frame inside their measurement (of ${REPS * Array.from(QUERIES[lang]).length}; 0 = as meant)`, n, ['typing', lang, 'framed'], String, () => null);
  }
  for (const lang of Object.keys(QUERIES)) {
    each(`count after "${QUERIES[lang]}"`, n, ['typing', lang], (t) => t.count, (t) => t.found);
  }
  timed(`category filter → DOM (median of ${PICKS.length})`, n, 'filter', 'median');
  each('JS heap after load (after GC)', n, ['memory', 'jsHeap'], fmt.bytes);
  each('wasm memory after load', n, ['memory', 'wasm'], fmt.bytes, () => null);
  each('JS heap + wasm memory', n, ['memory', 'total'], fmt.bytes);
}
const codeRow = (metric, kind) => {
  const v = Object.fromEntries(['ours', ...PEERS.map((a) => a.name)].map((k) => [k, sizes[k].code[kind]]));
  row(metric, 'any', Object.fromEntries(APPS.map((a) => [a.name, fmt.bytes(v[a.name])])),
    Object.fromEntries(PEERS.map((a) => [a.name, fmt.ratio(v.ours, v[a.name])])));
};
codeRow('code raw (wasm+js | peer scripts + engine library)', 'raw');
codeRow('code gzip -9', 'gzip');
if (BROTLI) codeRow('code brotli -q 11', 'brotli');
const kinds = BROTLI ? 'raw / gzip / brotli' : 'raw / gzip';
const compressed = (x) => [x.raw, x.gzip, ...(BROTLI ? [x.brotli] : [])].map(fmt.bytes).join(' / ');
const only = (app, value) => Object.fromEntries(APPS.map((a) => [a.name, a.name === app ? value : '—']));
for (const ext of ['wasm', 'js']) {
  if (sizes.ours[ext]) row(`  ${ext} (${kinds})`, 'any', only('ours', compressed(sizes.ours[ext])));
}
for (const app of PEERS) {
  for (const f of sizes[app.name].files) row(`  ${f.file.replace(/^(tests\/bench\/peer|node_modules)\//, "")} (${kinds})`, 'any', only(app.name, compressed(f)));
}
if (sizes.ours.css) row(`css (${kinds}), shared by all pages`, 'any', same(compressed(sizes.ours.css)));

const cols = [
  { head: 'metric', cell: (r) => r.metric },
  { head: 'bundle size', cell: (r) => (typeof r.size === 'number' ? r.size.toLocaleString('en-US') : String(r.size)) },
  ...APPS.flatMap((a) => [
    { head: a.label, cell: (r) => r.values[a.name] ?? '' },
    ...(a.engine && APPS.some((o) => o.name === 'ours') ? [{ head: `ours/${a.key}`, cell: (r) => r.ratios[a.name] ?? '' }] : []),
  ]),
];
// Terminal columns: CJK and full-width characters take two.
const wide = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const columns = (s) => [...s].reduce((w, ch) => w + (wide.test(ch) ? 2 : 1), 0);
const pad = (s, w) => s + ' '.repeat(Math.max(0, w - columns(s)));
const width = cols.map((c) => Math.max(columns(c.head), ...rows.map((r) => columns(c.cell(r)))));
const line = (cells) => cells.map((x, i) => pad(x, width[i])).join(' | ').trimEnd();
console.log(line(cols.map((c) => c.head)));
console.log(width.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(cols.map((c) => c.cell(r))));

// Issue 19's goals for the single bundle, at 10,000 articles: keystrokes
// (p95) no slower than the FlexSearch page's, and the first article no later
// than the plain-JavaScript page's (the MiniSearch peer, which shows its
// first cards from a scan of the parsed items, before any index).
const GOAL_SIZE = 10_000;
const goals = [
  ...Object.keys(QUERIES).map((lang) => [`keystroke p95 "${QUERIES[lang]}" ≤ the FlexSearch page's`, ['typing', lang, 'p95'], 'flexsearch']),
  [`first article on screen ≤ the plain-JavaScript page's (median of ${LOADS})`, ['firstArticleMs', 'median'], 'peer'],
];
if (results[GOAL_SIZE]) {
  console.log(`
goals at ${GOAL_SIZE.toLocaleString('en-US')} articles (issue 19):`);
  for (const [goal, keys, peer] of goals) {
    const [ours, theirs] = ['ours', peer].map((app) => get(results, GOAL_SIZE, app, ...keys));
    const seen = ours == null || theirs == null ? 'n/a' : `${fmt.ms(ours)} against ${fmt.ms(theirs)} (${fmt.ratio(ours, theirs)}): ${ours <= theirs ? 'met' : 'NOT met'}`;
    console.log(`  ${goal}: ${seen}`);
  }
}

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

// `make bench`: measures the release build in dist/ (a benchmark, not a test).
//
// Reports the sizes of the wasm, js and css files (raw and gzip), the time from
// navigation to the first article on screen, keystroke-to-DOM latency for an
// English and a Chinese query typed key by key, and memory after load. Prints
// a table and writes bench-results.json.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { startServer } from '../e2e/server.mjs';
import { startDriver, waitFor } from '../e2e/webdriver.mjs';

const LOADS = 7;
const QUERIES = ['chromium slag', '铬盐'];

// Installed before any page script: records when the first article appears.
const OBSERVER = `
  window.addEventListener('TrunkApplicationStarted', (e) => { window.__wasmMemory = e.detail.wasm.memory; });
  new MutationObserver((_, obs) => {
    if (document.querySelector('.newsroom__card')) {
      window.__firstArticle = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });`;

// Types a query key by key; each latency runs from the input event to the
// moment the page's reaction (microtasks included) has reached the DOM.
const TYPE = `
  const [query, done] = arguments;
  const input = document.querySelector('input[type=search].newsroom__search');
  const settled = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
  (async () => {
    const out = [];
    for (let i = 1; i <= query.length; i++) {
      const t0 = performance.now();
      input.value = query.slice(0, i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await settled();
      out.push(performance.now() - t0);
    }
    done({ latencies: out, count: document.querySelector('.newsroom__count').textContent });
  })();`;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => `${x.toFixed(1)} ms`;

function sizes(dist) {
  const out = {};
  for (const file of fs.readdirSync(dist)) {
    const ext = path.extname(file).slice(1);
    if (!['wasm', 'js', 'css'].includes(ext)) continue;
    const bytes = fs.readFileSync(path.join(dist, file));
    out[ext] = { file, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
  }
  return out;
}

const server = await startServer();
const wd = await startDriver();
try {
  await wd.cmd('POST', '/goog/cdp/execute', { cmd: 'Page.addScriptToEvaluateOnNewDocument', params: { source: OBSERVER } });
  const firsts = [];
  for (let i = 0; i < LOADS; i++) {
    await wd.goto(`${server.url}/?bench=${i}`);
    firsts.push(await waitFor(() => wd.execute('return window.__firstArticle;'), { message: 'no article appeared' }));
  }
  const memory = await wd.execute(
    'return { jsHeap: performance.memory ? performance.memory.usedJSHeapSize : null, wasm: window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : null };');
  const typing = {};
  for (const query of QUERIES) {
    await wd.goto(`${server.url}/`);
    await waitFor(() => wd.maybeFind('.newsroom__card'), { message: 'no article appeared' });
    typing[query] = await wd.executeAsync(TYPE, query);
  }
  const size = sizes(server.dist);
  const result = {
    articles: JSON.parse(fs.readFileSync(path.join(server.dist, 'feed.json'), 'utf8')).items.length,
    firstArticleMs: { median: pct(firsts, 50), samples: firsts },
    typing: Object.fromEntries(Object.entries(typing).map(([q, t]) => [q, { p50: pct(t.latencies, 50), p95: pct(t.latencies, 95), count: t.count.trim(), samples: t.latencies }])),
    memory,
    size,
  };
  fs.writeFileSync('bench-results.json', JSON.stringify(result, null, 2));
  const rows = [
    ['bundle', `${result.articles} articles (sample feed.json)`],
    ['first article on screen (median of ' + LOADS + ')', ms(result.firstArticleMs.median)],
    ...Object.entries(result.typing).map(([q, t]) => [`keystroke → DOM "${q}" p50 / p95`, `${ms(t.p50)} / ${ms(t.p95)}`]),
    ['JS heap after load', memory.jsHeap == null ? 'n/a' : kb(memory.jsHeap)],
    ['wasm memory after load', memory.wasm == null ? 'n/a' : kb(memory.wasm)],
    ...Object.entries(size).map(([ext, s]) => [`${ext} (raw / gzip)`, `${kb(s.raw)} / ${kb(s.gzip)}`]),
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
  console.log('\nwritten: bench-results.json');
} finally {
  await wd.quit();
  await server.close();
}

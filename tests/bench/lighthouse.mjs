// `make bench`, third part (alone: `make bench-lighthouse`): the page as a
// phone meets it, by Lighthouse's default mobile profile (formFactor mobile,
// simulated throttling: a slow 4G network and a 4× slower CPU), in Debian's
// Chromium (headless, kept off the network), served gzipped on 127.0.0.1.
//
// Three pages, each loaded 3 times (Lighthouse varies from run to run;
// LIGHTHOUSE_RUNS=1 for a quick look):
//   - standalone: dist/ as `make build` leaves it (index.html, the sample feed.json);
//   - headlines: a host page holding only the public snippet and a compact
//     instance (five headlines, linking to the full page beside it);
//   - archive 10,000: dist's index.html over a `newsroom build` of 10,000
//     generated articles (the bundle and the build archive.mjs makes).
// For each: the performance score, First Contentful Paint, Largest
// Contentful Paint, Total Blocking Time and Speed Index, the median of the
// runs (each metric on its own), beside the goals (score ≥ 90, TBT ≤ 200 ms).
// Writes bench-lighthouse.json at the repo root (with where the time goes:
// main-thread work by kind, each script's cost, long tasks, what was fetched,
// the LCP element, from the run nearest the medians) and that run's full reports
// in bench-lighthouse/ (open the .html in a browser).
//
// Lighthouse lives in its own package (tests/bench/lighthouse/, installed by
// `make bench`), so `make test` never installs it. A run that fails is
// reported and the others go on; the exit code is then 1. A goal missed is
// a measurement, not a failure.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

import { REPO_ROOT, TYPES, defaultDist } from '../e2e/server.mjs';
import { generateFeed, serializeFeed } from './generate.mjs';
import { snapshotDist } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LIGHTHOUSE_PACKAGE = path.join(HERE, 'lighthouse', 'node_modules', 'lighthouse');
const LIGHTHOUSE = path.join(LIGHTHOUSE_PACKAGE, 'cli', 'index.js');
const CHROME_PATH = process.env.CHROME_PATH || process.env.CHROMIUM || '/usr/bin/chromium';
const NEWSROOM = process.env.NEWSROOM_BIN || path.join(REPO_ROOT, 'target', 'release', 'newsroom');
const ARCHIVE_SIZE = 10_000;
const SEED = 20251125; // archive.mjs's, so both measure the same articles
const LOADS = Number(process.env.LIGHTHOUSE_RUNS) || 3;
const RUN_TIMEOUT_MS = 300_000;
const GOALS = { score: 90, tbt: 200 };
// Headless, and nothing but the page on the network (as run.mjs's CHROMIUM_ARGS).
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-domain-reliability'];
const REPORTS = path.join(REPO_ROOT, 'bench-lighthouse');

// The host page of the compact layout: the public snippet and nothing else to
// paint, so what Lighthouse sees is the headlines'.
const HEADLINES_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Home</title>
<link rel="stylesheet" href="newsroom.css">
<script type="module" src="newsroom.js"></script>
</head>
<body>
<div data-newsroom data-layout="compact" data-src="feed.json" data-limit="5" data-link="./"></div>
</body>
</html>
`;

if (!fs.existsSync(LIGHTHOUSE)) {
  console.error(`bench: Lighthouse is not installed (${path.relative(REPO_ROOT, LIGHTHOUSE)}); run make bench-lighthouse`);
  process.exit(1);
}
const LIGHTHOUSE_VERSION = JSON.parse(fs.readFileSync(path.join(LIGHTHOUSE_PACKAGE, 'package.json'), 'utf8')).version;

// ------------------------------------------------------------- the files --

/** www/site: all of dist/ with its feed.json and the headlines page; www/archive: dist/ over a built archive. */
async function prepare(work) {
  const www = path.join(work, 'www');
  const dist = await snapshotDist();
  try {
    const site = path.join(www, 'site');
    fs.cpSync(dist, site, { recursive: true });
    fs.copyFileSync(path.join(defaultDist(), 'feed.json'), path.join(site, 'feed.json'));
    fs.writeFileSync(path.join(site, 'headlines.html'), HEADLINES_PAGE);

    const feed = path.join(work, `archive-${ARCHIVE_SIZE}.json`);
    fs.writeFileSync(feed, serializeFeed(generateFeed(ARCHIVE_SIZE, SEED)));
    const built = path.join(work, `site-${ARCHIVE_SIZE}`);
    const t0 = Date.now();
    const run = spawnSync(NEWSROOM, ['build', feed, '--out', built], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`newsroom build ${ARCHIVE_SIZE}: ${run.error ? run.error.message : run.stderr}`);
    console.error(`bench: newsroom build ${ARCHIVE_SIZE}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const archive = path.join(www, 'archive');
    fs.cpSync(dist, archive, { recursive: true });
    fs.cpSync(built, archive, { recursive: true });
    fs.rmSync(feed);
  } finally {
    fs.rmSync(dist, { recursive: true, force: true });
  }
  return www;
}

// ------------------------------------------------------------ the server --

/** `root` on 127.0.0.1, gzipped where the client accepts it (as a static host or CDN), a directory's index.html at its slash. */
async function serve(root) {
  const cache = new Map();
  const server = http.createServer((req, res) => {
    const fail = (status, text) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'Method Not Allowed');
    let rel;
    try {
      rel = path.posix.normalize('/' + decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname));
    } catch {
      return fail(400, 'Bad Request');
    }
    let file = path.join(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return fail(403, 'Forbidden');
    try {
      if (fs.statSync(file).isDirectory()) {
        if (!rel.endsWith('/')) {
          res.writeHead(301, { location: rel + '/', 'content-length': 0 });
          return res.end();
        }
        file = path.join(file, 'index.html');
      }
      if (!cache.has(file)) {
        const raw = fs.readFileSync(file);
        cache.set(file, { raw, gzip: zlib.gzipSync(raw, { level: 6 }) });
      }
    } catch {
      return fail(404, 'Not Found');
    }
    const { raw, gzip } = cache.get(file);
    const zipped = /\bgzip\b/.test(req.headers['accept-encoding'] || '') && !/\.(jpe?g|png|gif|webp|woff2?)$/.test(file);
    const body = zipped ? gzip : raw;
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
      ...(zipped ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    }),
  };
}

// ------------------------------------------------------------ Lighthouse --

/** One Lighthouse run of `url`: its JSON report (and the HTML one beside it, at `out`.report.*). */
function lighthouse(url, out) {
  const args = [LIGHTHOUSE, url, '--output=json', '--output=html', `--output-path=${out}`,
    '--only-categories=performance', '--quiet', '--no-enable-error-reporting', `--chrome-flags=${CHROME_FLAGS.join(' ')}`];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
    // SIGINT first: Lighthouse then closes its Chromium itself.
    const timer = setTimeout(() => {
      stderr += `\ntimed out after ${RUN_TIMEOUT_MS / 1000} s`;
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        if (code !== 0) throw new Error(`lighthouse exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`);
        resolve(JSON.parse(fs.readFileSync(`${out}.report.json`, 'utf8')));
      } catch (err) {
        reject(err);
      }
    });
  });
}

/** The figures of one report; throws when the page could not be measured. */
function figures(report) {
  if (report.runtimeError) throw new Error(`${report.runtimeError.code}: ${report.runtimeError.message}`);
  const score = report.categories.performance.score;
  const value = (id) => {
    const audit = report.audits[id];
    if (!audit || typeof audit.numericValue !== 'number') {
      throw new Error(`no ${id}: ${(audit && audit.errorMessage) || 'missing'}`);
    }
    return audit.numericValue;
  };
  if (typeof score !== 'number') throw new Error('no performance score');
  return { score: score * 100, fcp: value('first-contentful-paint'), lcp: value('largest-contentful-paint'),
    tbt: value('total-blocking-time'), si: value('speed-index'), tti: value('interactive') };
}

/** Where the time goes, from one report's diagnostics. */
function diagnostics(report) {
  const items = (id) => (report.audits[id] && report.audits[id].details && report.audits[id].details.items) || [];
  const short = (url) => String(url || '').replace(/^https?:\/\/[^/]+\/[^/]+\//, '');
  const metrics = items('metrics')[0];
  const lcp = items('largest-contentful-paint-element');
  const lcpNode = lcp[0] && lcp[0].items && lcp[0].items[0] && lcp[0].items[0].node;
  const lcpPhases = lcp[1] && lcp[1].items ? Object.fromEntries(lcp[1].items.map((p) => [p.phase, Math.round(p.timing)])) : null;
  return {
    mainThread: items('mainthread-work-breakdown').map((i) => ({ kind: i.groupLabel || i.group, ms: Math.round(i.duration) })),
    scripts: items('bootup-time').map((i) => ({ url: short(i.url), total: Math.round(i.total), scripting: Math.round(i.scripting),
      parseCompile: Math.round(i.scriptParseCompile) })),
    longTasks: items('long-tasks').map((i) => ({ url: short(i.url), start: Math.round(i.startTime), ms: Math.round(i.duration) })),
    renderBlocking: items('render-blocking-resources').map((i) => ({ url: short(i.url), wastedMs: Math.round(i.wastedMs) })),
    transfer: items('network-requests').map((i) => ({ url: short(i.url), bytes: i.transferSize, type: i.resourceType })),
    lcpElement: lcpNode ? { selector: lcpNode.selector, snippet: lcpNode.snippet } : null,
    lcpPhases,
    // Unthrottled, as this machine loaded it: what the simulation starts from.
    observed: metrics ? { fcp: metrics.observedFirstContentfulPaint, lcp: metrics.observedLargestContentfulPaint,
      load: metrics.observedLoad } : null,
    benchmarkIndex: report.environment && report.environment.benchmarkIndex,
    warnings: report.runWarnings || [],
    // Audits this Lighthouse could not compute in this Chromium (12.2.3's
    // trace reader fails on newer traces for the LCP element and render-blocking).
    auditErrors: Object.fromEntries(Object.entries(report.audits).filter(([, a]) => a.scoreDisplayMode === 'error')
      .map(([id, a]) => [id, String(a.errorMessage || '').split('\n')[0]])),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

// ------------------------------------------------------------------- run --

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-lighthouse-'));
const results = {};
const errors = [];
let server;
try {
  server = await serve(await prepare(work));
  fs.rmSync(REPORTS, { recursive: true, force: true });
  fs.mkdirSync(REPORTS, { recursive: true });
  const pages = [
    ['standalone', `${server.url}/site/`],
    ['headlines', `${server.url}/site/headlines.html`],
    [`archive ${ARCHIVE_SIZE.toLocaleString('en-US')}`, `${server.url}/archive/`],
  ];
  for (const [name, url] of pages) {
    const runs = [];
    const slug = name.replace(/\W+/g, '-');
    for (let i = 1; i <= LOADS; i++) {
      const out = path.join(work, `${slug}-${i}`);
      try {
        const report = await lighthouse(url, out);
        runs.push({ out, report, figures: figures(report) });
        const f = runs.at(-1).figures;
        console.error(`bench: lighthouse ${name} ${i}/${LOADS}: score ${f.score.toFixed(0)}, LCP ${f.lcp.toFixed(0)} ms, TBT ${f.tbt.toFixed(0)} ms`);
      } catch (err) {
        errors.push(`${name} run ${i}: ${String(err.message || err).split('\n')[0]}`);
        console.error(`bench: lighthouse ${name} ${i}/${LOADS}: FAILED: ${err.message || err}`);
      }
    }
    const r = (results[name] = { url: url.replace(server.url, ''), runs: runs.length, samples: runs.map((x) => x.figures) });
    if (!runs.length) continue;
    for (const key of Object.keys(runs[0].figures)) r[key] = median(runs.map((x) => x.figures[key]));
    // The run nearest the medians (score, LCP, TBT) speaks for the page: its diagnostics and reports are kept.
    const off = (f) => ['score', 'lcp', 'tbt'].reduce((sum, k) => sum + Math.abs(f[k] - r[k]) / Math.max(r[k], 1), 0);
    const typical = runs.reduce((best, x) => (off(x.figures) < off(best.figures) ? x : best));
    r.diagnostics = diagnostics(typical.report);
    for (const ext of ['json', 'html']) fs.copyFileSync(`${typical.out}.report.${ext}`, path.join(REPORTS, `${slug}.report.${ext}`));
  }
} finally {
  if (server) await server.close();
  fs.rmSync(work, { recursive: true, force: true });
}

// ------------------------------------------------------------------ table --

const ms = (x) => (x == null ? 'n/a' : `${Math.round(x).toLocaleString('en-US')} ms`);
const mark = (ok) => (ok == null ? '' : ok ? ' pass' : ' MISS');
const rows = [['page', 'runs', `performance (≥ ${GOALS.score})`, 'FCP', 'LCP', `TBT (≤ ${GOALS.tbt} ms)`, 'Speed Index']];
for (const [name, r] of Object.entries(results)) {
  const has = r.runs > 0;
  rows.push([name, `${r.runs}/${LOADS}`, has ? `${Math.round(r.score)}${mark(Math.round(r.score) >= GOALS.score)}` : 'n/a',
    ms(r.fcp), ms(r.lcp), has ? `${ms(r.tbt)}${mark(r.tbt <= GOALS.tbt)}` : 'n/a', ms(r.si)]);
}
const width = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, c) => cell.padEnd(width[c])).join(' | '));
  if (i === 0) console.log(width.map((w) => '-'.repeat(w)).join('-|-'));
}
console.log(`\nLighthouse ${LIGHTHOUSE_VERSION} mobile (simulated slow 4G, 4× CPU slowdown), median of ${LOADS} runs each metric.`);
const indexes = Object.values(results).map((r) => r.diagnostics && r.diagnostics.benchmarkIndex).filter(Boolean);
const unavailable = [...new Set(Object.values(results).flatMap((r) => Object.keys((r.diagnostics && r.diagnostics.auditErrors) || {})))];
if (unavailable.length) console.log(`Diagnostics this Lighthouse could not compute in this Chromium (not the metrics): ${unavailable.join(', ')}.`);
if (indexes.length) {
  console.log(`This machine's benchmark index (Lighthouse's CPU speed, higher is faster): ${Math.min(...indexes)}–${Math.max(...indexes)}.`);
}
// Where the time goes, for each page that misses a goal.
for (const [name, r] of Object.entries(results)) {
  if (!r.runs || (Math.round(r.score) >= GOALS.score && r.tbt <= GOALS.tbt)) continue;
  const d = r.diagnostics;
  console.log(`\n${name}: where the time goes (the run nearest the medians)`);
  console.log(`  main thread: ${d.mainThread.map((m) => `${m.kind} ${ms(m.ms)}`).join(', ')}`);
  console.log(`  scripts: ${d.scripts.slice(0, 4).map((s) => `${s.url || '(page)'} ${ms(s.total)} (parse/compile ${ms(s.parseCompile)})`).join(', ')}`);
  if (d.longTasks.length) console.log(`  long tasks: ${d.longTasks.slice(0, 5).map((t) => `${t.url || '(page)'} ${ms(t.ms)} at ${ms(t.start)}`).join(', ')}`);
  if (d.renderBlocking.length) console.log(`  render-blocking: ${d.renderBlocking.map((b) => `${b.url} (${ms(b.wastedMs)})`).join(', ')}`);
  if (d.lcpElement) console.log(`  LCP element: ${d.lcpElement.snippet}`);
  if (d.observed) console.log(`  unthrottled on this machine: FCP ${ms(d.observed.fcp)}, LCP ${ms(d.observed.lcp)}`);
  if (d.lcpPhases) console.log(`  LCP phases: ${Object.entries(d.lcpPhases).map(([k, v]) => `${k} ${ms(v)}`).join(', ')}`);
}
fs.writeFileSync(path.join(REPO_ROOT, 'bench-lighthouse.json'), JSON.stringify({
  date: new Date().toISOString(), lighthouse: LIGHTHOUSE_VERSION, profile: 'mobile, simulated throttling (defaults)',
  chromium: CHROME_PATH, seed: SEED, loads: LOADS, goals: GOALS, results, errors,
}, null, 2) + '\n');
console.log('\nwritten: bench-lighthouse.json, the median runs\' reports in bench-lighthouse/');
if (errors.length) {
  console.log(`${errors.length} measurement(s) failed:\n  ${errors.join('\n  ')}`);
  process.exitCode = 1;
}

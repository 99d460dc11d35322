// `make size`: the shipped files' sizes, each entry's total (the full app's,
// and the headlines entry's: tests/size/sizes.mjs), and what each wasm is made of.
//
//   node tests/size/report.mjs [dist]
//
// The table comes from sizes.mjs. For each breakdown, twiggy reads a copy of
// the release wasm that keeps its function names: the wasm-bindgen output
// Trunk left in target/ (the same release build, before wasm-opt), put
// through the same wasm-opt level as dist/ but with `-g`, which keeps the
// name section. Its code is the shipped code; only the names are extra.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ENTRIES, measure } from './sizes.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const table = (head, rows) => {
  const all = [head, ...rows];
  const width = head.map((_, c) => Math.max(...all.map((r) => String(r[c]).length)));
  // Text left, numbers right.
  const numeric = (c) => rows.every((r) => /^[\d.]+( KB|%)?$/.test(String(r[c])));
  const line = (r) => r.map((v, c) => (numeric(c) ? String(v).padStart(width[c]) : String(v).padEnd(width[c]))).join('  ').trimEnd();
  console.log(line(head));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
};

const { files, entries } = measure(dist);
console.log(`Shipped files in ${path.relative(process.cwd(), dist) || '.'} (gzip -9, brotli 11, each file on its own):\n`);
table(['file', 'raw', 'gzip', 'brotli'], [
  ...Object.entries(files).map(([name, s]) => [name, kb(s.raw), kb(s.gzip), kb(s.brotli)]),
  ...Object.entries(entries).map(([entry, s]) => [`${entry}: ${ENTRIES[entry].join(' + ')}`, kb(s.raw), kb(s.gzip), kb(s.brotli)]),
]);

const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
for (const bin of ['newsroom-app', 'newsroom-headlines']) breakdown(bin);

/** twiggy's biggest items of one module's wasm, and the same by crate. */
function breakdown(bin) {
  // The wasm-opt level and extra flags Trunk used, from index.html's build step for it.
  const link = html.match(new RegExp(`<link[^>]*data-trunk[^>]*rel="rust"[^>]*data-bin="${bin}"[^>]*>`))?.[0] ?? '';
  const level = link.match(/data-wasm-opt="([^"]*)"/)?.[1] ?? '0';
  const params = link.match(/data-wasm-opt-params="([^"]*)"/)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
  const bindgen = path.join(root, `target/wasm-bindgen/release/${bin}_bg.wasm`);
  const named = path.join(root, `target/size/${bin}_bg.named.wasm`);
  if (!fs.existsSync(bindgen)) {
    console.error(`\n${bindgen} is missing: run \`make build\` first.`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(named), { recursive: true });
  execFileSync('wasm-opt', [`-O${level}`, ...params, '-g', bindgen, '-o', named], { stdio: 'inherit' });

  const rel = (p) => path.relative(process.cwd(), p);
  console.log(`\n== ${bin} ==\n\ntwiggy read ${rel(named)} (${kb(fs.statSync(named).size)} raw; `
    + `${rel(bindgen)} through wasm-opt -O${level}${params.length ? ' ' + params.join(' ') : ''} -g, names kept).`);
  // twiggy's items, biggest first; the name section only exists in this copy.
  const items = JSON.parse(execFileSync('twiggy', ['top', '-f', 'json', named], { encoding: 'utf8', maxBuffer: 1 << 28 }))
    .filter((it) => !/^"\w+ names" subsection$/.test(it.name));
  const code = items.reduce((a, it) => a + it.shallow_size, 0);
  const pct = (n) => `${((100 * n) / code).toFixed(1)}%`;
  const short = (name) => (name.length > 110 ? `${name.slice(0, 107)}...` : name);
  console.log(`\nThe 25 biggest items (twiggy top, shallow size; % of the ${kb(code)} without names):\n`);
  table(['bytes', '%', 'item'], items.slice(0, 25).map((it) => [it.shallow_size, pct(it.shallow_size), short(it.name)]));

  // The same items summed by crate: where to look first.
  const byCrate = new Map();
  for (const it of items) byCrate.set(crateOf(it.name), (byCrate.get(crateOf(it.name)) || 0) + it.shallow_size);
  console.log('\nBy crate (items summed by the crate of their name; data segments are "rodata"):\n');
  table(['crate', 'size', '%'], [...byCrate.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)
    .map(([c, n]) => [c, kb(n), pct(n)]));
}

function crateOf(name) {
  if (name.startsWith('data segment')) return 'rodata';
  if (/^code\[\d+\]$/.test(name)) return '(unnamed code)';
  // `<T as Trait>::f` on a generic T, and `drop_in_place<T>`, count with the
  // crate of the trait or of T: that is the code that asked for them.
  const prim = String.raw`(?:char|str|bool|[iu](?:8|16|32|64|128|size)|f32|f64)`;
  let n = name.replace(/^core::ptr::drop_in_place<(.*)>::h[0-9a-f]+$/, '$1');
  if (new RegExp(String.raw`^<${prim}>::`).test(n)) return 'core';
  n = n.replace(new RegExp(String.raw`^<&?(?:mut )?(?:[A-Z]\w*|\([A-Z, ]*\)|${prim}) as `), '<');
  n = n.replace(/^(?:[<&\s*]|dyn |mut |const |impl )+/, '');
  const m = n.match(/^([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/);
  return m ? m[1] : '(wasm-bindgen glue and tables)';
}

// The shipped code's size, measured the one way every report and test uses.
//
//   import { measure } from './sizes.mjs';
//   const { files, total } = measure('dist');
//
// `files` maps each shipped file in the folder (every .wasm, .js and .css,
// by file name) to { raw, gzip, brotli } in bytes. `entries` has the same
// three numbers for each way a page starts (ENTRIES): summed over the code
// it downloads before it shows anything (CSS is reported, not counted).
// `total` is the full app's entry.
// gzip is level 9, brotli quality 11, each file compressed on its own, as a
// static host would serve it, with node's zlib (as tests/bench/run.mjs does;
// the gzip command's -9 comes out ~2% smaller on the wasm). Sizes are in
// bytes; reports divide by 1024 for KB.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SHIPPED = ['.wasm', '.js', '.css'];

/** The code each entry loads: newsroom.js, then the module it chooses, and its wasm. */
export const ENTRIES = {
  // Any page with an element that is not a compact list: the app and the
  // loader of its code split off (which its glue imports); not the split-off
  // parts (`split_*.wasm`, `chunk_*.wasm`), fetched when first used.
  full: ['newsroom.js', 'newsroom-app.js', '__wasm_split.js', 'newsroom-app_bg.wasm'],
  // A page of compact lists only (src/headlines/).
  headlines: ['newsroom.js', 'newsroom-headlines.js', 'newsroom-headlines_bg.wasm'],
};

/** { raw, gzip, brotli } of one buffer, in bytes. */
export function sizeOf(bytes) {
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Per-file sizes of the shipped files in `dir`, and each entry's total. */
export function measure(dir) {
  const names = fs.readdirSync(dir).filter((n) => SHIPPED.includes(path.extname(n))).sort();
  const files = {};
  for (const name of names) files[name] = sizeOf(fs.readFileSync(path.join(dir, name)));
  const entries = {};
  for (const [entry, parts] of Object.entries(ENTRIES)) {
    const sum = { raw: 0, gzip: 0, brotli: 0 };
    // A missing file counts as nothing; the budget tests say which is missing.
    for (const part of parts) for (const k of Object.keys(sum)) sum[k] += files[part]?.[k] ?? 0;
    entries[entry] = sum;
  }
  return { files, entries, total: entries.full };
}

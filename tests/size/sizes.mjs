// The shipped code's size, measured the one way every report and test uses.
//
//   import { measure } from './sizes.mjs';
//   const { files, total } = measure('dist');
//
// `files` maps each shipped file in the folder (every .wasm, .js and .css,
// by file name) to { raw, gzip, brotli } in bytes; `total` is the same
// three numbers summed over the .wasm and .js files only: the code a reader
// downloads before the page can run (CSS is reported, not counted).
// gzip is level 9, brotli quality 11, each file compressed on its own, as a
// static host would serve it, with node's zlib (as tests/bench/run.mjs does;
// the gzip command's -9 comes out ~2% smaller on the wasm). Sizes are in
// bytes; reports divide by 1024 for KB.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SHIPPED = ['.wasm', '.js', '.css'];
const CODE = ['.wasm', '.js'];

/** { raw, gzip, brotli } of one buffer, in bytes. */
export function sizeOf(bytes) {
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Per-file sizes of the shipped files in `dir`, and the wasm + js total. */
export function measure(dir) {
  const names = fs.readdirSync(dir).filter((n) => SHIPPED.includes(path.extname(n))).sort();
  const files = {};
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const name of names) {
    const size = sizeOf(fs.readFileSync(path.join(dir, name)));
    files[name] = size;
    if (CODE.includes(path.extname(name))) {
      for (const k of Object.keys(total)) total[k] += size[k];
    }
  }
  return { files, total };
}

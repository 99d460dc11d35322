#!/usr/bin/env node
// The release build's linker for the wasm target (the Makefile's
// RELEASE_WASM_ENV): rust-lld, then, for the app alone, its code split in
// two. Code the first view does not need (`browser/lazy_code.rs`) goes into
// wasm files of its own, fetched when first called.
//
// Splitting must happen before wasm-bindgen, which Trunk runs right after
// cargo, so it happens here, at link time: rust-lld writes the app's wasm
// with its relocations (`--emit-relocs`), wasm-split-cli (crates.io's
// wasm_split_cli_support, installed by the Makefile) cuts it at the
// functions marked `wasm_split`, and the main part takes the linked file's
// place, for Trunk's wasm-bindgen and wasm-opt as before. The other parts and
// the script that loads them (`__wasm_split.js`) wait beside it for the
// release build's last step (`release_build.mjs`, `partsDir`), which
// optimises them and stages them with the rest.
//
// The parts share the main part's memory, stack pointer and function table.
// wasm-bindgen removes an export named `__indirect_function_table` (a
// linker's own), so the table is exported under a name of the same length.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The app's wasm as rustc asks the linker to write it (`deps/newsroom_app-<hash>.wasm`). */
const APP = /^newsroom_app-[0-9a-f]+\.wasm$/;

/**
 * Where the parts split off with the main part `main` (its bytes) wait, in
 * the profile's folder (`release`, the parent of `deps`): named by the main
 * part's hash, so that the parts staged always match it, whichever of the
 * builds cargo kept (one per set of flags) Trunk is given.
 */
export function partsDir(profileDir, main) {
  return path.join(profileDir, 'newsroom-app-split', createHash('sha256').update(main).digest('hex').slice(0, 16));
}
const TABLE = '__indirect_function_table';
const SHARED_TABLE = '__wasm_split_shared_table';

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const out = args[args.indexOf('-o') + 1] ?? '';
  const app = APP.test(path.basename(out));
  // rustc puts its own rust-lld on the linker's PATH.
  execFileSync('rust-lld', app ? [...args, '--emit-relocs'] : args, { stdio: 'inherit' });
  if (app) split(out);
}

function split(linked) {
  const out = fs.mkdtempSync(`${linked}.split-`);
  execFileSync('wasm-split-cli', ['--out-name', 'newsroom-app', linked, out], { stdio: 'inherit' });
  const mainFile = path.join(out, 'newsroom-app.wasm');
  const main = renameTable(fs.readFileSync(mainFile));
  fs.rmSync(mainFile);
  const loader = path.join(out, '__wasm_split.js');
  fs.writeFileSync(loader, sharedTable(fs.readFileSync(loader, 'utf8')));
  const parts = partsDir(path.join(path.dirname(linked), '..'), main);
  fs.rmSync(parts, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(parts), { recursive: true });
  fs.renameSync(out, parts);
  fs.writeFileSync(linked, main);
}

/** The wasm with its table exported as SHARED_TABLE: the export's name, byte for byte, once. */
function renameTable(wasm) {
  const from = Buffer.from(`\x19${TABLE}`);
  const at = wasm.indexOf(from);
  if (at < 0 || wasm.indexOf(from, at + 1) >= 0) fail(`the export ${TABLE} is not found exactly once`);
  const renamed = Buffer.concat([wasm.subarray(0, at), Buffer.from(`\x19${SHARED_TABLE}`), wasm.subarray(at + from.length)]);
  const table = WebAssembly.Module.exports(new WebAssembly.Module(renamed)).find((e) => e.name === SHARED_TABLE);
  if (table?.kind !== 'table') fail(`${SHARED_TABLE} is not the exported table`);
  return renamed;
}

/** The loader reading the main part's table under its new name, and giving it to the parts under the old. */
function sharedTable(js) {
  const from = `const { ${TABLE},`;
  if (js.split(from).length !== 2) fail(`__wasm_split.js does not read ${TABLE} once`);
  return js.replace(from, `const { ${SHARED_TABLE}: ${TABLE},`);
}

function fail(why) {
  console.error(`split_link: ${why}`);
  process.exit(1);
}

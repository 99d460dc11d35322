// Trunk's post-build step for the release build (Trunk.toml's hook), on the
// files it staged: each entry's wasm (`newsroom-*_bg.wasm`) and its
// wasm-bindgen glue (`newsroom-*.js`).
//
// 1. Short import and export names. wasm-bindgen names each import
//    `__wbg_<method>_<16 hex digits>`, once in the wasm and once in the glue;
//    the hex digits do not compress. wasm-opt (npm's binaryen, as for the
//    build itself) renames every import, export and import module to one or
//    two letters and prints what it renamed; the glue is then given the same
//    names. Every rename is checked to land exactly where the glue uses the
//    name, or the build fails.
// 2. The glue minified by terser (Trunk's own minifier breaks it). Module
//    syntax kept, so exports and `import.meta.url` stay as they are. The
//    same for `newsroom.js`, the script a page includes: it counts in what
//    each entry downloads.
//
// Before both, classes the page never uses go, from the glue and with the
// wasm exports behind them: wasm-streams' stream adapters, which leptos
// links through server_fn's browser streams. Each class is checked to be
// gone whole, and its exports to be used nowhere else, or the build fails.
//
// 3. The app's code split off at link time (`split_link.mjs`), when its glue
//    imports the split's loader: each part optimised as the app is
//    (index.html's wasm-opt options), the loader given the app's new names
//    and minified, all staged beside the app.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import binaryen from 'binaryen';
import { partsDir } from './split_link.mjs';

// npm's wasm-opt, the one the Makefile puts first on PATH for Trunk (an older
// system build breaks the module), even when this runs with another PATH.
const npmWasmOpt = path.join(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/.bin/wasm-opt');
const wasmOpt = fs.existsSync(npmWasmOpt) ? npmWasmOpt : 'wasm-opt';

// What the module uses of wasm beyond its first version, as wasm-opt and
// binaryen.js name it: the build's own run reads them from the
// target_features section, which it then strips.
const FEATURES = {
  'bulk-memory': 'BulkMemory', 'reference-types': 'ReferenceTypes', multivalue: 'Multivalue', 'sign-ext': 'SignExt',
  'nontrapping-float-to-int': 'NontrappingFPToInt', 'mutable-globals': 'MutableGlobals',
};
// Stack IR as -Os writes it, so the code section is written as compactly as
// the build wrote it.
const WASM_OPT = [
  ...Object.keys(FEATURES).map((f) => `--enable-${f}`),
  '--optimize-level=2', '--shrink-level=1',
  '--minify-imports-and-exports-and-modules',
  '--generate-stack-ir', '--optimize-stack-ir',
];

/** Exported classes of the glue that nothing on the page constructs or receives. */
const UNUSED_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];

/** The split's loader, as the glue imports it and as it is staged. */
const LOADER = '__wasm_split.js';

const dir = process.env.TRUNK_STAGING_DIR;
if (process.env.TRUNK_PROFILE === 'release') {
  for (const name of fs.readdirSync(dir).filter((n) => /^newsroom-.*_bg\.wasm$/.test(n))) {
    const wasmFile = path.join(dir, name);
    const glueFile = path.join(dir, name.replace(/_bg\.wasm$/, '.js'));
    let glue = withoutUnusedClasses(wasmFile, fs.readFileSync(glueFile, 'utf8'));
    const split = glue.includes(`from "./${LOADER}"`) ? stageSplit(wasmFile) : undefined;
    glue = shortNames(wasmFile, glue, split);
    await minifyTo(glueFile, glue);
    if (split) await minifyTo(path.join(dir, LOADER), split.loader);
  }
  const entry = path.join(dir, 'newsroom.js');
  await minifyTo(entry, fs.readFileSync(entry, 'utf8'));
}

async function minifyTo(file, js) {
  const { code } = await minify(js, { module: true, ecma: 2020 });
  fs.writeFileSync(file, code);
}

/**
 * The app's split-off parts optimised into the staging folder; returns the
 * loader's text, to be given the app's new names.
 */
function stageSplit(wasmFile) {
  // The parts split off with the main part Trunk was given.
  const { target_directory: target } = JSON.parse(execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1'], { encoding: 'utf8' }));
  const release = path.join(target, 'wasm32-unknown-unknown', 'release');
  const parts = partsDir(release, fs.readFileSync(path.join(release, 'newsroom-app.wasm')));
  if (!fs.existsSync(path.join(parts, LOADER))) fail(wasmFile, `its glue imports ${LOADER}, and the parts split off with it are not in ${parts}`);
  // The app's own wasm-opt step, as index.html gives it to Trunk.
  const html = fs.readFileSync(path.join(process.env.TRUNK_SOURCE_DIR ?? '.', 'index.html'), 'utf8');
  const app = html.match(/<link data-trunk rel="rust" data-bin="newsroom-app"[^>]*>/)?.[0] ?? '';
  const level = app.match(/data-wasm-opt="(\w+)"/)?.[1];
  const params = app.match(/data-wasm-opt-params="([^"]*)"/)?.[1];
  if (!level || params === undefined) fail(wasmFile, 'index.html gives no wasm-opt options for newsroom-app');
  for (const name of fs.readdirSync(parts).filter((n) => n.endsWith('.wasm'))) {
    // Its warnings about the part's name section (rustc's, which the output drops) are left unsaid.
    execFileSync(wasmOpt, [`-O${level}`, ...params.split(/\s+/).filter(Boolean), ...Object.keys(FEATURES).map((f) => `--enable-${f}`),
      '--strip-debug', path.join(parts, name), '-o', path.join(dir, name)], { stdio: ['ignore', 'ignore', 'pipe'] });
  }
  return { loader: fs.readFileSync(path.join(parts, LOADER), 'utf8') };
}

/**
 * The glue without UNUSED_CLASSES (those it has), and the wasm, in place,
 * without their exports and the code only they reach.
 */
function withoutUnusedClasses(wasmFile, glue) {
  const classes = UNUSED_CLASSES.filter((c) => glue.includes(`export class ${c} {`));
  if (classes.length === 0) return glue;
  for (const c of classes) {
    // As wasm-bindgen writes them: the class to its closing brace at the
    // start of a line, the line that gives it `Symbol.dispose`, and its
    // FinalizationRegistry.
    glue = replaceExactly(glue, wasmFile, `export class ${c} {`, `/*${c}*/`, 1);
    glue = glue.replace(new RegExp(`/\\*${c}\\*/\\n[^]*?\\n}\\n`), '');
    glue = glue.replace(`if (Symbol.dispose) ${c}.prototype[Symbol.dispose] = ${c}.prototype.free;\n`, '');
    glue = glue.replace(new RegExp(`const ${c}Finalization = [^;]*;\\n`), '');
    if (new RegExp(`(?<![\\w$])${c}(?![\\w$])`).test(glue)) fail(wasmFile, `class ${c} still named in its glue`);
  }
  const module = binaryen.readBinary(fs.readFileSync(wasmFile));
  module.setFeatures(Object.values(FEATURES).reduce((all, f) => all | binaryen.Features[f], binaryen.Features.MVP));
  const prefixes = classes.map((c) => c.toLowerCase());
  for (let i = module.getNumExports() - 1; i >= 0; i--) {
    const { name } = binaryen.getExportInfo(module.getExportByIndex(i));
    if (!prefixes.some((p) => name.startsWith(`${p}_`) || name === `__wbg_${p}_free`)) continue;
    if (glue.includes(`wasm.${name}`)) fail(wasmFile, `${name} is still used by its glue`);
    module.removeExport(name);
  }
  module.runPasses(['remove-unused-module-elements']);
  fs.writeFileSync(wasmFile, module.emitBinary());
  module.dispose();
  return glue;
}

/**
 * Renames the wasm's imports and exports in place; returns the glue using
 * the new names (and `split.loader` too, when the app's code is split).
 */
function shortNames(wasmFile, glue, split) {
  const before = WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(wasmFile)));
  const renamed = JSON.parse(execFileSync(wasmOpt, [...WASM_OPT, wasmFile, '-o', wasmFile], { encoding: 'utf8' }));
  const after = WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(wasmFile)));

  // wasm-opt gives every import one module. The glue gives wasm-bindgen's
  // as one object under its module's name, and, when the app's code is
  // split, the split's loader (its exports) under the loader's: the
  // loader's exports join wasm-bindgen's object, under the one new name.
  const splitModule = `./${LOADER}`;
  const modules = new Set(before.map((i) => i.module));
  const own = [...modules].filter((m) => m !== splitModule);
  const newModules = new Set(after.map((i) => i.module));
  if (own.length !== 1 || newModules.size !== 1 || modules.has(splitModule) !== Boolean(split)) {
    fail(wasmFile, `imports from ${[...modules].join(', ')}, renamed to ${[...newModules].join(', ')}`);
  }
  const [newModule] = newModules;
  const loaderExports = [];
  glue = glue.replace(new RegExp(`\\n\\s*${escaped(JSON.stringify(splitModule))}: ([\\w$]+),`, 'g'), (_, name) => {
    loaderExports.push(name);
    return '';
  });
  if (loaderExports.length === 0 && split) fail(wasmFile, `its glue does not give ${LOADER}'s exports to the wasm`);
  glue = replaceExactly(glue, wasmFile, `${JSON.stringify(own[0])}:`, `${JSON.stringify(newModule)}:`, 1);
  if (split) {
    const ownObject = new RegExp(`(${escaped(JSON.stringify(newModule))}: )([\\w$]+)`);
    if (!ownObject.test(glue)) fail(wasmFile, 'its glue gives no object of imports');
    glue = glue.replace(ownObject, (_, key, name) => `${key}{ ...${[name, ...loaderExports].join(', ...')} }`);
  }

  // Each import is a key of that object, once, or an export of the loader;
  // each export is read as `wasm.<name>`, any number of times.
  for (const [module, old, short] of renamed.imports) {
    if (module === splitModule) split.loader = replaceExactly(split.loader, wasmFile, `export const ${old}`, `export const ${short}`, 1);
    else glue = replaceExactly(glue, wasmFile, old, short, 1);
  }
  for (const [old, short] of renamed.exports) glue = replaceExactly(glue, wasmFile, `wasm.${old}`, `wasm.${short}`);
  if (split) split.loader = sharedNames(wasmFile, split.loader, new Map(renamed.exports));
  return glue;
}

/**
 * The loader reading what the split parts share (memory, table, stack
 * pointer) from the app's exports under their new names: `const { a, b: c }
 * = initSync(…)` reads `a` and `b`.
 */
function sharedNames(wasmFile, loader, exports) {
  const read = /const \{([^}]*)\} = initSync\(/;
  const names = loader.match(read)?.[1];
  if (names === undefined || loader.split(read).length !== 3) fail(wasmFile, `${LOADER} does not read the app's exports once`);
  const renamedNames = names.split(',').map((n) => n.trim()).filter(Boolean).map((n) => {
    const [exported, local = exported] = n.split(':').map((s) => s.trim());
    if (!exports.has(exported)) fail(wasmFile, `${LOADER} reads ${exported}, which the app does not export`);
    return `${exports.get(exported)}: ${local}`;
  });
  return loader.replace(read, `const { ${renamedNames.join(', ')} } = initSync(`);
}

/** `from` replaced where it stands as a whole name, `count` times if given. */
function replaceExactly(text, file, from, to, count) {
  const pattern = new RegExp(`(?<![\\w$])${escaped(from)}(?![\\w$])`, 'g');
  const found = text.match(pattern)?.length ?? 0;
  if (count !== undefined && found !== count) fail(file, `${from} found ${found} times in its glue, expected ${count}`);
  return text.replace(pattern, () => to);
}

/** `text` as a regular expression that matches it literally. */
function escaped(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fail(file, why) {
  console.error(`release build: ${path.basename(file)}: ${why}`);
  process.exit(1);
}

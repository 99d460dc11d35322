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

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import binaryen from 'binaryen';

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

const dir = process.env.TRUNK_STAGING_DIR;
if (process.env.TRUNK_PROFILE === 'release') {
  for (const name of fs.readdirSync(dir).filter((n) => /^newsroom-.*_bg\.wasm$/.test(n))) {
    const wasmFile = path.join(dir, name);
    const glueFile = path.join(dir, name.replace(/_bg\.wasm$/, '.js'));
    const glue = shortNames(wasmFile, withoutUnusedClasses(wasmFile, fs.readFileSync(glueFile, 'utf8')));
    const { code } = await minify(glue, { module: true, ecma: 2020 });
    fs.writeFileSync(glueFile, code);
  }
  const entry = path.join(dir, 'newsroom.js');
  const { code } = await minify(fs.readFileSync(entry, 'utf8'), { module: true, ecma: 2020 });
  fs.writeFileSync(entry, code);
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

/** Renames the wasm's imports and exports in place; returns the glue using the new names. */
function shortNames(wasmFile, glue) {
  const before = WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(wasmFile)));
  const renamed = JSON.parse(execFileSync(wasmOpt, [...WASM_OPT, wasmFile, '-o', wasmFile], { encoding: 'utf8' }));
  const after = WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(wasmFile)));

  // The glue gives all imports as one object under one module name.
  const modules = new Set(before.map((i) => i.module));
  const newModules = new Set(after.map((i) => i.module));
  if (modules.size !== 1 || newModules.size !== 1) fail(wasmFile, `imports from ${modules.size} modules, renamed to ${newModules.size}`);
  const [moduleName] = modules;
  const [newModule] = newModules;
  glue = replaceExactly(glue, wasmFile, JSON.stringify(moduleName), JSON.stringify(newModule), 1);

  // Each import is a key of that object, once; each export is read as `wasm.<name>`, any number of times.
  for (const [module, old, short] of renamed.imports) {
    if (module !== moduleName) fail(wasmFile, `import ${old} from ${module}`);
    glue = replaceExactly(glue, wasmFile, old, short, 1);
  }
  for (const [old, short] of renamed.exports) glue = replaceExactly(glue, wasmFile, `wasm.${old}`, `wasm.${short}`);
  return glue;
}

/** `from` replaced where it stands as a whole name, `count` times if given. */
function replaceExactly(text, file, from, to, count) {
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, 'g');
  const found = text.match(pattern)?.length ?? 0;
  if (count !== undefined && found !== count) fail(file, `${from} found ${found} times in its glue, expected ${count}`);
  return text.replace(pattern, () => to);
}

function fail(file, why) {
  console.error(`release build: ${path.basename(file)}: ${why}`);
  process.exit(1);
}

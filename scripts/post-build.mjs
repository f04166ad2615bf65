// Trunk's one post-build hook (Trunk 0.21 starts all post_build hooks at
// once, so every step lives here, in order). In release builds it:
//
// 1. optimises the wasm (index.html turns Trunk's own wasm-opt off, so it
//    runs once, here, with the same settings), drops from the JavaScript
//    glue the classes of wasm-streams, whose exports scripts/wasm-link.sh
//    leaves out of the module, and gives the functions the module imports
//    from the glue and those it exports to it short names, in both;
// 2. writes the service worker, dist/sw.js, from src/service-worker.js
//    with this build's files to keep for offline use (their hashed names)
//    and a version drawn from their content, so a new build is a new
//    worker and the page can offer to reload;
// 3. minifies the JavaScript glue, the small modules copied from src/
//    (snippets/) and the service worker, which Trunk leaves as they are;
// 4. writes the Content-Security-Policy into index.html, with the hash of
//    each inline script as it is now (Trunk has already minified the
//    page), so the policy is right for every build.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as acorn from "acorn";
import binaryen from "binaryen";
import { minify } from "terser";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const WASM_OPT = [
  // Flattening and re-looping the control flow before the size passes
  // saves 1.9 KB brotli, at no cost the scale benchmark can see
  // (BENCHMARKS.md, thirteenth session).
  "--flatten",
  "--rereloop",
  "-Os",
  "-Os",
  "--converge",
  "--low-memory-unused",
  "-ocimfs",
  "30",
  "--strip-producers",
  // TRELLIS_WASM_NAMES=1 keeps the functions' names, for a CPU profile
  // that names them (scripts/bench.sh's TRELLIS_BENCH_PROFILE).
  process.env.TRELLIS_WASM_NAMES === "1" ? "-g" : "--strip-debug",
];
binaryen.setDebugInfo(process.env.TRELLIS_WASM_NAMES === "1");
// The glue of wasm-streams' classes (IntoUnderlyingSource, ...Sink,
// ...ByteSource), which the module no longer exports.
const UNUSED = /intounderlying/i;

// `node scripts/post-build.mjs --wasm <file>` runs step 1 alone on a file
// wasm-bindgen wrote (scripts/wasm-size.sh measures the wasm that way).
if (process.argv[2] === "--wasm") {
  optimise(process.argv[3]);
} else if (process.env.TRUNK_PROFILE === "release") {
  const dir = process.env.TRUNK_STAGING_DIR;
  const names = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"));
  const wasm = names.find((name) => name.endsWith(".wasm"));
  const imports = optimise(join(dir, wasm));
  const shortNames = shortenImports(join(dir, wasm));
  const exportNames = shortenExports(join(dir, wasm));
  const glue = join(dir, wasm.replace(/_bg\.wasm$/, ".js"));
  const pruned = encodeLongTexts(pruneGlue(await readFile(glue, "utf8"), imports, shortNames));
  await writeFile(glue, pruned.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (use, name) => `wasm.${exportNames.get(name) ?? name}`));
  await writeServiceWorker(dir, names);
  for (const name of [...names, "sw.js"].filter((name) => name.endsWith(".js"))) {
    const path = join(dir, name);
    const result = await minify(await readFile(path, "utf8"), {
      module: true,
      compress: true,
      mangle: true,
    });
    await writeFile(path, result.code);
  }
  await writeContentSecurityPolicy(join(dir, "index.html"));
}

// Optimises the module and returns the names of the functions it still
// imports.
function optimise(path) {
  execFileSync(join(root, "node_modules", ".bin", "wasm-opt"), [...WASM_OPT, path, "-o", path], {
    stdio: "inherit",
  });
  const optimised = binaryen.readBinary(readFileSync(path));
  const imported = new Set();
  for (let i = 0; i < optimised.getNumFunctions(); i++) {
    const info = binaryen.getFunctionInfo(optimised.getFunctionByIndex(i));
    if (info.module) imported.add(info.base);
  }
  optimised.dispose();
  return imported;
}

// An unsigned LEB128 number at `at` in `bytes`: its value and where it ends.
function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function leb(value) {
  const out = [];
  do {
    const byte = value % 128;
    value = Math.floor(value / 128);
    out.push(value > 0 ? byte | 0x80 : byte);
  } while (value > 0);
  return out;
}

// Where the description of an import that starts at `at` ends (its kind,
// then a function's type, a table's or memory's limits, a global's type).
function skipImportDescription(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => {
    const flags = bytes[p++];
    p = readLeb(bytes, p)[1];
    return flags & 1 ? readLeb(bytes, p)[1] : p;
  };
  if (kind === 0) return readLeb(bytes, at)[1];
  if (kind === 1) return limits(at + 1);
  if (kind === 2) return limits(at);
  if (kind === 3) return at + 2;
  if (kind === 4) return readLeb(bytes, at + 1)[1];
  throw new Error(`an import of unknown kind ${kind}`);
}

// A short name for the `n`th import: a, b, ..., Z, aa, ab, ...
function shortName(n) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  do {
    name = letters[n % letters.length] + name;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return name;
}

// Writes the module at `path` again with its section `id` replaced by
// what `rewrite(bytes, start)` returns for it (`start`: where the
// section's content begins in `bytes`).
function rewriteSection(path, id, rewrite) {
  const bytes = readFileSync(path);
  const parts = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const [size, start] = readLeb(bytes, at + 1);
    const end = start + size;
    if (bytes[at] === id) {
      const section = rewrite(bytes, start);
      parts.push(Buffer.from([id, ...leb(section.length)]), Buffer.from(section));
    } else {
      parts.push(bytes.subarray(at, end));
    }
    at = end;
  }
  writeFileSync(path, Buffer.concat(parts));
}

// Renames each function the module imports from its glue to a short
// name, in the module's import section, and returns the renaming for the
// glue's table of imports. wasm-bindgen names them after the function and
// a hash of it (`__wbg_addEventListener_0b5e…`); each name is written in
// both files and the hashes do not compress: 2-3 KB brotli (BENCHMARKS.md).
function shortenImports(path) {
  const renamed = new Map();
  rewriteSection(path, 2, (bytes, start) => {
    let [count, p] = readLeb(bytes, start);
    const section = [...leb(count)];
    for (let i = 0; i < count; i++) {
      const [moduleLength, moduleStart] = readLeb(bytes, p);
      const module = bytes.subarray(moduleStart, moduleStart + moduleLength);
      const [fieldLength, fieldStart] = readLeb(bytes, moduleStart + moduleLength);
      const field = bytes.subarray(fieldStart, fieldStart + fieldLength).toString();
      const description = fieldStart + fieldLength;
      p = skipImportDescription(bytes, description);
      let name = field;
      if (module.toString() === "./trellis_bg.js") {
        name = renamed.get(field) ?? shortName(renamed.size);
        renamed.set(field, name);
      }
      section.push(...leb(moduleLength), ...module, ...leb(name.length), ...Buffer.from(name));
      section.push(...bytes.subarray(description, p));
    }
    return section;
  });
  return renamed;
}

// Renames what the module exports to short names, in its export section,
// and returns the renaming for the glue, which reads them as `wasm.<name>`.
// wasm-bindgen names the closures' entry points after their Rust types
// (`wasm_bindgen_4c99…___convert__closures_____invoke___…`, 200 letters
// each), written in both files.
function shortenExports(path) {
  const renamed = new Map();
  rewriteSection(path, 7, (bytes, start) => {
    let [count, p] = readLeb(bytes, start);
    const section = [...leb(count)];
    for (let i = 0; i < count; i++) {
      const [length, nameStart] = readLeb(bytes, p);
      const name = bytes.subarray(nameStart, nameStart + length).toString();
      const description = nameStart + length;
      p = readLeb(bytes, description + 1)[1];
      const short = shortName(i);
      renamed.set(name, short);
      section.push(...leb(short.length), ...Buffer.from(short), ...bytes.subarray(description, p));
    }
    return section;
  });
  return renamed;
}

// The glue without wasm-streams' classes and without the
// import functions the module no longer calls; the others under the
// short names the module now imports them by.
function pruneGlue(source, imported, shortNames) {
  const cuts = [];
  const program = acorn.parse(source, { ecmaVersion: "latest", sourceType: "module" });
  for (const node of program.body) {
    const text = source.slice(node.start, node.end);
    const declares = node.declaration?.id?.name ?? node.declarations?.[0]?.id?.name ?? "";
    if (UNUSED.test(declares) || (node.type === "IfStatement" && UNUSED.test(text))) {
      cuts.push([node.start, node.end]);
    }
    if (node.type === "FunctionDeclaration" && node.id.name === "__wbg_get_imports") {
      const table = node.body.body.find((s) => s.type === "VariableDeclaration");
      for (const property of table.declarations[0].init.properties) {
        const key = property.key?.name;
        if (key?.startsWith("__wbg_") && !imported.has(key)) {
          const end = source[property.end] === "," ? property.end + 1 : property.end;
          cuts.push([property.start, end]);
        } else if (shortNames.has(key)) {
          cuts.push([property.key.start, property.key.end, shortNames.get(key)]);
        }
      }
    }
  }
  cuts.sort((a, b) => b[0] - a[0]);
  for (const [start, end, text = ""] of cuts) source = source.slice(0, start) + text + source.slice(end);
  return source;
}

// wasm-bindgen's glue copies a string into the module one character at a
// time while it is ASCII, and hands the rest to TextEncoder.encodeInto
// from the first other character. A stored pair is one long ASCII text
// (2.4 MB at 100x), read on every load: in Chromium that loop takes
// 12-16 ms, encodeInto 3-7 ms (BENCHMARKS.md). Long texts skip the loop.
function encodeLongTexts(source) {
  const loop = "for (; offset < len; offset++) {";
  if (source.split(loop).length !== 2) {
    throw new Error(`post-build: wasm-bindgen's string copy changed: "${loop}" is not in the glue once`);
  }
  return source.replace(loop, "for (; offset < len && len <= 4096; offset++) {");
}

// dist/sw.js: the worker with the list of files (and the page's own
// address, "./") and a version that changes whenever any of them does.
async function writeServiceWorker(dir, names) {
  const files = names.filter((name) => name !== "sw.js").sort();
  const version = createHash("sha256");
  for (const name of files) version.update(name).update(await readFile(join(dir, name)));
  const template = await readFile(join(root, "src", "service-worker.js"), "utf8");
  const worker = template
    .replace('"__VERSION__"', JSON.stringify(version.digest("hex").slice(0, 16)))
    .replace("__FILES__", JSON.stringify(["./", ...files]));
  await writeFile(join(dir, "sw.js"), worker);
}

// Only this site's own files, the wasm compiled from them, the inline
// scripts of this very index.html (by hash), and Trusted Types for every
// script sink: "default" for the markup Leptos builds its views from
// (index.html), "trellis-worker" for the service worker (src/ui/link.js).
async function writeContentSecurityPolicy(path) {
  const page = await readFile(path, "utf8");
  const hashes = [...page.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, code]) => `'sha256-${createHash("sha256").update(code).digest("base64")}'`,
  );
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`,
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types default trellis-worker",
  ].join(";");
  const meta = `<meta http-equiv=Content-Security-Policy content="${policy}">`;
  if (!/<meta charset=utf-8>/.test(page)) throw new Error("index.html has no <meta charset=utf-8> to put the CSP after");
  await writeFile(path, page.replace(/<meta charset=utf-8>/, (charset) => charset + meta));
}

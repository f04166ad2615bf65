// Trunk post-build hook: minifies the JavaScript glue that wasm-bindgen
// writes (about 40 KB, a quarter of that once minified), and the small
// JavaScript modules it copies from src/ (snippets/), in release builds.
// Trunk does not minify those files itself.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { minify } from "terser";

if (process.env.TRUNK_PROFILE === "release") {
  const dir = process.env.TRUNK_STAGING_DIR;
  for (const name of await readdir(dir, { recursive: true })) {
    if (!name.endsWith(".js")) continue;
    const path = join(dir, name);
    const result = await minify(await readFile(path, "utf8"), { module: true, compress: true, mangle: true });
    await writeFile(path, result.code);
  }
}

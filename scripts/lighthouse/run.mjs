// Lighthouse on a release build of Trellis, as scripts/bench.sh runs it:
//
//   node scripts/lighthouse/run.mjs <site> <workbook> [<reports>]
//
// <site> is the precompressed copy of the app that bench.sh prepares (each
// file with its .br and .gz beside it, and seed.html); <workbook> is a
// folder that tests/scale_data.rs wrote (storage.json, about.json), the
// 10x one in bench.sh; each run's report is kept in <reports> as JSON.
//
// It serves <site> under /trellis/ on 127.0.0.1 twice, once sending the
// brotli copies and once the gzip ones, and runs Lighthouse (mobile, its
// default simulated throttling) three times per page and encoding, the
// encodings taking turns: the front page as a new visitor sees it, and the
// workbook's measured pair's dashboard and Plan page with the workbook in
// localStorage. Every run has a Chromium of its own with a fresh profile,
// so no run finds another's cache or service worker. It prints one markdown
// table. Low scores are figures, not failures; a Lighthouse error or a
// missing figure fails the run.

import { createServer } from "node:http";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const RUNS = 3;
const SUB_PATH = "/trellis/";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--lang=en-US",
];

const ENCODINGS = [
  { name: "brotli", header: "br", suffix: ".br" },
  { name: "gzip", header: "gzip", suffix: ".gz" },
];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

function fail(message) {
  console.error(`lighthouse: ${message}`);
  process.exit(1);
}

const [siteArg, workbookArg, reportsArg] = process.argv.slice(2);
if (!siteArg || !workbookArg) {
  fail("usage: run.mjs <site> <workbook> [<reports>]");
}
const site = resolve(siteArg);
const workbook = resolve(workbookArg);
const reports = reportsArg ? resolve(reportsArg) : null;
if (reports) mkdirSync(reports, { recursive: true });
const chromePath = process.env.CHROME_PATH || "/usr/bin/chromium";

const about = JSON.parse(readFileSync(join(workbook, "about.json"), "utf8"));
const storage = JSON.parse(readFileSync(join(workbook, "storage.json"), "utf8"));
const storedKeys = Object.keys(storage).length;
if (!about.pair || !about.now || storedKeys === 0) {
  fail(`${workbook} has no measured pair or no stored keys`);
}

// The workbook's pages open at its own clock (`?now=`), as the scale
// benchmark opens them, so what is due or overdue is the same in both.
const PAGES = [
  { name: "front page, new visitor", address: "", seeded: false },
  {
    name: `dashboard, ${about.name}`,
    address: `?now=${about.now}#/pair/${about.pair}`,
    seeded: true,
  },
  {
    name: `Plan, ${about.name}`,
    address: `?now=${about.now}#/pair/${about.pair}/plan`,
    seeded: true,
  },
];

// A file of the site for a request path, or null: only paths under
// SUB_PATH, never out of the folder.
async function fileFor(path) {
  let rest;
  try {
    rest = decodeURIComponent(path.slice(SUB_PATH.length));
  } catch {
    return null;
  }
  const segments = rest.split("/").filter((s) => s !== "");
  if (segments.some((s) => s === "." || s === ".." || s.includes("\\"))) return null;
  let file = join(site, ...segments);
  if (file !== site && !file.startsWith(site + sep)) return null;
  if (rest === "" || rest.endsWith("/")) file = join(file, "index.html");
  try {
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

function accepts(request, encoding) {
  return String(request.headers["accept-encoding"] || "")
    .split(",")
    .some((part) => part.split(";")[0].trim().toLowerCase() === encoding);
}

// Serves the site as a static host does (GitHub Pages' caching), sending
// the precompressed copy in `encoding` whenever the browser accepts it.
// `sent` lists what went out, so a run can check the encoding was used.
function serve(encoding) {
  const sent = [];
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, "http://host").pathname;
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405).end();
      return;
    }
    if (path === SUB_PATH.slice(0, -1)) {
      response.writeHead(301, { Location: SUB_PATH }).end();
      return;
    }
    const file = path.startsWith(SUB_PATH) ? await fileFor(path) : null;
    if (file === null) {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    const headers = {
      "Content-Type": TYPES[extname(file)] || "application/octet-stream",
      Vary: "Accept-Encoding",
      "Cache-Control": "max-age=600",
    };
    let body = null;
    if (accepts(request, encoding.header)) {
      body = await readFile(file + encoding.suffix).catch(() => null);
      if (body !== null) headers["Content-Encoding"] = encoding.header;
    }
    if (body === null) body = await readFile(file);
    headers["Content-Length"] = body.length;
    sent.push({ file, encoding: headers["Content-Encoding"] || "identity" });
    response.writeHead(200, headers);
    response.end(request.method === "HEAD" ? undefined : body);
  });
  return new Promise((done, refuse) => {
    server.once("error", refuse);
    server.listen(0, "127.0.0.1", () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      done({ encoding, origin, sent, close: () => server.close() });
    });
  });
}

// Runs `look(page)` on seed.html, a page of the same origin that is not
// the app, in the browser listening on `port`, and returns what it does.
async function onSeedPage(port, origin, look) {
  const browser = await puppeteer.connect({
    browserURL: `http://127.0.0.1:${port}`,
    defaultViewport: null,
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}${SUB_PATH}seed.html`, { waitUntil: "load" });
    const seen = await look(page);
    await page.close();
    return seen;
  } finally {
    await browser.disconnect();
  }
}

// Puts the workbook into localStorage from seed.html, so no app is
// running while the keys go in.
async function seed(port, origin) {
  const count = await onSeedPage(port, origin, (page) =>
    page.evaluate((keys) => {
      localStorage.clear();
      for (const [key, text] of Object.entries(keys)) localStorage.setItem(key, text);
      return localStorage.length;
    }, storage),
  );
  if (count !== storedKeys) {
    throw new Error(`seeded ${count} keys of ${storedKeys}`);
  }
}

// Whether the measured pair is still in localStorage after a run: proof
// that Lighthouse measured the seeded workbook, not an empty one.
function stillSeeded(port, origin) {
  return onSeedPage(port, origin, (page) =>
    page.evaluate((key) => localStorage.getItem(key) !== null, `trellis/pair/${about.pair}`),
  );
}

// The first DOM node a Lighthouse audit's details name, as a short label.
function firstNode(details) {
  if (details === null || typeof details !== "object") return null;
  if (details.type === "node") return details.selector || details.snippet || null;
  for (const value of Object.values(details)) {
    const found = firstNode(value);
    if (found) return found;
  }
  return null;
}

function figures(lhr, label) {
  if (lhr.runtimeError) {
    throw new Error(`${label}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  }
  const scores = CATEGORIES.map((id) => {
    const score = lhr.categories[id]?.score;
    if (typeof score !== "number") throw new Error(`${label}: no ${id} score`);
    return Math.round(score * 100);
  });
  const metric = (id) => {
    const value = lhr.audits[id]?.numericValue;
    if (typeof value !== "number") {
      const why = lhr.audits[id]?.errorMessage || "missing";
      throw new Error(`${label}: no ${id} (${why})`);
    }
    return value;
  };
  return {
    scores,
    fcp: metric("first-contentful-paint"),
    lcp: metric("largest-contentful-paint"),
    tbt: metric("total-blocking-time"),
    cls: metric("cumulative-layout-shift"),
    lcpElement: firstNode(lhr.audits["largest-contentful-paint-element"]?.details),
    benchmarkIndex: lhr.environment?.benchmarkIndex,
    warnings: lhr.runWarnings || [],
  };
}

async function measure(server, page, run) {
  const label = `${page.name}, ${server.encoding.name}, run ${run}`;
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS });
  try {
    if (page.seeded) await seed(chrome.port, server.origin);
    server.sent.length = 0;
    const result = await lighthouse(`${server.origin}${SUB_PATH}${page.address}`, {
      port: chrome.port,
      hostname: "127.0.0.1",
      logLevel: "error",
      output: "json",
      onlyCategories: CATEGORIES,
      disableStorageReset: page.seeded,
    });
    if (!result?.lhr) throw new Error(`${label}: Lighthouse returned no result`);
    const row = figures(result.lhr, label);
    const wasm = server.sent.filter((s) => s.file.endsWith(".wasm"));
    if (wasm.length === 0) throw new Error(`${label}: the page never asked for the wasm`);
    if (!wasm.some((s) => s.encoding === server.encoding.header)) {
      throw new Error(
        `${label}: the wasm was sent as ${wasm.map((s) => s.encoding).join(", ")}, ` +
          `not ${server.encoding.header}: did Chromium not accept it?`,
      );
    }
    if (page.seeded && !(await stillSeeded(chrome.port, server.origin))) {
      throw new Error(`${label}: the seeded workbook was gone after the run`);
    }
    if (reports) {
      const slug = label.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
      writeFileSync(join(reports, `${slug}.json`), result.report);
    }
    return row;
  } finally {
    await chrome.kill();
  }
}

const servers = await Promise.all(ENCODINGS.map(serve));
const rows = [];
const started = Date.now();
try {
  for (let run = 1; run <= RUNS; run += 1) {
    for (const server of servers) {
      for (const page of PAGES) {
        const row = { page, encoding: server.encoding.name, run };
        Object.assign(row, await measure(server, page, run));
        for (const warning of row.warnings) {
          console.error(`lighthouse: ${page.name}, ${row.encoding}, run ${run}: ${warning}`);
        }
        console.error(
          `lighthouse: ${page.name}, ${row.encoding}, run ${run}: performance ${row.scores[0]}`,
        );
        rows.push(row);
      }
    }
  }
} catch (error) {
  fail(error.stack || String(error));
} finally {
  for (const server of servers) server.close();
}

const seconds = (ms) => (ms / 1000).toFixed(2);
const lines = [
  "| Page | Encoding | Run | Performance | Accessibility | Best practices | SEO | FCP (s) | LCP (s) | TBT (ms) | CLS |",
  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
];
const order = (row) => PAGES.indexOf(row.page) * 10 + ENCODINGS.findIndex((e) => e.name === row.encoding);
const sorted = [...rows].sort((a, b) => order(a) - order(b) || a.run - b.run);
for (const row of sorted) {
  lines.push(
    `| ${row.page.name} | ${row.encoding} | ${row.run} | ${row.scores.join(" | ")} | ` +
      `${seconds(row.fcp)} | ${seconds(row.lcp)} | ${Math.round(row.tbt)} | ${row.cls.toFixed(3)} |`,
  );
}
lines.push("");
for (const page of PAGES) {
  for (const encoding of ENCODINGS) {
    const mine = rows.filter((r) => r.page === page && r.encoding === encoding.name);
    const scores = mine.map((r) => r.scores[0]);
    lines.push(
      `Performance, ${page.name}, ${encoding.name}: ${Math.min(...scores)}-${Math.max(...scores)}`,
    );
  }
}
lines.push("");
for (const page of PAGES) {
  const elements = [...new Set(rows.filter((r) => r.page === page).map((r) => r.lcpElement))];
  lines.push(`LCP element, ${page.name}: ${elements.map((e) => `\`${e}\``).join(", ")}`);
}
const indexes = rows.map((r) => r.benchmarkIndex).filter((i) => typeof i === "number");
if (indexes.length > 0) {
  lines.push(
    `Lighthouse's benchmarkIndex of this machine: ${Math.min(...indexes)}-${Math.max(...indexes)}`,
  );
}
console.log(lines.join("\n"));
console.error(`lighthouse: ${rows.length} runs in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(0);

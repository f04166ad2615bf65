// Looks inside one page of the scale benchmark's 100x workbook, in headless
// Chromium over the DevTools protocol: what BENCHMARKS.md's traces and
// in-page measurements came from.
//
//   scripts/bench.sh SCALES=100 ...        # writes target/bench/{data,site}
//   (cd target/bench/site && python3 -m http.server 8765 --bind 127.0.0.1 &)
//   node --experimental-websocket scripts/trace-page.mjs http://127.0.0.1:8765 meet scripts/probes/save-notes.js
//
// It seeds localStorage with target/bench/data/100x/storage.json, opens the
// measured pair's page (meet, plan, review, ...) at the benchmark's clock,
// runs the probe (the body of an async function) and prints what it returns.
// A probe that sets `window.act` is then traced: one call of it, to the
// frame after, with main-thread time summed by trace event name.
//
// PROFILE=<n> CPU-profiles instead of tracing (sampling every 50 µs): n
// calls of `window.act(i)`, each to the frame after plus WAIT ms (default
// 0; 700 takes in the save that follows an edit), printing each call's
// busy time (JavaScript and wasm, not idle, not the browser's own work)
// and then the functions with the most self and inclusive time per call.
// With PROFILE_LOAD=1 it profiles n loads of the page instead, and needs no
// probe; LONGTASKS=<n> lists the long tasks (over 50 ms) of n loads, with
// what they add to blocking time, in real time on this machine. TOP
// (default 60) is how many functions it prints; SCALE (1x, 10x, default
// 100x) which of the benchmark's workbooks it seeds. EVENTS=<ms> also lists
// the traced act's main-thread events of at least that many ms in order,
// nested, with the event type of each dispatch. CALLEES=<text> splits the
// profiled time of the functions whose names hold <text> by the function
// each called. Build with
// TRELLIS_WASM_NAMES=1 to see the wasm's function names.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [site, page, probe] = process.argv.slice(2);
const profileRuns = Number(process.env.PROFILE || 0);
const profileLoads = profileRuns > 0 && process.env.PROFILE_LOAD === "1";
if (!probe && !profileLoads && !process.env.LONGTASKS) {
  console.error("usage: trace-page.mjs <site address> <page> <probe.js>");
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const data = join(root, "target/bench/data", process.env.SCALE || "100x");
const about = JSON.parse(readFileSync(join(data, "about.json"), "utf8"));
const storage = readFileSync(join(data, "storage.json"), "utf8");
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

const profile = mkdtempSync(join(tmpdir(), "trellis-trace-"));
const port = 9400 + Math.floor(Math.random() * 500);
const chromium = spawn(
  "/usr/bin/chromium",
  ["--headless=new", "--no-sandbox", `--remote-debugging-port=${port}`,
    `--user-data-dir=${profile}`, "--window-size=1280,900", "about:blank"],
  { stdio: "ignore" },
);
const finish = async (code) => {
  const exited = new Promise((done) => chromium.once("exit", done));
  chromium.kill();
  await exited;
  // Chromium's helper processes can still be writing to the profile for a
  // moment after the browser has exited.
  await sleep(500);
  rmSync(profile, { recursive: true, force: true, maxRetries: 10 });
  process.exit(code);
};

let targets = [];
for (let tries = 0; tries < 50 && !targets.length; tries++) {
  await sleep(200);
  targets = await fetch(`http://127.0.0.1:${port}/json`).then((r) => r.json()).catch(() => []);
}
const socket = new WebSocket(targets.find((t) => t.type === "page").webSocketDebuggerUrl);
await new Promise((open) => (socket.onopen = open));
let next = 0;
const waiting = new Map();
const events = [];
let traced;
socket.onmessage = ({ data: text }) => {
  const message = JSON.parse(text);
  if (waiting.has(message.id)) {
    waiting.get(message.id)(message.result ?? { error: message.error });
    waiting.delete(message.id);
  } else if (message.method === "Tracing.dataCollected") {
    events.push(...message.params.value);
  } else if (message.method === "Tracing.tracingComplete") {
    traced();
  }
};
const send = (method, params = {}) =>
  new Promise((answer) => {
    next += 1;
    waiting.set(next, answer);
    socket.send(JSON.stringify({ id: next, method, params }));
  });
const run = async (expression) => {
  const result = await send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
  if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description);
  return result.result?.value;
};

await send("Page.navigate", { url: `${site}/seed.html` });
await sleep(1000);
await run(`(() => { localStorage.clear(); const s = ${storage}; for (const k in s) localStorage.setItem(k, s[k]); })()`);
const pageAddress = `${site}/index.html?now=${about.now}#/pair/${about.pair}/${page}`;
const shown = async () => {
  for (let waited = 0; waited < 60000; waited += 250) {
    await sleep(250);
    if (await run(`document.querySelectorAll('main h2, main h3').length > 5`).catch(() => false)) break;
  }
};

// Sums a CPU profile into `self` and `inclusive` (ms by function name) and
// returns its busy time.
const self = new Map();
const inclusive = new Map();
const idle = new Set(["(idle)", "(program)", "(root)"]);
// CALLEES=<text>: where the time of the functions whose names hold <text>
// goes, by the function each called.
const callersOf = process.env.CALLEES;
const callees = new Map();
const addProfile = ({ nodes, samples, timeDeltas }) => {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const name = (id) => byId.get(id).callFrame.functionName || "(anonymous)";
  let busy = 0;
  samples.forEach((sample, i) => {
    const ms = (timeDeltas[i + 1] ?? 0) / 1000;
    if (!idle.has(name(sample))) busy += ms;
    self.set(name(sample), (self.get(name(sample)) ?? 0) + ms);
    const seen = new Set();
    let below = "(self)";
    let within = false;
    for (let id = sample; id !== undefined; id = parent.get(id)) {
      if (!seen.has(name(id))) inclusive.set(name(id), (inclusive.get(name(id)) ?? 0) + ms);
      seen.add(name(id));
      if (callersOf && !within && name(id).includes(callersOf)) {
        within = true;
        callees.set(below, (callees.get(below) ?? 0) + ms);
      }
      below = name(id);
    }
  });
  return busy;
};
const printProfiles = () => {
  const top = Number(process.env.TOP || 60);
  const lists = [["self", self, top / 2], ["inclusive", inclusive, top]];
  if (callersOf) lists.push([`callees of "${callersOf}"`, callees, top]);
  for (const [title, sums, count] of lists) {
    console.log(`${title} time per run:`);
    for (const [fn, ms] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, count)) {
      console.log(`${(ms / profileRuns).toFixed(2).padStart(9)} ms  ${fn.slice(0, 160)}`);
    }
  }
};
const longTaskLoads = Number(process.env.LONGTASKS || 0);
if (longTaskLoads) {
  await send("Page.enable");
  await send("Page.addScriptToEvaluateOnNewDocument", {
    source: `window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries())
      window.__long.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: "longtask", buffered: true });`,
  });
  for (let i = 0; i < longTaskLoads; i++) {
    await send("Page.navigate", { url: "about:blank" });
    await sleep(500);
    await send("Page.navigate", { url: pageAddress });
    await shown();
    await sleep(1000);
    const tasks = await run("window.__long");
    console.log(`load ${i}: long tasks [start, ms] ${JSON.stringify(tasks)}; total over 50 ms ${tasks.reduce((sum, [, ms]) => sum + ms - 50, 0)} ms`);
  }
  await finish(0);
}
if (profileRuns) {
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 50 });
}
if (profileLoads) {
  for (let i = 0; i < profileRuns; i++) {
    await send("Page.navigate", { url: "about:blank" });
    await sleep(500);
    await send("Profiler.start");
    await send("Page.navigate", { url: pageAddress });
    await shown();
    await sleep(1000);
    const { profile } = await send("Profiler.stop");
    console.log(`load ${i}: busy ${addProfile(profile).toFixed(1)} ms`);
  }
  printProfiles();
  await finish(0);
}

await send("Page.navigate", { url: pageAddress });
await shown();
await sleep(1500);

const norm = "const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();";
console.log(JSON.stringify(await run(`(async () => { ${norm}\n${readFileSync(probe, "utf8")} })()`), null, 1));
if (!(await run("typeof window.act === 'function'"))) await finish(0);

await sleep(1000);
if (profileRuns) {
  for (let i = 0; i < profileRuns; i++) {
    await send("Profiler.start");
    const ms = await run(`new Promise((done) => {
      const t0 = performance.now();
      window.act(${i});
      requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
    })`);
    await sleep(Number(process.env.WAIT || 0));
    const { profile } = await send("Profiler.stop");
    console.log(`act ${i}: ${ms.toFixed(1)} ms to the frame after, busy ${addProfile(profile).toFixed(1)} ms`);
    await sleep(800);
  }
  printProfiles();
  await finish(0);
}
await send("Tracing.start", {
  categories: "blink.user_timing,devtools.timeline,disabled-by-default-devtools.timeline",
  transferMode: "ReportEvents",
});
await sleep(300);
const timing = await run(`new Promise((done) => {
  performance.mark('act');
  const t0 = performance.now();
  window.act();
  const inAct = performance.now() - t0;
  requestAnimationFrame(() => { const toFrame = performance.now() - t0;
    setTimeout(() => done({ inAct, toFrame, toFrameAfter: performance.now() - t0 }), 0); });
})`);
await sleep(300);
const complete = new Promise((done) => (traced = done));
await send("Tracing.end");
await complete;
console.log("ms from the act:", JSON.stringify(timing));
const mark = events.find((e) => e.name === "act");
const end = mark.ts + timing.toFrameAfter * 1000;
const sums = new Map();
for (const e of events) {
  if (e.ph === "X" && e.dur && e.tid === mark.tid && e.ts >= mark.ts && e.ts <= end) {
    sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000);
  }
}
if (process.env.EVENTS) {
  // Every main-thread event of the act over EVENTS ms, in order, indented
  // by nesting: what ran inside what.
  const open = [];
  for (const e of events.filter((e) => e.ph === "X" && e.tid === mark.tid && e.ts >= mark.ts && e.ts <= end)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
    while (open.length && open.at(-1) <= e.ts) open.pop();
    if (e.dur / 1000 >= Number(process.env.EVENTS)) {
      const what = e.args?.data?.type || e.args?.data?.functionName || "";
      console.log(`${((e.ts - mark.ts) / 1000).toFixed(1).padStart(7)} ms ${"  ".repeat(open.length)}${e.name} ${what} ${(e.dur / 1000).toFixed(2)} ms`);
    }
    open.push(e.ts + e.dur);
  }
}
console.log("main-thread time by event (nested events count in each):");
for (const [name, ms] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
}
await finish(0);

// Trellis's service worker: keeps one version's files so the app opens
// without a network, and hands over to a newer version only when the page
// asks (after the person chose "Reload"). scripts/post-build.mjs writes
// the version and the list of built files into the copy in dist/sw.js.
const VERSION = "__VERSION__";
const FILES = __FILES__;
const CACHE = "trellis-" + VERSION;

// A file that fails to arrive is asked for again, twice, before this
// visit gives up on keeping the app for offline use (the next one tries
// again).
const keep = (tries) =>
  caches
    .open(CACHE)
    .then((cache) => cache.addAll(FILES))
    .catch((error) => (tries > 1 ? keep(tries - 1) : Promise.reject(error)));

self.addEventListener("install", (event) => {
  event.waitUntil(keep(3));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => key.startsWith("trellis-") && key !== CACHE).map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "use-new-version") self.skipWaiting();
});

// The app's page, whatever its query, is the cached index.html; every
// other file of this version comes from the cache; anything else (another
// page beside the app on the same host) from the network.
const HOME = new URL("./", location).pathname;
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  const page = request.mode === "navigate" && (url.pathname === HOME || url.pathname === HOME + "index.html");
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(page ? "./" : request, { ignoreSearch: page }))
      .then((found) => found || fetch(request)),
  );
});

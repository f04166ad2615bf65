// The browser's own deflate (CompressionStream) and base64url, for share
// links (unpacking stops past a limit, so a small hostile link cannot fill
// the memory), WebCrypto for passphrase-protected files and links, the
// size of this site's local storage, and this device's own choices about
// the page. Written in JavaScript because each is a few lines here and
// many bindings from Rust.

const toCode = (bytes) => {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

const fromCode = (code) =>
  Uint8Array.from(atob(code.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

const deflate = async (text) =>
  new Uint8Array(
    await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer(),
  );

// The text deflated `bytes` hold, or null past `limit` bytes.
async function inflate(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.length;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(read.value);
  }
  return new Blob(chunks).text();
}

export async function packLink(text) {
  return toCode(await deflate(text));
}

// Async, so a code that is not base64url rejects the promise (the link
// is damaged) instead of throwing into the caller.
export async function unpackLink(code, limit) {
  return inflate(fromCode(code), limit);
}

// Passphrase protection (src/storage/sealed.rs writes and reads the
// envelope around these bytes): an AES-256-GCM key from the passphrase by
// PBKDF2-SHA-256, a random salt and nonce, and the text deflated before
// it is encrypted.
async function keyFrom(passphrase, salt, iterations) {
  const secret = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, [
    "deriveKey",
  ]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    secret,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

// The salt, nonce and encrypted bytes, in base64url, joined by dots.
export async function seal(text, passphrase, iterations) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await keyFrom(passphrase, salt, iterations);
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, await deflate(text));
  return [salt, iv, new Uint8Array(data)].map(toCode).join(".");
}

// The text, null past `limit` bytes, or undefined when the passphrase is
// wrong or a byte was changed (AES-GCM cannot tell those apart).
export async function unseal(passphrase, iterations, salt, nonce, data, limit) {
  const key = await keyFrom(passphrase, fromCode(salt), iterations);
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromCode(nonce) }, key, fromCode(data)).catch(
    () => undefined,
  );
  return plain && inflate(new Uint8Array(plain), limit);
}

export function copyText(text) {
  return navigator.clipboard.writeText(text);
}

export function storedChars() {
  let chars = 0;
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    chars += key.length + (localStorage.getItem(key) || "").length;
  }
  return chars;
}

// This device's own choices about the page (the presenting view, where
// the tour is) live under keys of their own, apart from the workbook's and
// the demo's, so neither changes for them. Without a value it reads the
// choice; null forgets it.
export function uiChoice(name, value) {
  const key = "trellis-ui/" + name;
  try {
    if (value === undefined) return localStorage.getItem(key);
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch (blocked) {
    return null;
  }
  return value;
}

// Shows the presenting view or not; without a choice, as this device last
// chose. Returns whether it is shown.
export function present(choice) {
  const on = choice === undefined ? uiChoice("presenting") !== null : choice;
  if (choice !== undefined) uiChoice("presenting", on ? "on" : null);
  document.documentElement.classList.toggle("presenting", on);
  return on;
}

// Scrolls the focused element into view when the undo bar has just been
// drawn over it.
export function keepFocusInView() {
  const focused = document.activeElement;
  const bar = document.querySelector(".undo-card");
  if (!focused || !bar || focused === document.body || bar.contains(focused)) return;
  if (focused.getBoundingClientRect().bottom > bar.getBoundingClientRect().top) {
    focused.scrollIntoView({ block: "center" });
  }
}

// Registering a service worker takes a script URL, which the CSP's
// Trusted Types guard: this policy makes one for the worker's own URL and
// refuses any other.
const workerURL =
  window.trustedTypes?.createPolicy("trellis-worker", {
    createScriptURL: (url) => {
      if (url !== "sw.js") throw new TypeError("Trellis registers only its own service worker.");
      return url;
    },
  }).createScriptURL("sw.js") ?? "sw.js";

// Offline use. Registers the service worker (scripts/post-build.mjs writes
// sw.js into release builds) and, once a newer version of Trellis has been
// fetched and waits, marks the page so that its notice shows. Asks the
// browser to keep this site's storage and marks the page with its answer,
// which Settings shows.
export function startOffline() {
  const answered = (kept) => document.documentElement.classList.add(kept ? "storage-kept" : "storage-not-kept");
  (navigator.storage?.persist?.() ?? Promise.resolve(false)).then(answered, () => answered(false));
  navigator.serviceWorker?.register(workerURL).then((registration) => {
    const waiting = () => {
      if (registration.waiting && navigator.serviceWorker.controller) {
        document.documentElement.classList.add("new-version");
      }
    };
    waiting();
    registration.addEventListener("updatefound", () =>
      registration.installing?.addEventListener("statechange", waiting),
    );
  }, () => {});
}

// Hands over to the waiting version, then loads the page again with it.
export function useNewVersion() {
  navigator.serviceWorker.getRegistration().then((registration) => {
    if (!registration?.waiting) return location.reload();
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload());
    registration.waiting.postMessage("use-new-version");
  });
}

// Calls `start` once the browser has reported the page's first
// contentful paint (the first screen index.html draws), so the app's
// start-up never holds the thread before anything is shown, and the
// first screen is on record as painted before the app replaces it. At
// once when that paint has already been reported, when the tab is hidden
// (it paints nothing), or when the browser does not report paints; and
// after a second in any case, should the report never come.
export function afterFirstPaint(start) {
  let started = false;
  const go = () => started || ((started = true), start());
  if (document.hidden || !PerformanceObserver.supportedEntryTypes?.includes("paint")) return go();
  setTimeout(go, 1000);
  new PerformanceObserver((list, observer) => {
    if (!list.getEntriesByName("first-contentful-paint").length) return;
    observer.disconnect();
    setTimeout(go);
  }).observe({ type: "paint", buffered: true });
}

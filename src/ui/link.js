// The browser's own deflate (CompressionStream) and base64url, for share
// links (unpacking stops past a limit, so a small hostile link cannot fill
// the memory), the size of this site's local storage, and this device's
// own choices about the page. Written in JavaScript
// because each is a few lines here and many bindings from Rust.

export async function packLink(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export async function unpackLink(code, limit) {
  const binary = atob(code.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
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

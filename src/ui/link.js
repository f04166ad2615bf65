// The browser's own deflate (CompressionStream) and base64url, for share
// links (unpacking stops past a limit, so a small hostile link cannot fill
// the memory), the size of this site's local storage, and the presenting
// view's class and remembered choice. Written in JavaScript
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

// The presenting view's choice lives in a key of its own, apart from the
// workbook's and the demo's, so neither changes for it.
export function present(choice) {
  const key = "trellis-ui/presenting";
  let on = choice;
  try {
    if (on === undefined) on = localStorage.getItem(key) !== null;
    else if (on) localStorage.setItem(key, "on");
    else localStorage.removeItem(key);
  } catch {
    on = Boolean(on);
  }
  document.documentElement.classList.toggle("presenting", on);
  return on;
}

// Scrolls the first milestone's box into view (on the plan page) and waits
// for the browser to draw what came into view. Then ticks it and returns
// the DOM mutations of that frame, counted by kind, element and attribute,
// and leaves unticking it to be traced or profiled.
const labels = [...document.querySelectorAll('label')]
  .filter((l) => norm(l.textContent).startsWith('Milestone reached:') && l.htmlFor);
const box = document.getElementById(labels[0].htmlFor);
box.scrollIntoView({ block: 'center' });
await new Promise((done) => setTimeout(done, 500));
const describe = (n) => (n.nodeType === 1 ? n.tagName.toLowerCase() : n.nodeName);
const counts = {};
const observer = new MutationObserver((list) => {
  for (const m of list) {
    const key = [m.type, describe(m.target), m.attributeName || ''].join(' ');
    counts[key] = (counts[key] || 0) + 1;
  }
});
observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
box.click();
await new Promise((done) => requestAnimationFrame(done));
observer.disconnect();
await new Promise((done) => setTimeout(done, 500));
window.act = () => box.click();
return { milestone: norm(labels[0].textContent), mutations: Object.values(counts).reduce((a, b) => a + b, 0), counts };

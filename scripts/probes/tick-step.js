// Scrolls the box of "Step 3.1.2" (in the third objective's card, far
// below the first screen of the plan page) into view, waits for the
// browser to draw what came into view, and leaves ticking it to be traced.
const label = [...document.querySelectorAll('label')]
  .find((l) => norm(l.textContent) === 'Step 3.1.2' && l.htmlFor);
const box = document.getElementById(label.htmlFor);
box.scrollIntoView({ block: 'center' });
await new Promise((done) => setTimeout(done, 500));
window.act = () => box.click();
return 'ready: ' + box.id;

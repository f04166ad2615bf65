// Opens the first session's editor, changes its notes, and leaves
// "Save session" to be traced.
const fold = 'summary, button[aria-expanded]';
const card = document.querySelector('main article');
[...card.querySelectorAll(fold)].find((f) => norm(f.textContent) === 'Edit session').click();
await new Promise((drawn) => setTimeout(drawn, 500));
const label = [...card.querySelectorAll('label')].find((l) => norm(l.textContent).startsWith('Shared notes'));
const notes = document.getElementById(label.htmlFor);
notes.value = `Edited notes ${Date.now()}`;
notes.dispatchEvent(new Event('input', { bubbles: true }));
const save = [...card.querySelectorAll('button')].find((b) => norm(b.textContent) === 'Save session');
window.act = () => save.click();
return 'ready: Save session';

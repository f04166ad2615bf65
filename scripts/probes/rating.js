// Opens the mentor's answers of the first round waiting for them (on the
// review page) and leaves choosing the first rating (1 to 5 in turn) and
// "Save the mentor's answers" to be traced or profiled.
const folds = [...document.querySelectorAll('button[aria-expanded]')];
const fold = folds.find((b) => norm(b.textContent) === 'Answer as mentor')
  || folds.find((b) => norm(b.textContent) === "Change the mentor's answers");
fold.click();
await new Promise((done) => setTimeout(done, 500));
const form = fold.parentElement;
const rating = [...form.querySelectorAll('label')].find((l) => norm(l.textContent).startsWith('Rating')).control;
const save = [...form.querySelectorAll('button')].find((b) => norm(b.textContent) === "Save the mentor's answers");
window.act = (i = 0) => {
  rating.value = String(1 + (i % 5));
  rating.dispatchEvent(new Event('input', { bubbles: true }));
  rating.dispatchEvent(new Event('change', { bubbles: true }));
  save.click();
};
return 'ready: ' + !!rating + ' ' + !!save;

// The style update forced by inserting one <details>, and one session card,
// into the session list: with the page's folds as they are, then with every
// <details> the page holds replaced by a div and a button.
const style = () => {
  const t = performance.now();
  getComputedStyle(document.querySelector('main article')).color;
  return +(performance.now() - t).toFixed(1);
};
style();
const first = document.querySelector('main article');
const list = first.parentNode;
const insertDetails = () => {
  const d = document.createElement('details');
  d.innerHTML = '<summary>s</summary>x';
  list.insertBefore(d, first);
  return style();
};
const insertCard = () => {
  const card = first.cloneNode(true);
  card.querySelectorAll('[id]').forEach((e) => e.removeAttribute('id'));
  list.insertBefore(card, first);
  return style();
};
const result = { details: document.querySelectorAll('details').length, oneDetails: [insertDetails(), insertDetails()], oneCard: [insertCard(), insertCard()] };
for (const d of [...document.querySelectorAll('details')]) {
  const div = document.createElement('div');
  div.append(document.createElement('button'));
  d.replaceWith(div);
}
style();
result.withoutDetails = { oneCard: [insertCard(), insertCard()] };
return result;

// Leaves one character typed at the end of the agreement's purpose ("Why
// we are doing this"), a different one each call, to be traced or profiled
// (on the agree page; PROFILE=10 WAIT=700 takes in the save after it).
let field = null;
for (const label of document.querySelectorAll('label')) {
  if (norm(label.textContent) === 'Why we are doing this') field = label.control;
}
field.focus();
const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value').set;
window.act = (i = 0) => {
  const end = field.value.length;
  field.setSelectionRange(end, end);
  setValue.call(field, field.value + 'abc '[i % 4]);
  field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
};
return 'ready: ' + !!field;

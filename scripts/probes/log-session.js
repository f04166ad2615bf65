// Leaves "Log session" (filled with the time it is now) to be traced.
const log = [...document.querySelectorAll('button')].find((b) => norm(b.textContent) === 'Log session');
window.act = () => log.click();
return 'ready: Log session';

// WebDriver asynchronous script body. Opens the header editor of the server answer, names
// header 1 and empties its value, so every keystroke in the value is a real header the engine
// simulates and lints, starting from the same state every time. Calls back with 'ok' or with
// what went wrong.
const done = arguments[arguments.length - 1];
const value = '#answer input[aria-label="answer header 1 value"]';
const name = '#answer input[aria-label="answer header 1 name"]';
const frame = () => new Promise(r => requestAnimationFrame(r));
const set = (input, text) => {
  input.value = text;
  input.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText'}));
};
(async () => {
  try {
    if (!document.querySelector(value)) {
      const add = document.querySelector('#answer .headers button.secondary');
      if (!add) { done('no "Add header" button in #answer'); return; }
      add.click();
      const until = performance.now() + 10000;
      while (!document.querySelector(value)) {
        if (performance.now() > until) { done('no header 1 value input after "Add header"'); return; }
        await frame();
      }
    }
    const n = document.querySelector(name);
    if (n && !n.value) { set(n, 'Cache-Control'); await frame(); }
    const v = document.querySelector(value);
    if (v.value) { set(v, ''); }
    await frame(); await frame();
    done(document.querySelector(value).value === '' ? 'ok' : 'header 1 value did not empty');
  } catch (e) { done(String(e)); }
})();

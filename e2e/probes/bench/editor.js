// WebDriver asynchronous script body. Opens the header editor of the server answer and names
// header 1, so every edit of its value is a real header the engine simulates and lints.
// Calls back with 'ok' or with what went wrong.
const done = arguments[arguments.length - 1];
const value = '#answer input[aria-label="answer header 1 value"]';
const name = '#answer input[aria-label="answer header 1 name"]';
const frame = () => new Promise(r => requestAnimationFrame(r));
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
    if (n && !n.value) {
      n.value = 'Cache-Control';
      n.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText'}));
    }
    await frame(); await frame();
    done('ok');
  } catch (e) { done(String(e)); }
})();

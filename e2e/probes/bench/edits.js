// WebDriver asynchronous script body. Types `count` edits into header 1's value for the
// memory row: each sets a prefix of a header value and dispatches an `input` event, then waits
// two frames. (Synthetic events: a thousand WebDriver keystrokes would take minutes, and the
// memory row measures what the edits leave behind, not their latency.)
// arguments: [count, done]
const count = arguments[0];
const done = arguments[arguments.length - 1];
const selector = '#answer input[aria-label="answer header 1 value"]';
const text = 'no-store, max-age=0, must-revalidate, private';
const frame = () => new Promise(r => requestAnimationFrame(r));
(async () => {
  try {
    for (let i = 0; i < count; i++) {
      const input = document.querySelector(selector);
      if (!input) { done({error: 'header 1 value input disappeared at edit ' + i}); return; }
      const length = (i % text.length) + 1;
      input.value = text.slice(0, length);
      input.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText', data: text[length - 1]}));
      await frame();
      await frame();
    }
    done({edits: count});
  } catch (e) { done({error: String(e)}); }
})();

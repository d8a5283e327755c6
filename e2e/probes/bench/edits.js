// WebDriver asynchronous script body. Types `count` edits into header 1's value and calls back
// with the time from each input event (a capture listener on the document, before the app's
// own) to the next animation frame, in ms. A person's keystroke lands anywhere between two
// frames, so each edit waits for a frame and then 0 to 15 ms (a fixed spread, the same every
// run) before it is typed; an edit typed inside a frame callback would always wait a whole
// frame for the next one. Also gives the work alone: from the input event to a message task
// queued by it, which runs once the event's handlers and the re-render (Yew renders in
// microtasks) are done.
// arguments: [count, done]
const count = arguments[0];
const done = arguments[arguments.length - 1];
const selector = '#answer input[aria-label="answer header 1 value"]';
const text = 'no-store, max-age=0, must-revalidate, private';
const frame = () => new Promise(r => requestAnimationFrame(r));
const times = [];
const work = [];
const onInput = () => {
  const t0 = performance.now();
  requestAnimationFrame(() => times.push(performance.now() - t0));
  // A message task runs after the event and the microtasks in which Yew re-renders.
  const channel = new MessageChannel();
  channel.port1.onmessage = () => work.push(performance.now() - t0);
  channel.port2.postMessage(0);
};
document.addEventListener('input', onInput, true);
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
      await new Promise(r => setTimeout(r, (i * 7) % 16));
    }
    document.removeEventListener('input', onInput, true);
    done({times, work});
  } catch (e) { done({error: String(e)}); }
})();

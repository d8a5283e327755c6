// WebDriver asynchronous script body. Waits until the recorder (keys.js) has finished the
// timeline of edit `index`, then `delay` ms more, so that the next keystroke lands at another
// point between two frames; calls back with 'ok' or with what went wrong.
// arguments: [index, delay, done]
const [index, delay, done] = arguments;
const state = window.__ncKeys;
if (!state) { done('the keystroke recorder is not installed'); return; }
const until = performance.now() + 30000;
(function check() {
  const record = state.records[index];
  if (record && record.done) { setTimeout(() => done('ok'), delay); }
  else if (performance.now() > until) {
    done(record ? 'edit ' + index + ' did not settle within 30 s' : 'edit ' + index + ' fired no input event (' + state.records.length + ' recorded)');
  }
  else { setTimeout(check, 10); }
})();

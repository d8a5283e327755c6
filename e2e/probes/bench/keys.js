// WebDriver script body. Installs the keystroke recorder in the app's page (once) and returns
// whether Event Timing is supported. For every `input` event (a capture listener on the
// document, before the app's own) it records a timeline for keystroke.rs:
// - start: the event's timeStamp (when the browser made the event);
// - changes: when a MutationObserver on the whole document was told of DOM changes (one time
//   per delivery, which follows the changes in the same task);
// - frames: a chain of animation frames, each with the time its callback ran and the time a
//   message posted from it arrived (after that frame's style, layout and paint).
// The chain stops QUIET frames after the last change (keystroke.rs needs one; the others
// show late changes) or after MAX_FRAMES. Event Timing entries of `input` events (trusted
// events only, 16 ms and longer: the API's smallest threshold) are kept for the cross-check.
if (window.__ncKeys) { return window.__ncKeys.eventTiming !== null; }
const QUIET = 4;
const MAX_FRAMES = 300;
const state = window.__ncKeys = { records: [], current: null, stray: 0, strayWhat: [], eventTiming: null };
const describe = (m) => m.type + ' ' + m.target.nodeName + (m.attributeName ? '[' + m.attributeName + ']' : '');
new MutationObserver((mutations) => {
  const now = performance.now();
  if (state.current) { state.current.changes.push(now); return; }
  state.stray += 1;
  // What changed outside any edit, for the report: the first few.
  if (state.strayWhat.length < 5) { state.strayWhat.push(mutations.slice(0, 3).map(describe).join(', ')); }
}).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
if (window.PerformanceObserver && (PerformanceObserver.supportedEntryTypes || []).includes('event')) {
  state.eventTiming = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name === 'input') { state.eventTiming.push({ start: e.startTime, duration: e.duration }); }
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
}
document.addEventListener('input', (event) => {
  const record = { start: event.timeStamp, trusted: event.isTrusted, changes: [], frames: [], done: false };
  state.records.push(record);
  state.current = record;
  let quiet = 0;
  const tick = () => {
    const frame = { callback: performance.now(), rendered: null };
    const previous = record.frames.length ? record.frames[record.frames.length - 1].callback : record.start;
    record.frames.push(frame);
    const last = record.changes.length ? record.changes[record.changes.length - 1] : -Infinity;
    quiet = last > previous ? 0 : quiet + 1;
    const enough = (quiet >= QUIET && record.frames.length > QUIET) || record.frames.length >= MAX_FRAMES;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      frame.rendered = performance.now();
      if (enough) {
        record.done = true;
        if (state.current === record) { state.current = null; }
      }
    };
    channel.port2.postMessage(0);
    if (!enough) { requestAnimationFrame(tick); }
  };
  requestAnimationFrame(tick);
}, true);
return state.eventTiming !== null;

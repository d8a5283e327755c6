// WebDriver asynchronous script body. Waits two frames for the last Event Timing entries and
// calls back with the recorder's timelines, its Event Timing entries (null where the API is
// missing) and the DOM changes that came outside any edit (how many, and the first few).
const done = arguments[arguments.length - 1];
const state = window.__ncKeys;
if (!state) { done({ error: 'the keystroke recorder is not installed' }); return; }
requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done({
  records: state.records.map(r => ({ start: r.start, trusted: r.trusted, changes: r.changes, frames: r.frames })),
  eventTiming: state.eventTiming,
  stray: state.stray,
  strayWhat: state.strayWhat,
}), 50)));

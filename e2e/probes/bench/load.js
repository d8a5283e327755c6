// WebDriver asynchronous script body. Waits in the page for first contentful paint and the
// app's `nocontent-ready` mark and calls back with both start times in ms, or null after 60 s.
const done = arguments[arguments.length - 1];
const started = Date.now();
(function check() {
  const ready = performance.getEntriesByName('nocontent-ready')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  if (ready && fcp) { done([fcp.startTime, ready.startTime]); }
  else if (Date.now() - started > 60000) { done(null); }
  else { setTimeout(check, 20); }
})();

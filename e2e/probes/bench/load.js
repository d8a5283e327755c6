// WebDriver asynchronous script body. Waits in the page for first contentful paint and, when
// `ready` is true, the `nocontent-ready` mark; calls back with both start times in ms (the
// second null for a page without the mark), or null after 60 s.
// arguments: [ready, done]
const [ready, done] = arguments;
const started = Date.now();
(function check() {
  const mark = performance.getEntriesByName('nocontent-ready')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  if (fcp && (mark || !ready)) { done([fcp.startTime, mark ? mark.startTime : null]); }
  else if (Date.now() - started > 60000) { done(null); }
  else { setTimeout(check, 20); }
})();

// WebDriver asynchronous script body. Once the page has settled, calls back with what it
// fetched (its navigation entry and its resource entries: URL, fetchStart, responseEnd,
// initiator, body bytes) and the times of its ready and lazy-asset marks. Settled means: the
// `nocontent-prose` mark is there (the app has its lazy assets), or `wait` ms have passed
// since the page was ready (or since first contentful paint, for a page without the ready
// mark) for a page that sets none; and then no new entry for 300 ms. At most 20 s.
// arguments: [wait, done]
const [wait, done] = arguments;
const started = performance.now();
const mark = (name) => { const e = performance.getEntriesByName(name)[0]; return e ? e.startTime : null; };
let count = -1;
let stableSince = performance.now();
(function check() {
  const now = performance.now();
  const entries = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
  if (entries.length !== count) { count = entries.length; stableSince = now; }
  const ready = mark('nocontent-ready');
  const fcp = mark('first-contentful-paint');
  const anchor = ready !== null ? ready : fcp;
  const lazy = mark('nocontent-prose');
  const waited = lazy !== null || (anchor !== null && now - anchor >= wait);
  if ((waited && now - stableSince >= 300) || now - started > 20000) {
    done({
      entries: entries.map(e => ({ url: e.name, start: e.fetchStart, end: e.responseEnd, initiator: e.initiatorType || e.entryType, body: e.encodedBodySize || 0 })),
      ready, fcp, lazy,
    });
  } else { setTimeout(check, 20); }
})();

// navigator.sendBeacon() as a page calls it: with the body as a string, or with no data at all
// when the body is empty. What the server received (method, Content-Type) is read from its
// log; the page can only see what sendBeacon returns.
// a: {url, body}
async function ncBeacon(a) {
  const queued = a.body ? navigator.sendBeacon(a.url, a.body) : navigator.sendBeacon(a.url);
  return {queued, returns: typeof queued};
}

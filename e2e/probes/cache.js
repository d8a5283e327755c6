// The HTTP cache, seen from a page. Whether a request was answered without the server is read
// from the server's log; these probes only make the requests in order (each one after the
// previous body was read to its end) and say what the page got.

// The scenario's request twice, in the default cache mode.
// a: {url, method, headers, body, pendingMs}
async function ncRepeat(a) {
  const first = await ncRequest(a.url, a, a.pendingMs);
  const second = await ncRequest(a.url, a, a.pendingMs);
  return {first, second};
}

// A GET that the server marks fresh for an hour, the same GET again (answered by the cache if
// the engine caches at all: the control), then the scenario's unsafe request to the same URL,
// then the GET once more: the server sees that last GET only if the unsafe request
// invalidated the stored one.
// a: {url, method, headers, body, pendingMs}
async function ncInvalidate(a) {
  const get = () => ncRequest(a.url, {method: 'GET'}, a.pendingMs);
  const first = await get();
  const second = await get();
  const unsafe = await ncRequest(a.url, a, a.pendingMs);
  const third = await get();
  return {first, second, unsafe, third};
}

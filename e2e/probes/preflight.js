// A cross-origin fetch that needs a CORS preflight (a.url is on another port). Whether the
// OPTIONS request and the actual request were sent is read from the other server's log.
// a: {url, method, headers, body, pendingMs}
async function ncPreflight(a) {
  const init = {method: a.method, headers: a.headers, cache: 'no-store'};
  if (a.body !== null) init.body = a.body;
  const settled = await ncSettle(fetch(a.url, init), a.pendingMs);
  if (settled.pending) return {settled: 'pending'};
  if ('error' in settled) {
    return {settled: 'rejected', rejection: {name: settled.error, message: settled.message}};
  }
  const res = settled.value;
  return {settled: 'resolved', status: res.status, text: await ncSettle(res.text(), a.pendingMs)};
}

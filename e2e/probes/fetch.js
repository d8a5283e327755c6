// fetch() as a script makes it: status, ok, statusText, whether body is null, text() and json()
// of the same response (through a clone), the headers, and then a follow-up fetch to `a.next`
// (a plain 200) so the server can tell whether the connection was reused.
// a: {url, next, method, headers, body, pendingMs}
async function ncFetch(a) {
  const controller = new AbortController();
  const init = {method: a.method, headers: a.headers, cache: 'no-store', signal: controller.signal};
  if (a.body !== null) init.body = a.body;
  const out = {settled: null, rejection: null};
  const settled = await ncSettle(fetch(a.url, init), a.pendingMs);
  if (settled.pending) {
    out.settled = 'pending';
  } else if ('error' in settled) {
    out.settled = 'rejected';
    out.rejection = {name: settled.error, message: settled.message};
  } else {
    const res = settled.value;
    const copy = res.clone();
    out.settled = 'resolved';
    Object.assign(out, {
      status: res.status, ok: res.ok, status_text: res.statusText, body_null: res.body === null,
      headers: [...res.headers], redirected: res.redirected, url: res.url, type: res.type,
    });
    const [text, json] = await Promise.all([ncSettle(res.text(), a.pendingMs),
                                            ncSettle(copy.json(), a.pendingMs)]);
    out.text = text;
    out.json = json;
  }
  // A body that never ends would keep its connection busy: end it before the follow-up.
  controller.abort();
  out.next = await ncRequest(a.next, {method: 'GET', cache: 'no-store'}, a.pendingMs);
  return out;
}

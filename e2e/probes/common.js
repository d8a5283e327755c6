// Helpers every probe uses. Each probe file defines one async function named nc<Probe>(a) that
// takes one argument object and resolves with a plain JSON-able object; it never rejects for
// something the engine did, only for a bug in the probe itself.

// Settles `p` within `ms`: {value}, {error, message} (the exception's name and message) or
// {pending: true} when it has not settled by then.
function ncSettle(p, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({pending: true}), ms);
    p.then(
      (value) => { clearTimeout(timer); resolve({value}); },
      (e) => { clearTimeout(timer); resolve({error: e && e.name, message: e && e.message}); });
  });
}

// One request with fetch(), its body read as text, all within `ms`; the request is aborted
// afterwards so that a response that never ends does not hold a connection.
// Resolves {status, text} (text being a settled result), {error, message} or {pending: true}.
async function ncRequest(url, init, ms) {
  const controller = new AbortController();
  const options = {method: init.method, headers: init.headers || [], cache: init.cache || 'default',
                   signal: controller.signal};
  if (init.body !== null && init.body !== undefined) options.body = init.body;
  const settled = await ncSettle(fetch(url, options), ms);
  let out;
  if (settled.pending) {
    out = {pending: true};
  } else if ('error' in settled) {
    out = {error: settled.error, message: settled.message};
  } else {
    const res = settled.value;
    out = {status: res.status, text: await ncSettle(res.text(), ms)};
  }
  controller.abort();
  return out;
}

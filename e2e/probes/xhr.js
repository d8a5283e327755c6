// XMLHttpRequest with one responseType: every event in order, readyState, status, statusText,
// responseText (which throws for non-text types) and a summary of response. A request that
// has not ended after a.pendingMs is recorded as it stands, then aborted.
// a: {url, method, headers, body, responseType, pendingMs}
function ncXhr(a) {
  return new Promise((resolve) => {
    const x = new XMLHttpRequest();
    const events = [];
    x.addEventListener('readystatechange', () => events.push('readystate' + x.readyState));
    for (const type of ['loadstart', 'progress', 'load', 'error', 'abort', 'timeout', 'loadend']) {
      x.addEventListener(type, () => events.push(type));
    }
    const view = (r) => {
      if (r === null || r === undefined) return null;
      switch (a.responseType) {
        case 'arraybuffer': return {byte_length: r.byteLength};
        case 'blob': return {size: r.size, type: r.type};
        case 'document': return 'Document';
        default: return r;
      }
    };
    const state = (event) => {
      let text;
      try { text = {value: x.responseText}; } catch (e) { text = {error: e.name, message: e.message}; }
      let response;
      try { response = {value: view(x.response)}; } catch (e) { response = {error: e.name, message: e.message}; }
      return {event, events: events.slice(), ready_state: x.readyState, status: x.status,
              status_text: x.statusText, response_text: text, response,
              response_url: x.responseURL};
    };
    let finished = false;
    const timer = setTimeout(() => {
      if (finished) return;
      finished = true;
      const out = state('pending');
      out.response_text = {pending: true};
      out.response = {pending: true};
      x.abort();
      resolve(out);
    }, a.pendingMs);
    x.addEventListener('loadend', () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const ended = events.find((e) => ['load', 'error', 'abort', 'timeout'].includes(e)) || 'loadend';
      resolve(state(ended));
    });
    x.open(a.method, a.url);
    x.responseType = a.responseType;
    for (const [name, value] of a.headers) x.setRequestHeader(name, value);
    x.send(a.body);
  });
}

// One XMLHttpRequest per responseType, all sent at once (each to its own URL); resolves with
// their results in the order of a.runs. The server holds its replies until all have arrived,
// so each request has a connection of its own.
// a: {runs: [{url, responseType}], method, headers, body, pendingMs}
function ncXhrAll(a) {
  return Promise.all(a.runs.map((run) => ncXhr({...a, url: run.url, responseType: run.responseType})));
}

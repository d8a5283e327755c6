// nocontent live lab: a service worker that answers requests under its scope (the app's
// `lab/` folder) with the answer encoded in the request URL, so the browser can run a
// composed exchange with no server at all.
//
// Routes, relative to the scope:
//   runner      an empty page; the app runs fetch, XHR and sendBeacon from inside it, because a
//               service worker only sees requests made by documents it controls
//   form        a page with one form and one text field, for form-submission runs
//   x?a=…&n=…   the composed answer: `a` is base64url JSON {s: status, r: reason,
//               h: [[name, value], …], b: body}; `n` is a nonce naming the run
//
// Every request it answers is reported to the app's windows with postMessage, and when the
// browser refuses to build a response (a 204 with a body, a status outside 200..599) the
// refusal itself is reported: that is the lesson.
'use strict';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// Headers that describe the connection or the framing, which a service worker cannot express.
const WIRE_ONLY = new Set(['transfer-encoding', 'connection', 'keep-alive']);

function page(html) {
  return new Response(new TextEncoder().encode(html), {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}

function decode(encoded) {
  const base64 = encoded.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

async function report(message) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) client.postMessage(Object.assign({ source: 'nocontent-lab' }, message));
}

function answer(request, url) {
  const nonce = url.searchParams.get('n') || '';
  const served = { nonce, method: request.method, mode: request.mode, destination: request.destination };
  let spec;
  try {
    spec = decode(url.searchParams.get('a') || '');
  } catch (error) {
    report(Object.assign(served, { refused: { name: 'LabError', message: 'the answer in the URL is damaged' } }));
    return Response.error();
  }
  const headers = new Headers();
  for (const [name, value] of spec.h || []) {
    if (!WIRE_ONLY.has(String(name).toLowerCase())) headers.append(name, value);
  }
  // Bytes rather than a string: a string body makes the browser add a Content-Type.
  const body = spec.b ? new TextEncoder().encode(spec.b) : null;
  try {
    const response = new Response(body, { status: spec.s, statusText: spec.r || '', headers });
    report(Object.assign(served, { status: spec.s }));
    return response;
  } catch (error) {
    report(Object.assign(served, { refused: { name: error.name, message: error.message } }));
    // The request fails as a network error: the browser would not build this response.
    return Response.error();
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const route = url.pathname.slice(scope.pathname.length);
  if (route === 'runner') {
    event.respondWith(page('<!doctype html><title>nocontent lab runner</title><p>lab</p>'));
  } else if (route === 'form') {
    event.respondWith(
      page('<!doctype html><title>nocontent lab form</title><form id="f" method="post"><label>Text <input id="t" name="t"></label></form>'),
    );
  } else if (route === 'x') {
    event.respondWith(answer(event.request, url));
  }
});

// nocontent live lab: a service worker that plays the server for the app's own lab runs.
//
// Threat model (docs/security.md): anyone can send a visitor a link into this worker's scope,
// and anyone can send a permalink whose composed answer is HTML with script. So this worker
//   - never reads an answer from a URL: the app hands it the answer in a message when a run
//     starts, under a random nonce, and the worker forgets it when the run ends or 60 s later;
//   - answers only requests of a registered run that come from documents the lab created
//     (subresources from that run's runner page, iframe navigations referred by this origin);
//   - answers every top-level navigation, and every other request under its scope, with a
//     plain page that explains the lab and links back to the app;
//   - adds `Content-Security-Policy: sandbox` and `X-Content-Type-Options: nosniff` to every
//     composed answer, so a document built from it has an opaque origin and runs no script,
//     and drops the few headers that would act on the whole origin (cookies, Clear-Site-Data);
//   - leaves out of an answer to a navigation the headers that would take the lab's frame to
//     a page the worker does not serve (Refresh, and Location on a 3xx), so a lab frame only
//     ever shows documents that carry the sandbox policy. This matters where the frames must
//     allow scripts: WebKit lets no service worker answer a frame sandboxed without
//     `allow-scripts`, so there the policy of each document is all that keeps it inert.
//
// Routes, relative to the scope (`lab/` under the app):
//   runner?n=N     an empty page; the app runs fetch, XHR and sendBeacon from inside it,
//                  because a service worker only sees requests made by documents it controls
//   form?n=N       a page with one form and one text field, for form-submission runs
//   x?n=N&q=K      the composed answer of run N; K names the request within the run
//
// `decide` below is a pure function of the request and the registered runs, so it can be
// tested outside a browser (xtask runs a property test of it under Node).
'use strict';

/** How long a registered run stays valid, at most. */
const RUN_TTL_MS = 60000;
/** The most runs remembered at once (older ones are dropped first). */
const MAX_RUNS = 16;
const NONCE = /^[0-9a-f]{32}$/;
const REQUEST_ID = /^[0-9]{1,6}$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A header value a browser accepts once trimmed: no NUL, CR or LF. */
const FIELD_VALUE = /^[^\0\r\n]*$/;

/** Headers about the connection or the framing, which a service worker cannot express. */
const WIRE_ONLY = ['transfer-encoding', 'connection', 'keep-alive'];
/** Headers that would act on the whole origin rather than on one response. */
const ORIGIN_WIDE = ['set-cookie', 'set-cookie2', 'clear-site-data'];
/** Headers that would navigate a lab frame away from the lab: always Refresh, and Location on
 * a 3xx (a redirect, for the frame's navigation). */
const LEAVES_THE_LAB = ['refresh'];

/** What the worker adds to every composed answer, and why (shown in the lab panel). */
const ADDED = [
  ['Content-Security-Policy', 'sandbox'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Cache-Control', 'no-store'],
];

const PAGE_HEADERS = [
  ['Content-Type', 'text/html; charset=utf-8'],
  ['Cache-Control', 'no-store'],
  ['X-Content-Type-Options', 'nosniff'],
];

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page for anything the lab does not answer: what this address is, and the way back. */
function explainPage(scope, reason) {
  const app = new URL('../', scope).href;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nocontent live lab</title></head><body>
<h1>nocontent live lab</h1>
<p>This address belongs to the live lab of nocontent, an HTTP playground. The lab plays the
server only for runs that you start with the “Run in this browser” button in the app, and only
for the requests of that run. It never shows a page from a link.</p>
<p>${escapeHtml(reason)}</p>
<p><a href="${escapeHtml(app)}">Open nocontent</a></p>
</body></html>`;
  return {
    kind: 'refused',
    reason,
    status: 403,
    statusText: 'Forbidden',
    headers: PAGE_HEADERS.concat([
      ['Content-Security-Policy', "sandbox allow-same-origin; default-src 'none'; base-uri 'none'; form-action 'none'"],
    ]),
    body: html,
  };
}

/** One of the lab's own pages, for a registered run. They hold no user text and no script. */
function labPage(kind, nonce, html, csp) {
  return {
    kind,
    nonce,
    status: 200,
    statusText: 'OK',
    headers: PAGE_HEADERS.concat([['Content-Security-Policy', csp]]),
    body: html,
  };
}

/** Is this a plausible answer object, as the app registers it? */
function validAnswer(a) {
  return (
    a !== null &&
    typeof a === 'object' &&
    Number.isInteger(a.s) &&
    typeof a.r === 'string' &&
    a.r.length <= 1024 &&
    typeof a.b === 'string' &&
    a.b.length <= 65536 &&
    Array.isArray(a.h) &&
    a.h.length <= 100 &&
    a.h.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string')
  );
}

/** The composed answer with the lab's safety headers: what the worker serves for `x`.
 * `navigation`: the answer is for a frame's navigation. */
function composed(run, nonce, requestId, navigation) {
  const a = run.answer;
  const headers = [];
  const dropped = [];
  const redirect = a.s >= 300 && a.s <= 399;
  for (const [name, value] of a.h) {
    const lower = name.toLowerCase();
    if (WIRE_ONLY.includes(lower)) {
      dropped.push([name, 'a service worker cannot set connection or framing headers']);
    } else if (ORIGIN_WIDE.includes(lower)) {
      dropped.push([name, 'it would act on the whole site, not on this response']);
    } else if (navigation && (LEAVES_THE_LAB.includes(lower) || (redirect && lower === 'location'))) {
      dropped.push([name, "it would take the lab's frame to a page the lab does not serve"]);
    } else if (!TOKEN.test(name) || !FIELD_VALUE.test(value)) {
      dropped.push([name, 'not a valid header line']);
    } else {
      headers.push([name, value.replace(/^[\t ]+|[\t ]+$/g, '')]);
    }
  }
  return {
    kind: 'answer',
    nonce,
    requestId,
    status: a.s,
    statusText: a.r,
    headers: headers.concat(ADDED),
    body: a.b === '' ? null : a.b,
    added: ADDED,
    dropped,
  };
}

/**
 * Decides what the worker answers. Pure: no clock, no globals.
 *
 * req:  { url, method, mode, destination, referrer, clientUrl }  (clientUrl: the URL of the
 *       document that made a subresource request, or null)
 * runs: Map of nonce -> { answer, expires }
 * now:  milliseconds, the same clock as `expires`
 * scope: the registration's scope URL (ends in `/`)
 *
 * Returns null for requests outside the scope (left to the network), else a decision with
 * `kind` ('runner', 'form', 'answer' or 'refused'), status, statusText, headers and body.
 */
function decide(req, runs, now, scope) {
  let url;
  let scopeUrl;
  try {
    url = new URL(req.url);
    scopeUrl = new URL(scope);
  } catch (e) {
    return null;
  }
  if (url.origin !== scopeUrl.origin || !url.pathname.startsWith(scopeUrl.pathname)) return null;
  const route = url.pathname.slice(scopeUrl.pathname.length);
  const navigation = req.mode === 'navigate';
  if (navigation && req.destination !== 'iframe') {
    return explainPage(scope, 'This page was opened directly, so the lab did not answer it.');
  }
  const nonce = url.searchParams.get('n') || '';
  const run = NONCE.test(nonce) ? runs.get(nonce) : undefined;
  if (!run) {
    return explainPage(scope, 'No lab run of this page is under way for this address.');
  }
  if (!(run.expires > now)) {
    return explainPage(scope, 'The lab run for this address has ended.');
  }
  if (navigation) {
    // Frames the lab creates are navigated by the app's page or by the lab's own form page,
    // both on this origin; a page on another origin cannot produce such a referrer.
    let referrer = null;
    try {
      referrer = new URL(req.referrer);
    } catch (e) {
      referrer = null;
    }
    if (!referrer || referrer.origin !== scopeUrl.origin) {
      return explainPage(scope, 'This frame was not opened by the nocontent app.');
    }
  } else if (req.clientUrl !== new URL(`runner?n=${nonce}`, scope).href) {
    return explainPage(scope, 'This request was not made by the lab runner of this run.');
  }
  if (route === 'runner' && navigation) {
    return labPage(
      'runner',
      nonce,
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>nocontent lab runner</title></head><body><p>lab</p></body></html>',
      "default-src 'none'; connect-src 'self'",
    );
  }
  if (route === 'form' && navigation) {
    return labPage(
      'form',
      nonce,
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>nocontent lab form</title></head><body><form id="f" method="post"><label>Text <input id="t" name="t"></label></form></body></html>',
      "default-src 'none'; form-action 'self'",
    );
  }
  if (route === 'x') {
    const requestId = url.searchParams.get('q') || '';
    if (!REQUEST_ID.test(requestId)) {
      return explainPage(scope, 'This request does not name a request of the run.');
    }
    return composed(run, nonce, requestId, navigation);
  }
  return explainPage(scope, 'The lab has nothing at this address.');
}

/** Adds a run, dropping expired and surplus ones. Returns false for a malformed one. */
function register(runs, nonce, answer, ttl, now, owner) {
  if (!NONCE.test(String(nonce)) || !validAnswer(answer)) return false;
  for (const [key, run] of runs) if (!(run.expires > now)) runs.delete(key);
  while (runs.size >= MAX_RUNS) runs.delete(runs.keys().next().value);
  const life = Number.isFinite(ttl) ? Math.min(Math.max(ttl, 0), RUN_TTL_MS) : RUN_TTL_MS;
  runs.set(nonce, { answer, expires: now + life, owner });
  return true;
}

if (typeof module !== 'undefined' && module.exports) {
  module.exports = { decide, register, validAnswer, RUN_TTL_MS, ADDED, ORIGIN_WIDE, WIRE_ONLY, LEAVES_THE_LAB };
}

if (typeof ServiceWorkerGlobalScope !== 'undefined' && self instanceof ServiceWorkerGlobalScope) {
  const runs = new Map();

  self.addEventListener('install', () => self.skipWaiting());
  self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

  self.addEventListener('message', (event) => {
    const data = event.data || {};
    const source = event.source;
    const reply = (message) => {
      if (event.ports && event.ports[0]) event.ports[0].postMessage(message);
    };
    // Only the app's own window registers runs: the platform guarantees the same origin, and
    // no document under the lab path is the app.
    const scope = self.registration.scope;
    if (!source || source.type !== 'window' || String(source.url).startsWith(scope)) {
      reply({ type: 'refused' });
      return;
    }
    if (data.type === 'register') {
      const ok = register(runs, data.nonce, data.answer, data.ttl, Date.now(), source.id);
      reply({ type: ok ? 'registered' : 'refused', nonce: data.nonce });
    } else if (data.type === 'end') {
      runs.delete(data.nonce);
      reply({ type: 'ended', nonce: data.nonce });
    }
  });

  const tell = async (owner, message) => {
    const client = owner ? await self.clients.get(owner) : null;
    if (client) client.postMessage(Object.assign({ source: 'nocontent-lab' }, message));
  };

  const respond = async (event) => {
    const request = event.request;
    let clientUrl = null;
    if (request.mode !== 'navigate' && event.clientId) {
      const client = await self.clients.get(event.clientId);
      clientUrl = client ? client.url : null;
    }
    const decision = decide(
      {
        url: request.url,
        method: request.method,
        mode: request.mode,
        destination: request.destination,
        referrer: request.referrer,
        clientUrl,
      },
      runs,
      Date.now(),
      self.registration.scope,
    );
    if (!decision) return fetch(request);
    const run = decision && decision.nonce ? runs.get(decision.nonce) : undefined;
    const served = {
      nonce: decision.nonce,
      q: decision.requestId,
      method: request.method,
      mode: request.mode,
      destination: request.destination,
      added: decision.added,
      dropped: decision.dropped,
    };
    // Bytes rather than a string: a string body makes the browser add a Content-Type.
    const body = decision.body === null ? null : new TextEncoder().encode(decision.body);
    try {
      const response = new Response(body, {
        status: decision.status,
        statusText: decision.statusText,
        headers: decision.headers,
      });
      if (decision.kind === 'answer' && run) await tell(run.owner, Object.assign(served, { status: decision.status }));
      return response;
    } catch (error) {
      // The browser would not build this response (a 204 with a body, a status outside
      // 200..599): that refusal is the lesson, so it is reported, and the request fails.
      if (run) await tell(run.owner, Object.assign(served, { refused: { name: error.name, message: error.message } }));
      return Response.error();
    }
  };

  self.addEventListener('fetch', (event) => {
    const scope = new URL(self.registration.scope);
    const url = new URL(event.request.url);
    if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
    event.respondWith(respond(event));
  });
}

// Property test of the live lab's service worker (static/sw.js): random requests and random
// composed answers (statuses, header lists, HTML and script bodies) go through its pure
// decision function, and no decision may ever let a document run script on the app's origin
// or answer a request that is not part of a registered run.
//
// Run: node --test tests/js/  (cargo xtask test runs it). NOCONTENT_SEED=N repeats a run;
// NOCONTENT_CASES=N changes the number of cases.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const sw = require(path.join(__dirname, '..', '..', 'static', 'sw.js'));

const SCOPE = 'https://docs.example.org/tools/nocontent/lab/';
const APP = 'https://docs.example.org/tools/nocontent/';
const NOW = 1_000_000;

// A small seeded generator (mulberry32), so every failure names the seed that repeats it.
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[int(0, list.length - 1)];
  const chance = (p) => next() < p;
  return { int, pick, chance };
}

const HOSTILE_BODIES = [
  '<!doctype html><script>top.__pwned = 1</script>',
  '<img src=x onerror="parent.__pwned=1">',
  '<svg xmlns="http://www.w3.org/2000/svg" onload="top.__pwned=1"><script>top.__pwned=1</script></svg>',
  '<meta http-equiv="refresh" content="0;url=javascript:top.__pwned=1">',
  '<iframe srcdoc="&lt;script&gt;top.__pwned=1&lt;/script&gt;"></iframe>',
  '<?xml version="1.0"?><?xml-stylesheet href="data:text/xsl,x"?><x/>',
  '',
  'hello',
  '{"ok":true}',
];

const HEADER_NAMES = [
  'Content-Type', 'content-security-policy', 'Content-Security-Policy-Report-Only',
  'X-Content-Type-Options', 'Set-Cookie', 'set-cookie2', 'Clear-Site-Data', 'Transfer-Encoding',
  'Connection', 'Keep-Alive', 'Refresh', 'Link', 'Location', 'Cache-Control', 'ETag',
  'Content-Length', 'Access-Control-Allow-Origin', 'X-Frame-Options', 'Bad Name', 'Colon:Name',
  '', 'X-Custom',
];

const HEADER_VALUES = [
  'text/html', 'text/html; charset=utf-8', 'image/svg+xml', 'application/xhtml+xml',
  'sandbox allow-scripts allow-same-origin', "script-src 'unsafe-inline' 'unsafe-eval'",
  "default-src *", 'id=1; Path=/', '"*"', 'chunked', 'close', '0; url=javascript:alert(1)',
  'x\r\nContent-Type: text/html', 'a\nb', 'nul\0', '  padded  ', '5', '',
  'https://evil.example/payload.html', '/tools/nocontent/', '0; url=https://evil.example/',
];

function randomAnswer(g) {
  const headers = [];
  const count = g.int(0, 8);
  for (let i = 0; i < count; i += 1) headers.push([g.pick(HEADER_NAMES), g.pick(HEADER_VALUES)]);
  return {
    s: g.pick([200, 201, 204, 205, 206, 299, 300, 301, 302, 303, 304, 307, 308, 404, 500, 599, 600, 99, 0, g.int(-10, 1200)]),
    r: g.pick(['OK', 'No Content', '', '<script>', 'x\r\ny']),
    h: headers,
    b: g.pick(HOSTILE_BODIES),
  };
}

function nonceOf(g) {
  return Array.from({ length: 32 }, () => g.pick('0123456789abcdef'.split(''))).join('');
}

function randomWorld(g) {
  const runs = new Map();
  const live = nonceOf(g);
  const expired = nonceOf(g);
  sw.register(runs, live, randomAnswer(g), g.pick([undefined, 5000, 60000, 1e9]), NOW - 10, 'owner');
  sw.register(runs, expired, randomAnswer(g), 1, NOW - 10, 'owner');
  return { runs, live, expired };
}

// A request as the lab itself makes it, so that the composed-answer branch is reached often.
function labRequest(g, world) {
  const route = g.pick(['x', 'x', 'runner', 'form']);
  const q = route === 'x' ? `&q=${g.int(1, 99)}` : '';
  const url = `${SCOPE}${route}?n=${world.live}${q}`;
  if (route !== 'x' || g.chance(0.5)) {
    return { url, method: 'GET', mode: 'navigate', destination: 'iframe', referrer: g.pick([APP, `${SCOPE}form?n=${world.live}`]), clientUrl: null };
  }
  return { url, method: g.pick(['GET', 'POST', 'HEAD', 'DELETE']), mode: g.pick(['cors', 'no-cors', 'same-origin']), destination: '', referrer: APP, clientUrl: `${SCOPE}runner?n=${world.live}` };
}

function randomRequest(g, world) {
  if (g.chance(0.5)) {
    // The lab's own request, with at most one field swapped for a random one.
    const req = labRequest(g, world);
    if (g.chance(0.5)) {
      const other = randomRequestAnyhow(g, world);
      const key = g.pick(Object.keys(req));
      req[key] = other[key];
    }
    return req;
  }
  return randomRequestAnyhow(g, world);
}

function randomRequestAnyhow(g, world) {
  const nonce = g.pick([world.live, world.live, world.expired, nonceOf(g), '', 'not-a-nonce', world.live.toUpperCase()]);
  const route = g.pick(['runner', 'form', 'x', 'x', 'x', '', 'x/', 'index.html', 'X', '../index.html']);
  const base = g.pick([SCOPE, SCOPE, 'https://evil.example/tools/nocontent/lab/', APP]);
  const query = [];
  if (g.chance(0.9)) query.push(`n=${nonce}`);
  if (g.chance(0.8)) query.push(`q=${g.pick(['1', '2', '12345', '', 'a', '1234567'])}`);
  if (g.chance(0.3)) query.push('a=PHNjcmlwdD4');
  const url = `${base}${route}${query.length ? `?${query.join('&')}` : ''}`;
  const mode = g.pick(['navigate', 'navigate', 'cors', 'no-cors', 'same-origin']);
  const destination = mode === 'navigate' ? g.pick(['document', 'iframe', 'iframe', 'frame', 'object', 'embed']) : g.pick(['', 'script', 'image', 'document', 'worker']);
  const referrer = g.pick([APP, `${APP}index.html#2.abc`, `${SCOPE}form?n=${nonce}`, 'https://evil.example/', '', 'about:client', 'not a url']);
  const clientUrl = g.pick([`${SCOPE}runner?n=${nonce}`, `${SCOPE}runner?n=${world.live}`, APP, null, 'https://evil.example/', `${SCOPE}form?n=${nonce}`]);
  return { url, method: g.pick(['GET', 'POST', 'HEAD', 'DELETE']), mode, destination, referrer, clientUrl };
}

const lower = (pairs) => pairs.map(([n, v]) => [n.toLowerCase(), v]);

/** Does one of these policies sandbox the document without `allow-scripts`? Policies only add
 * restrictions to each other, so one such policy is enough for no script to run. */
function sandboxedWithoutScripts(policies) {
  return policies.some((policy) =>
    policy.split(';').some((directive) => {
      const [name, ...tokens] = directive.trim().toLowerCase().split(/\s+/);
      return name === 'sandbox' && !tokens.includes('allow-scripts');
    }),
  );
}

function checkDecision(req, world, d) {
  const inScope = new URL(req.url).origin === new URL(SCOPE).origin && new URL(req.url).pathname.startsWith(new URL(SCOPE).pathname);
  if (!inScope) {
    assert.equal(d, null, 'requests outside the scope are left alone');
    return;
  }
  assert.ok(d, 'every request in the scope gets an answer from the worker');
  const headers = lower(d.headers);
  const csp = headers.filter(([n]) => n === 'content-security-policy').map(([, v]) => v);
  assert.ok(headers.some(([n, v]) => n === 'x-content-type-options' && v === 'nosniff'), 'nosniff on everything');
  // In WebKit the lab's frames allow scripts (docs/security.md): every document the worker
  // serves must then forbid script by its own policy. The runner and form pages cannot carry
  // the sandbox (in a sandboxed page WebKitGTK fires no XMLHttpRequest event and sends a form
  // submission past the worker); they are constants without script whose one policy, checked
  // below, allows none.
  if (d.kind !== 'runner' && d.kind !== 'form') {
    assert.ok(sandboxedWithoutScripts(csp), `sandboxed without allow-scripts: ${JSON.stringify(csp)}`);
  }
  if (req.mode === 'navigate' && req.destination !== 'iframe') {
    assert.equal(d.kind, 'refused', 'a top-level navigation never gets a lab document');
  }
  if (d.kind === 'refused') {
    assert.equal(d.status, 403);
    assert.ok(csp.some((v) => v.includes("default-src 'none'")), 'the explanation page runs nothing');
    assert.ok(!/<script|onerror|onload/i.test(d.body), 'the explanation page has no script');
    return;
  }
  // Anything else belongs to the live, registered run and to a document the lab created.
  const nonce = new URL(req.url).searchParams.get('n');
  assert.equal(nonce, world.live, 'only the live run is answered');
  if (req.mode === 'navigate') {
    assert.equal(req.destination, 'iframe');
    assert.equal(new URL(req.referrer).origin, new URL(SCOPE).origin, 'navigations come from this origin');
  } else {
    assert.equal(req.clientUrl, `${SCOPE}runner?n=${world.live}`, 'subresources come from the run\'s runner');
  }
  if (d.kind === 'runner' || d.kind === 'form') {
    assert.equal(req.mode, 'navigate');
    assert.ok(!/<script|\son[a-z]+=/i.test(d.body), 'the lab pages hold no script');
    assert.ok(csp.length === 1 && csp[0].startsWith("default-src 'none';") && !/script-src|unsafe/.test(csp[0]), `no script allowed: ${csp}`);
    return;
  }
  assert.equal(d.kind, 'answer');
  assert.ok(csp.includes('sandbox'), 'every composed answer is sandboxed: an opaque origin, no script');
  for (const [name, value] of headers) {
    assert.ok(!sw.ORIGIN_WIDE.includes(name), `${name} must never reach the origin`);
    assert.ok(!sw.WIRE_ONLY.includes(name), `${name} cannot be expressed by a worker`);
    assert.ok(/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name), `a valid name: ${JSON.stringify(name)}`);
    assert.ok(!/[\0\r\n]/.test(value), `a value without line breaks: ${JSON.stringify(value)}`);
  }
  if (req.mode === 'navigate') {
    // A lab frame only ever shows documents the worker served, each with the sandbox policy.
    for (const [name] of headers) {
      assert.ok(!sw.LEAVES_THE_LAB.includes(name), `${name} would take the frame out of the lab`);
      assert.ok(!(name === 'location' && d.status >= 300 && d.status <= 399), 'a redirect would take the frame out of the lab');
    }
  }
  // The lab's own headers come last, so nothing in the answer can take their place.
  assert.deepEqual(d.headers.slice(-sw.ADDED.length), sw.ADDED);
}

test('no random request or answer gets past the lab worker', () => {
  const seed = Number(process.env.NOCONTENT_SEED || Date.now() % 1e9);
  const cases = Number(process.env.NOCONTENT_CASES || 20000);
  const g = generator(seed);
  let answered = 0;
  for (let i = 0; i < cases; i += 1) {
    const world = randomWorld(g);
    const req = randomRequest(g, world);
    const d = sw.decide(req, world.runs, NOW, SCOPE);
    try {
      checkDecision(req, world, d);
    } catch (error) {
      error.message = `seed ${seed}, case ${i}: ${error.message}\nrequest ${JSON.stringify(req)}\ndecision ${JSON.stringify(d)}`;
      throw error;
    }
    if (d && d.kind === 'answer') answered += 1;
  }
  // The generator must reach the interesting branch often enough to mean something.
  assert.ok(answered > cases / 100, `only ${answered} of ${cases} cases reached a composed answer (seed ${seed})`);
});

test('a registered run is answered only while it lasts, and only for its own requests', () => {
  const runs = new Map();
  const nonce = 'a'.repeat(32);
  const answer = { s: 200, r: 'OK', h: [['Content-Type', 'text/html']], b: '<script>top.__pwned=1</script>' };
  assert.ok(sw.register(runs, nonce, answer, 1000, NOW, 'owner'));
  const runner = `${SCOPE}runner?n=${nonce}`;
  const fetchIt = (at, clientUrl) => sw.decide({ url: `${SCOPE}x?n=${nonce}&q=1`, method: 'GET', mode: 'cors', destination: '', referrer: runner, clientUrl }, runs, at, SCOPE);
  assert.equal(fetchIt(NOW + 999, runner).kind, 'answer');
  assert.equal(fetchIt(NOW + 1000, runner).kind, 'refused', 'expired');
  assert.equal(fetchIt(NOW + 10, APP).kind, 'refused', 'not from the runner');
  const top = sw.decide({ url: `${SCOPE}x?n=${nonce}&q=1`, method: 'GET', mode: 'navigate', destination: 'document', referrer: APP, clientUrl: null }, runs, NOW, SCOPE);
  assert.equal(top.kind, 'refused', 'a top-level link is refused even with a live nonce');
  assert.match(top.body, /Open nocontent/);
  assert.ok(top.body.includes(`href="${APP}"`), 'the page links back to the app');
  const framed = sw.decide({ url: `${SCOPE}x?n=${nonce}&q=1`, method: 'GET', mode: 'navigate', destination: 'iframe', referrer: 'https://evil.example/', clientUrl: null }, runs, NOW, SCOPE);
  assert.equal(framed.kind, 'refused', 'a frame on another site is refused');
  assert.equal(sw.register(runs, 'short', answer, 1000, NOW, 'owner'), false, 'a malformed nonce is refused');
  assert.equal(sw.register(runs, 'b'.repeat(32), { s: 200 }, 1000, NOW, 'owner'), false, 'a malformed answer is refused');
  assert.equal(sw.register(runs, 'c'.repeat(32), answer, 1e12, NOW, 'owner') && runs.get('c'.repeat(32)).expires, NOW + sw.RUN_TTL_MS, 'no run outlives the cap');
});

// What every Node driver shares: reading the request spec, bounding a call, printing the one
// JSON line the Rust runner reads.
//
// A driver is run as `node <client>.mjs '<spec JSON>'`. The spec names the scenario's request
// (url, method, headers, body), the follow-up request made on the same client afterwards
// (next_url) and how long a call may take before it counts as pending (pending_ms).

export function readSpec() {
  return JSON.parse(process.argv[2]);
}

// Runs `work` (a function returning a promise) and reports how it ended: its value, the error
// it threw in the client's own words, or pending when it did not settle within `ms`. The call
// is not aborted when it is pending: it goes on in the background, as it would in an
// application that never set a timeout, and the follow-up request meets whatever it left.
// `progress` is where the call notes how far it got (`stage: 'body'` and the status once the
// head has arrived), so that a pending call says whether the status had arrived.
export async function bounded(work, ms, progress) {
  const started = Date.now();
  let timer;
  const pending = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ pending: true }), ms);
  });
  const settled = work().then(
    (outcome) => outcome,
    (error) => ({ error }),
  );
  const outcome = await Promise.race([settled, pending]);
  clearTimeout(timer);
  const elapsed = Date.now() - started;
  if (outcome.pending) {
    return { result: { pending: true }, ms: elapsed, stage: progress.stage, status: progress.status };
  }
  if (outcome.error !== undefined) {
    return {
      result: { error: String(outcome.error) },
      cause: describeCause(outcome.error),
      ms: elapsed,
      status: outcome.error?.response?.status ?? progress.status,
    };
  }
  return { ...outcome, ms: elapsed };
}

// The error behind the error: undici wraps every network failure as "TypeError: fetch failed"
// and keeps the real reason in `cause`; Node errors carry a `code`.
function describeCause(error) {
  const parts = [];
  if (error?.code) parts.push(`code ${error.code}`);
  let cause = error?.cause;
  while (cause) {
    parts.push(cause.code ? `${cause} (code ${cause.code})` : String(cause));
    cause = cause.cause;
  }
  return parts.length ? parts.join('; ') : null;
}

// What parsing the body as JSON gives: the value, or the parser's error.
export function parseJson(text) {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: String(error) };
  }
}

// Prints the driver's one line and ends the process, even if a pending call still holds a
// socket open.
export function finish(line) {
  process.stdout.write(JSON.stringify(line) + '\n', () => process.exit(0));
}

// Runs the scenario's request, then the follow-up on the same client, each through
// `call(url, method, headers, body, progress)`, which resolves to `{result, json}`.
export async function drive(client, version, call) {
  const spec = readSpec();
  const progress = { stage: 'response', status: null };
  const first = await bounded(
    () => call(spec.url, spec.method, spec.headers, spec.body, progress),
    spec.pending_ms,
    progress,
  );
  // undici hands a connection back to its pool one turn of the event loop after the body
  // ends: a follow-up made straight away goes out on a second connection even after a clean
  // response (measured with a plain 200: connections 1, 2, 1, 2). Waiting that one turn makes
  // the follow-up say whether the client kept the connection, which is the question here.
  await new Promise((resolve) => setImmediate(resolve));
  const again = { stage: 'response', status: null };
  const next = await bounded(() => call(spec.next_url, 'GET', [], '', again), spec.pending_ms, again);
  finish({ client, version, first, next });
}

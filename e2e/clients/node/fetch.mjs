// Node's fetch (undici, bundled with Node): the scenario's request, then the follow-up on the
// same global dispatcher, whose connections are kept alive.
import { drive, parseJson } from './common.mjs';

const version = `undici ${process.versions.undici} (Node ${process.version})`;

drive('node_fetch', version, async (url, method, headers, body, progress) => {
  const response = await fetch(url, { method, headers, body: body === '' ? undefined : body });
  progress.stage = 'body';
  progress.status = response.status;
  // The JSON read gets its own copy, so that the text is what the body really held.
  const copy = response.clone();
  const text = await response.text();
  let json;
  try {
    json = { value: await copy.json() };
  } catch (error) {
    json = { error: String(error) };
  }
  return {
    result: { value: { status: response.status, body: text, headers: [...response.headers] } },
    json,
  };
});

// Node's http module with its global agent (keep-alive by default since Node 19): the
// scenario's request, then the follow-up through the same agent.
import http from 'node:http';
import { drive, parseJson } from './common.mjs';

const version = `Node ${process.version} http (llhttp ${process.versions.llhttp})`;

// rawHeaders is a flat list of names and values, in the order they arrived.
function pairs(raw) {
  const out = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}

drive('node_http', version, (url, method, headers, body, progress) =>
  new Promise((resolve, reject) => {
    const sent = Object.fromEntries(headers);
    // A string body is written whole, so its length is known: say it, as a developer would,
    // instead of letting http fall back to chunked.
    if (body !== '') sent['Content-Length'] = Buffer.byteLength(body);
    const request = http.request(url, { method, headers: sent }, (response) => {
      progress.stage = 'body';
      progress.status = response.statusCode;
      const chunks = [];
      response.setEncoding('utf8');
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = chunks.join('');
        resolve({
          result: {
            value: { status: response.statusCode, body: text, headers: pairs(response.rawHeaders) },
          },
          json: parseJson(text),
        });
      });
    });
    request.on('error', reject);
    request.end(body === '' ? undefined : body);
  }),
);

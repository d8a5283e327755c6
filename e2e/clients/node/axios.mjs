// axios with its defaults (in Node: the http adapter over http.globalAgent, JSON parsed when it
// parses, any status outside 2xx rejected): the scenario's request, then the follow-up.
import axios from 'axios';
import { drive } from './common.mjs';

const version = `axios ${axios.VERSION} (Node ${process.version})`;

drive('axios', version, async (url, method, headers, body, progress) => {
  const response = await axios.request({
    url,
    method,
    headers: Object.fromEntries(headers),
    data: body === '' ? undefined : body,
  });
  progress.stage = 'body';
  progress.status = response.status;
  const data = response.data;
  return {
    result: {
      value: {
        status: response.status,
        // axios hands the caller a parsed value when the body parsed as JSON, else the text.
        body: typeof data === 'string' ? data : JSON.stringify(data),
        headers: Object.entries(response.headers.toJSON()).map(([n, v]) => [n, String(v)]),
      },
    },
    json: { value: data },
  };
});

"""httpx with one Client (its pool keeps connections alive) and its default timeout (5 s): the
scenario's request, then the follow-up on the same client."""

import h11
import httpcore
import httpx

from common import drive, parse_json

client = httpx.Client()


def call(url, method, headers, body):
    response = client.request(method, url, headers=headers, content=body.encode() if body else None)
    return {
        "result": {
            "value": {
                "status": response.status_code,
                "body": response.text,
                "headers": [[n, v] for n, v in response.headers.multi_items()],
            }
        },
        "json": parse_json(response.json),
    }


drive("httpx", f"httpx {httpx.__version__} (httpcore {httpcore.__version__}, h11 {h11.__version__})", call)

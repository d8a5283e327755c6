"""requests with one Session (its connection pool keeps connections alive) and no timeout, as
most code calls it: the scenario's request, then the follow-up on the same session."""

import requests
import urllib3

from common import drive, parse_json

session = requests.Session()


def call(url, method, headers, body):
    response = session.request(method, url, headers=dict(headers), data=body.encode() if body else None)
    return {
        "result": {
            "value": {
                "status": response.status_code,
                "body": response.text,
                "headers": [[n, v] for n, v in response.headers.items()],
            }
        },
        "json": parse_json(response.json),
    }


drive("requests", f"requests {requests.__version__} (urllib3 {urllib3.__version__})", call)

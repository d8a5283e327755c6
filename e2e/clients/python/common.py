"""What both Python drivers share: reading the request spec, bounding a call, printing the
one JSON line the Rust runner reads.

A driver is run as `python <client>_driver.py '<spec JSON>'`. The spec names the scenario's
request (url, method, headers, body), the follow-up request made on the same client
afterwards (next_url) and how long a call may take before it counts as pending (pending_ms).
"""

import json
import os
import sys
import threading
import time


def read_spec():
    return json.loads(sys.argv[1])


def error_text(error):
    """The error as the caller meets it: its class and its message."""
    return f"{type(error).__name__}: {error}"


def cause_text(error):
    """The chain of causes behind an error, if it has one."""
    parts = []
    cause = error.__cause__ or error.__context__
    while cause is not None and len(parts) < 5:
        parts.append(error_text(cause))
        cause = cause.__cause__ or cause.__context__
    return "; ".join(parts) or None


def bounded(work, ms):
    """Runs `work()` in a thread and reports how it ended: its value, the error it raised, or
    pending when it has not returned after `ms`. A pending call is left running, as it would
    be in an application that set no timeout, and the follow-up request meets what it left."""
    box = {}

    def run():
        try:
            box["outcome"] = work()
        except BaseException as error:  # the client's own exception is the measurement
            box["error"] = error

    started = time.monotonic()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(ms / 1000)
    elapsed = round((time.monotonic() - started) * 1000)
    if thread.is_alive():
        return {"result": {"pending": True}, "ms": elapsed}
    if "error" in box:
        error = box["error"]
        response = getattr(error, "response", None)
        return {
            "result": {"error": error_text(error)},
            "cause": cause_text(error),
            "ms": elapsed,
            "status": getattr(response, "status_code", None),
        }
    return {**box["outcome"], "ms": elapsed}


def parse_json(read):
    """What the client's own JSON read gives: the value, or its error."""
    try:
        return {"value": read()}
    except Exception as error:
        return {"error": error_text(error)}


def drive(client, version, call):
    """Runs the scenario's request, then the follow-up on the same client, each through
    `call(url, method, headers, body)`, which returns `{result, json}`; prints the line and
    ends the process even if a pending call is still waiting."""
    spec = read_spec()
    first = bounded(
        lambda: call(spec["url"], spec["method"], spec["headers"], spec["body"]),
        spec["pending_ms"],
    )
    nxt = bounded(lambda: call(spec["next_url"], "GET", [], ""), spec["pending_ms"])
    sys.stdout.write(json.dumps({"client": client, "version": version, "first": first, "next": nxt}) + "\n")
    sys.stdout.flush()
    os._exit(0)

"""The two lines every Python app prints for the runner: READY with its port and version
once it listens, and MARK after each scenario (everything logged before it belongs to that
scenario)."""

import json
import sys


def ready(port, version):
    print("READY " + json.dumps({"port": port, "version": version}), flush=True)


def mark(id):
    print(f"MARK {id}", file=sys.stderr, flush=True)

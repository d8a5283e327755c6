"""Flask on Werkzeug's server (what `flask run` starts, threaded): one view that answers every
catalog scenario with its status, headers and body as a view usually returns them, a
(body, status, headers) tuple. Started as `python flask_app.py <answers.json>`."""

import json
import logging
import sys
from importlib.metadata import version

from flask import Flask
from werkzeug.serving import make_server

from marks import mark, ready

answers = json.load(open(sys.argv[1]))
app = Flask(__name__)
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


# The handler under test.
@app.route("/s/<id>", methods=METHODS)
def answer(id):
    a = answers[id]
    return a["body"], a["status"], [tuple(h) for h in a["headers"]]


@app.route("/ok")
def ok():
    return "ok", 200, {"Content-Type": "text/plain"}


@app.route("/mark/<id>")
def mark_view(id):
    mark(id)
    return "ok", 200, {"Content-Type": "text/plain"}


# Werkzeug logs each request after answering it; only its warnings and errors are kept.
logging.getLogger("werkzeug").setLevel(logging.WARNING)
server = make_server("127.0.0.1", 0, app, threaded=True)
ready(server.server_port, f"Flask {version('flask')} (Werkzeug {version('werkzeug')})")
server.serve_forever()

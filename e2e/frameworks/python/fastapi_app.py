"""FastAPI on uvicorn (its h11 protocol; httptools is not installed): one path operation that
answers every catalog scenario with Response(content, status_code, headers), as FastAPI code
does when it sets the status and headers itself. Started as
`python fastapi_app.py <answers.json>`."""

import json
import socket
import sys
from importlib.metadata import version

import uvicorn
from fastapi import FastAPI, Response
from fastapi.responses import PlainTextResponse

from marks import mark, ready

answers = json.load(open(sys.argv[1]))
app = FastAPI()
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


# The handler under test.
@app.api_route("/s/{id}", methods=METHODS)
async def answer(id: str):
    a = answers[id]
    return Response(content=a["body"], status_code=a["status"], headers=dict(a["headers"]))


@app.get("/ok")
async def ok():
    return PlainTextResponse("ok")


@app.get("/mark/{id}")
async def mark_view(id: str):
    mark(id)
    return PlainTextResponse("ok")


sock = socket.socket()
sock.bind(("127.0.0.1", 0))
# Listening before READY: connections wait in the backlog until uvicorn accepts them.
sock.listen(128)
config = uvicorn.Config(app, http="h11", access_log=False, log_level="info")
server = uvicorn.Server(config)
ready(
    sock.getsockname()[1],
    f"FastAPI {version('fastapi')} (Starlette {version('starlette')}, uvicorn {version('uvicorn')}, h11 {version('h11')})",
)
server.run(sockets=[sock])

@app.api_route("/s/{id}", methods=METHODS)
async def answer(id: str):
    a = answers[id]
    return Response(content=a["body"], status_code=a["status"], headers=dict(a["headers"]))

@app.route("/s/<id>", methods=METHODS)
def answer(id):
    a = answers[id]
    return a["body"], a["status"], [tuple(h) for h in a["headers"]]

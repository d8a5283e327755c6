@app.post("/feedback")
def submit_form(form: Feedback):
    save(form)
    return Response(status_code=status.HTTP_205_RESET_CONTENT)

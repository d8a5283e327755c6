@app.get("/books/{book_id}")
def show_book(book_id: int):
    return {"id": book_id, "title": "Silence"}

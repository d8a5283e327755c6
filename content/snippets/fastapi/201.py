@app.post("/books", status_code=status.HTTP_201_CREATED)
def add_book(book: NewBook, response: Response):
    book_id = store(book)
    response.headers["Location"] = f"/books/{book_id}"
    return {"id": book_id}

@app.delete("/books/{book_id}", status_code=status.HTTP_204_NO_CONTENT)
def drop_book(book_id: int) -> None:
    forget(book_id)

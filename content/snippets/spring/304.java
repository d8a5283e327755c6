@GetMapping("/books/{id}")
Book show(@PathVariable long id, WebRequest request) {
    if (request.checkNotModified(books.tag(id))) {
        return null; // Spring has already set 304
    }
    return books.load(id);
}

@GetMapping("/books/{id}")
ResponseEntity<Book> show(@PathVariable long id) {
    return ResponseEntity.ok(books.load(id));
}

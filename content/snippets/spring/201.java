@PostMapping("/books")
ResponseEntity<Void> add(@RequestBody NewBook book) {
    long id = books.store(book);
    return ResponseEntity.created(URI.create("/books/" + id)).build();
}

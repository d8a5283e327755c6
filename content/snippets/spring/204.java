@DeleteMapping("/books/{id}")
ResponseEntity<Void> drop(@PathVariable long id) {
    books.forget(id);
    return ResponseEntity.noContent().build();
}

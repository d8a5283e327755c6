func addBook(w http.ResponseWriter, r *http.Request) {
	id := store(r)
	w.Header().Set("Location", fmt.Sprintf("/books/%d", id))
	w.WriteHeader(http.StatusCreated)
}

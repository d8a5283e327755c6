func dropBook(w http.ResponseWriter, r *http.Request) {
	forget(r.PathValue("id"))
	w.WriteHeader(http.StatusNoContent)
}

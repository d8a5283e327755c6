func submitForm(w http.ResponseWriter, r *http.Request) {
	save(r)
	w.WriteHeader(http.StatusResetContent)
}

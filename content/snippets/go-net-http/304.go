func showCover(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("ETag", coverTag)
	http.ServeContent(w, r, "cover.png", coverModTime, bytes.NewReader(coverBytes))
}

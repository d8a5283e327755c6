	http.HandleFunc("/s/", func(w http.ResponseWriter, r *http.Request) {
		a := answers[strings.TrimPrefix(r.URL.Path, "/s/")]
		for _, h := range a.Headers {
			w.Header().Add(h[0], h[1])
		}
		w.WriteHeader(a.Status)
		if _, err := io.WriteString(w, a.Body); err != nil {
			log.Printf("write: %v", err)
		}
	})

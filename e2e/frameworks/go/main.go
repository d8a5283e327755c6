// Go's net/http (standard library only): one handler that answers every catalog scenario with
// its headers, status and body the way Go handlers are written: Header().Add, WriteHeader,
// Write. Started as `nethttp-app <answers.json>`; prints `READY {json}` once it listens.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
)

type answer struct {
	Status  int         `json:"status"`
	Headers [][2]string `json:"headers"`
	Body    string      `json:"body"`
}

func main() {
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	var answers map[string]answer
	if err := json.Unmarshal(raw, &answers); err != nil {
		log.Fatal(err)
	}
	log.SetOutput(os.Stderr)

	// The handler under test. Write's error is logged, as a careful handler does: it is how
	// net/http refuses a body on a status that cannot have one.
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
	http.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "ok")
	})
	http.HandleFunc("/mark/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(os.Stderr, "MARK %s\n", strings.TrimPrefix(r.URL.Path, "/mark/"))
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "ok")
	})

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	ready, _ := json.Marshal(map[string]interface{}{
		"port":    listener.Addr().(*net.TCPAddr).Port,
		"version": "Go " + strings.TrimPrefix(runtime.Version(), "go") + " net/http",
	})
	fmt.Printf("READY %s\n", ready)
	log.Fatal(http.Serve(listener, nil))
}

package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// The server's own paths under the base path: the live-reload script and
// the Server-Sent Events it listens to. The site cannot have files there.
const (
	ScriptPath = "_portal/live.js"
	EventsPath = "_portal/events"
)

// Events the script understands. Each carries the state's version, and
// "hello", sent when the script connects, carries the current problem too.
const (
	eventHello   = "hello"  // the version served now: reload if the page is older
	eventReload  = "reload" // a new site is complete: reload
	eventCSS     = "css"    // only stylesheets changed: refresh them in place
	eventProblem = "error"  // the site has a problem: show it over the page
)

// Server serves a site from memory with live reload: every HTML page gets
// a small script that follows the server's events. Show and Fail change
// what it serves; a Server is safe for use by several goroutines.
type Server struct {
	state   atomic.Pointer[state]
	id      string // tells this process's versions from a restarted one's
	builds  int    // successful builds so far; guarded by mu
	mu      sync.Mutex
	clients map[chan event]bool
	closed  chan struct{}
	onError func(error) // told when a page fails to render
}

type event struct {
	name string
	data []byte
}

// NewServer makes a server for a site under base that has not built yet.
// onError, if not nil, is told when a page made on request fails.
func NewServer(base string, onError func(error)) *Server {
	s := &Server{id: strconv.FormatInt(time.Now().UnixNano(), 36), clients: map[chan event]bool{}, closed: make(chan struct{}), onError: onError}
	s.state.Store(&state{base: base, version: s.id + ".0"})
	return s
}

// Broken reports whether the site has a problem shown over the pages.
func (s *Server) Broken() bool { return s.state.Load().problem != "" }

// Show starts serving files, a complete new site under base, and tells
// every open page: to reload, or with cssOnly to refresh its stylesheets.
func (s *Server) Show(files Files, base string, cssOnly bool) {
	s.mu.Lock()
	s.builds++
	st := &state{files: files, base: base, version: s.id + "." + strconv.Itoa(s.builds)}
	wasBroken := s.state.Load().problem != ""
	s.state.Store(st)
	s.mu.Unlock()
	name := eventReload
	if cssOnly && !wasBroken { // a page showing a problem reloads to lose it
		name = eventCSS
	}
	s.broadcast(name, st)
}

// Fail keeps serving the last good site and shows problem, the text the
// terminal shows, over every open page until the next Show.
func (s *Server) Fail(problem string) {
	s.mu.Lock()
	st := *s.state.Load()
	st.problem = problem
	s.state.Store(&st)
	s.mu.Unlock()
	s.broadcast(eventProblem, &st)
}

// renderFailed is told when a page made on request fails.
func (s *Server) renderFailed(err error) {
	if s != nil && s.onError != nil {
		s.onError(err)
	}
}

// Close ends every event stream, so that the HTTP server can shut down.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.closed:
	default:
		close(s.closed)
	}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	st := s.state.Load()
	switch r.URL.Path {
	case st.base + EventsPath:
		s.events(w, r)
		return
	case st.base + ScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(liveJS)
		return
	}
	serveFile(w, r, st, s)
}

// message is the data of every event.
type message struct {
	Version string `json:"version"`
	Problem string `json:"error,omitempty"`
}

func (st *state) message() []byte {
	data, _ := json.Marshal(message{Version: st.version, Problem: st.problem})
	return data
}

func (s *Server) broadcast(name string, st *state) {
	ev := event{name: name, data: st.message()}
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		select {
		case c <- ev:
		default: // a client this far behind gets the state when it reconnects
		}
	}
}

// events streams the server's events to one page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan event, 16)
	s.mu.Lock()
	s.clients[c] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// Reconnect quickly after the server restarts.
	fmt.Fprintf(w, "retry: 500\n\n")
	write := func(ev event) { fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data) }
	write(event{name: eventHello, data: s.state.Load().message()})
	flusher.Flush()
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case ev := <-c:
			write(ev)
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		case <-r.Context().Done():
			return
		case <-s.closed:
			return
		}
		flusher.Flush()
	}
}

// script is the tag that loads the live-reload script into a page served
// from st. The script is a file of its own, so that pages keep working under
// a Content Security Policy of script-src 'self'; the tag hands it the
// state's version and problem, escaped as attribute text.
func (s *Server) script(st *state) []byte {
	return []byte(`<script src="` + html.EscapeString(st.base+ScriptPath) +
		`" data-events="` + html.EscapeString(st.base+EventsPath) +
		`" data-version="` + html.EscapeString(st.version) +
		`" data-error="` + html.EscapeString(st.problem) + `"></script>
`)
}

// liveJS is the live-reload script, served at ScriptPath.
//
//go:embed live.js
var liveJS []byte

// inject puts script into an HTML page before </body>, or at its end.
func inject(page, script []byte) []byte {
	at := bytes.LastIndex(page, []byte("</body>"))
	if at < 0 {
		at = bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	}
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:at]...)
	out = append(out, script...)
	return append(out, page[at:]...)
}

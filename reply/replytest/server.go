package replytest

import (
	"net/http"
	"net/http/httptest"
)

// Server is an emulator served in-process over httptest.
type Server struct {
	*Emulator
	URL string // base URL, e.g. http://127.0.0.1:41234
	Key string // an accepted API key
	srv *httptest.Server
}

// NewServer starts an in-process emulator. Defaults: frozen clock at [DefaultStart], no rate limits, no
// seed, any non-empty key accepted. Close it when done.
func NewServer(opts ...Option) *Server {
	cfg := config{start: DefaultStart}
	for _, o := range opts {
		o(&cfg)
	}
	e := newEmulator(cfg)
	s := &Server{Emulator: e, Key: "replytest-key"}
	if len(cfg.keys) > 0 {
		s.Key = cfg.keys[0]
	}
	s.srv = httptest.NewServer(e)
	s.URL = s.srv.URL
	return s
}

// HTTPClient returns an *http.Client configured for the server.
func (s *Server) HTTPClient() *http.Client { return s.srv.Client() }

// Close shuts the server and the webhook worker down.
func (s *Server) Close() {
	s.srv.Close()
	s.Emulator.Close()
}

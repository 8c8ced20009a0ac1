package csvio_test

import (
	"testing"

	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// mustServer starts an in-process emulator and a client on it with no pacing (the emulator has no limits).
func mustServer(tb testing.TB, opts ...replytest.Option) (*replytest.Server, *reply.Client) {
	tb.Helper()
	srv := replytest.NewServer(opts...)
	tb.Cleanup(srv.Close)
	c, err := reply.NewClient(srv.Key, reply.WithBaseURL(srv.URL), reply.WithHTTPClient(srv.HTTPClient()),
		reply.WithRateLimits(0, 0), reply.WithClock(srv.Clock()))
	if err != nil {
		tb.Fatal(err)
	}
	return srv, c
}

package bisync

// WithBeforeCommit calls f before each object's destination transaction commits; an error from f rolls it back,
// as a crash between the API writes and the commit would.
func WithBeforeCommit(f func(object string) error) Option {
	return func(s *Syncer) { s.beforeCommit = f }
}

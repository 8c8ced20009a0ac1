package replytest

import "time"

// jobRec is a background job (email validation only).
type jobRec struct {
	ID        string
	Category  string
	StartedAt time.Time
	Cancelled time.Time
	JSONData  string
	Count     int
}

func (e *Emulator) registerBackgroundJobRoutes() {}

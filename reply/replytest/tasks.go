package replytest

import "time"

// taskRec is a stored task.
type taskRec struct {
	ID               int64
	TaskType         string
	Status           string
	LinkedInTaskType nstr
	AssignedUserID   int64
	ContactID        int64 // 0 = none
	StartAt, DueTo   time.Time
	FinishedAt       time.Time
	SequenceID       int64
	SequenceStepID   int64
	StepDisplayName  nstr
	CreationSource   string
	CreatedAt        time.Time
	IsFailed         bool
	Body             string
	Subject          nstr
	Deleted          bool
}

func (e *Emulator) registerTaskRoutes() {}

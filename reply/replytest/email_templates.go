package replytest

import "time"

// templateRec is a stored email template.
type templateRec struct {
	ID            int64
	Name          string
	Subject       nstr
	Body          string
	FolderID      int64
	FolderType    string
	AttachmentIDs []int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

func (e *Emulator) registerTemplateRoutes() {}

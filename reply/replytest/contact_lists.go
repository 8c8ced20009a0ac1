package replytest

// contactListRec is a stored contact list.
type contactListRec struct {
	ID          int64
	Name        string
	IsShared    bool
	OwnerUserID int64
}

func (e *Emulator) registerContactListRoutes() {}

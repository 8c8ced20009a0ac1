package replytest

// templateFolderRec is a stored email template folder.
type templateFolderRec struct {
	ID         int64
	Name       string
	FolderType string // personal, team, community, organization
	IsDefault  bool
}

func (e *Emulator) registerTemplateFolderRoutes() {}

package replytest

// templateFolderRec is a stored email template folder.
type templateFolderRec struct {
	ID         int64
	Name       string
	FolderType string // personal, team, community, organization
	IsDefault  bool
}

// defaultFolder returns the default folder of a type (personal or team).
func (e *Emulator) defaultFolder(folderType string) *templateFolderRec {
	for _, f := range e.templateFolders.all() {
		if f.IsDefault && f.FolderType == folderType {
			return f
		}
	}
	return nil
}

func (e *Emulator) registerTemplateFolderRoutes() {}

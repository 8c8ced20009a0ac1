package replytest

// customFieldRec is a stored custom field definition.
type customFieldRec struct {
	ID        int64
	Title     string
	FieldType string // text | number
	Metadata  nstr
	OrgWide   bool
}

func (e *Emulator) registerCustomFieldRoutes() {}

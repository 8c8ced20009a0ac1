package catalog

// sequenceStepVariants is the variants of each step, REFERENCE.md §2.15.
func sequenceStepVariants() *Table {
	t := &Table{
		Name: "SequenceStepVariants",
		Doc:  "A/B variants of email and linkedIn message/connect/inMail steps. GET /v3/sequences/{id}/steps/{step_id}/variants for each step.",
		Key:  []string{"SequenceId", "StepId", "Id"},
		Columns: []Column{
			{Name: "SequenceId", Type: Int, Required: true, Doc: "Sequences.Id."},
			{Name: "StepId", Type: Int, Required: true, Doc: "SequenceSteps.Id."},
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "Subject", Field: "subject", Type: Text, Nullable: true},
			{Name: "Message", Field: "message", Type: Text, Required: true, Nullable: true},
			{Name: "IsEnabled", Field: "isEnabled", Type: Bool, Nullable: true, Doc: "Default true; a step keeps at least one enabled variant."},
			{Name: "HasAttachments", Field: "hasAttachments", Type: Bool, ReadOnly: true, Nullable: true},
			{Name: "AttachmentIds", Field: "attachmentIds", Type: JSON, WriteOnly: true, Nullable: true, Doc: "[int], at most 3; [] clears."},
		},
		Filters: []Filter{
			{Column: "SequenceId", Ops: []Op{Eq, In}, Exact: true, Doc: "walks that sequence's steps"},
			{Column: "StepId", Ops: []Op{Eq, In}, Exact: true, Doc: "GET .../steps/{step_id}/variants (with SequenceId; otherwise every sequence's steps are walked)"},
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "picked from the step's variants"},
		},
		Parent:  &Parent{Table: "SequenceSteps", Column: "StepId", Key: "Id"},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes"},
	}
	t.List = notWired(t.Name)
	return t
}

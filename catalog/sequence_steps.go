package catalog

// sequenceSteps is the steps of each sequence, REFERENCE.md §2.14.
func sequenceSteps() *Table {
	t := &Table{
		Name: "SequenceSteps",
		Doc: "Steps of each sequence (a tree through ParentId / IfConditionPositive). GET /v3/sequences/{id}/steps for each " +
			"sequence. Which columns a step needs depends on Type (and ActionType for linkedIn steps); UPDATE sends the whole step back.",
		Key: []string{"SequenceId", "Id"},
		Columns: []Column{
			{Name: "SequenceId", Type: Int, Required: true, Doc: "Sequences.Id."},
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "Type", Field: "type", Type: Text, Required: true, CreateOnly: true, Enum: stepTypes},
			{Name: "ActionType", Field: "actionType", Type: Text, Nullable: true,
				Enum: append(append([]string{}, linkedInActionTypes...), taskActionTypes...),
				Doc:  "linkedIn: message, connect, inMail, viewProfile, endorseSkills, voiceMessage, likeRecentPosts, followProfile, commentOnRecentPost; task: toDo, meeting."},
			{Name: "DelayInMinutes", Field: "delayInMinutes", Type: Int, Required: true},
			{Name: "ParentId", Field: "parentId", Type: Int, Nullable: true, Doc: "Parent step; omitted: appended to the chain."},
			{Name: "IfConditionPositive", Field: "ifConditionPositive", Type: Bool, Nullable: true, Doc: "Branch under a condition parent."},
			{Name: "ExecutionMode", Field: "executionMode", Type: Text, Nullable: true, Enum: executionModes},
			{Name: "Variants", Field: "variants", Type: JSON, Nullable: true, Doc: "email and linkedIn message/connect/inMail steps; on UPDATE each kept variant carries its id.", Items: variantItems()},
			{Name: "Message", Field: "message", Type: Text, Nullable: true, Doc: "call, sms, whatsApp."},
			{Name: "Description", Field: "description", Type: Text, Nullable: true, Doc: "task, linkedIn viewProfile."},
			{Name: "NumberOfSkills", Field: "numberOfSkills", Type: Int, Nullable: true, Doc: "linkedIn endorseSkills (1..3)."},
			{Name: "AudioFile", Field: "audioFile", Type: Text, Nullable: true, Doc: "linkedIn voiceMessage."},
			{Name: "AiPromptText", Field: "aiPromptText", Type: Text, Nullable: true, Doc: "linkedIn commentOnRecentPost."},
			{Name: "SkipIfNoPostsInDays", Field: "skipIfNoPostsInDays", Type: Int, Nullable: true, Doc: "linkedIn commentOnRecentPost."},
			{Name: "SkipTopics", Field: "skipTopics", Type: JSON, Nullable: true, Doc: "linkedIn commentOnRecentPost: [string]."},
			{Name: "Name", Field: "name", Type: Text, Nullable: true, Doc: "zapier."},
			{Name: "Action", Field: "action", Type: Text, Nullable: true, Enum: zapierActions, Doc: "zapier."},
			{Name: "WaitInMinutes", Field: "waitInMinutes", Type: Int, Nullable: true, Doc: "condition."},
			{Name: "Conditions", Field: "conditions", Type: JSON, Nullable: true, Doc: "condition: [{property, rules: [{operator, value}]}]."},
		},
		Filters: []Filter{
			{Column: "SequenceId", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/sequences/{id}/steps"},
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/sequences/{id}/steps/{step_id} with SequenceId; otherwise picked from the lists"},
		},
		Parent:  &Parent{Table: "Sequences", Column: "SequenceId", Key: "Id"},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes"},
	}
	t.List = notWired(t.Name)
	return t
}

package catalog

import (
	"context"
	"iter"

	"github.com/replykit/replykit/reply"
)

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
		Parent:          &Parent{Table: "Sequences", Column: "SequenceId", Key: "Id"},
		Changes:         Changes{Strategy: Full, Doc: "full scan with row hashes"},
		BatchSize:       100,
		DeleteBatchSize: 100,
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		return listSteps(ctx, c, t, q)
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return grouped(rows, sequenceKey, func(first Row, rows []Row) []WriteResult {
			seq, _ := intValue(first, "SequenceId")
			out := bulkInsert(ctx, t, rows, t.BatchSize,
				func(ctx context.Context, steps []reply.Step) ([]reply.CreateResult, error) {
					return c.SequenceSteps.BulkCreate(ctx, seq, steps)
				},
				func(ctx context.Context, st reply.Step) (reply.Step, error) {
					return c.SequenceSteps.Create(ctx, seq, st)
				})
			for i := range out {
				if out[i].Row != nil {
					out[i].Row["SequenceId"] = seq
				}
			}
			return out
		})
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) { return updateStep(ctx, c, t, r) })
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return grouped(keys, sequenceKey, func(first Row, keys []Row) []WriteResult {
			seq, _ := intValue(first, "SequenceId")
			out := bulkDelete(ctx, keys, "Id", func(ctx context.Context, ids []int64) (reply.BulkResult, error) {
				return c.SequenceSteps.BulkDelete(ctx, seq, ids)
			})
			for i := range out {
				if out[i].Row != nil {
					out[i].Row["SequenceId"] = seq
				}
			}
			return out
		})
	}
	return t
}

// sequenceKey groups rows by SequenceId.
func sequenceKey(r Row) (string, error) {
	id, err := intValue(r, "SequenceId")
	return itoa(id), err
}

// stepRow converts a step of sequence seq.
func stepRow(t *Table, seq int64, st reply.Step) (Row, error) {
	r, err := rowFrom(t, st)
	if err != nil {
		return nil, err
	}
	r["SequenceId"] = seq
	return r, nil
}

func listSteps(ctx context.Context, c *reply.Client, t *Table, q Query) iter.Seq2[Row, error] {
	stepIDs, byID := condInts(q, "Id")
	if seqs, ok := condInts(q, "SequenceId"); ok && byID && len(seqs) == 1 {
		return byIDs(t, stepIDs, func(id int64) (Row, error) {
			st, err := c.SequenceSteps.Get(ctx, seqs[0], id)
			if err != nil {
				return nil, err
			}
			return stepRow(t, seqs[0], st)
		})
	}
	rows := children(sequenceIDs(ctx, c, q), func(seq int64) iter.Seq2[Row, error] {
		return func(yield func(Row, error) bool) {
			for st, err := range c.SequenceSteps.List(ctx, seq, 0) {
				if err != nil {
					yield(nil, err)
					return
				}
				r, err := stepRow(t, seq, st)
				if !yield(r, err) || err != nil {
					return
				}
			}
		}
	})
	return limited(q, only(rows, "Id", stepIDs, byID))
}

// updateStep sends the whole step back (PUT): the current step with the row's columns laid over it. Variants
// given in the row replace the step's; each one to keep carries its id.
func updateStep(ctx context.Context, c *reply.Client, t *Table, r Row) (Row, error) {
	seq, err := intValue(r, "SequenceId")
	if err != nil {
		return nil, err
	}
	id, err := intValue(r, "Id")
	if err != nil {
		return nil, err
	}
	cur, err := c.SequenceSteps.Get(ctx, seq, id)
	if err != nil {
		return nil, err
	}
	body, err := merged(cur, bodyFrom(t, withoutKey(t, r)))
	if err != nil {
		return nil, err
	}
	var st reply.Step
	if err := convert(body, &st); err != nil {
		return nil, err
	}
	if st, err = c.SequenceSteps.Update(ctx, seq, id, st); err != nil {
		return nil, err
	}
	return stepRow(t, seq, st)
}

package catalog

import (
	"context"
	"errors"
	"iter"

	"github.com/replykit/replykit/reply"
)

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
			{Name: "Message", Field: "message", Type: Text, Nullable: true, Doc: "Required by the API on email, linkedIn message and inMail steps; optional (at most 300 characters) on linkedIn connect steps (REFERENCE.md §2.14), so the API checks it per step type."},
			{Name: "IsEnabled", Field: "isEnabled", Type: Bool, Nullable: true, Doc: "Default true; a step keeps at least one enabled variant."},
			{Name: "HasAttachments", Field: "hasAttachments", Type: Bool, ReadOnly: true, Nullable: true},
			{Name: "AttachmentIds", Field: "attachmentIds", Type: JSON, WriteOnly: true, Nullable: true, Doc: "[int], at most 3; [] clears."},
		},
		Filters: []Filter{
			{Column: "SequenceId", Ops: []Op{Eq, In}, Exact: true, Doc: "walks that sequence's steps"},
			{Column: "StepId", Ops: []Op{Eq, In}, Exact: true, Doc: "GET .../steps/{step_id}/variants (with SequenceId; otherwise every sequence's steps are walked)"},
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "picked from the step's variants"},
		},
		Parent:          &Parent{Table: "SequenceSteps", Column: "StepId", Key: "Id"},
		Changes:         Changes{Strategy: Full, Doc: "full scan with row hashes"},
		BatchSize:       100,
		DeleteBatchSize: 100,
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		return listVariants(ctx, c, t, q)
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return grouped(rows, stepKey, func(first Row, rows []Row) []WriteResult {
			seq, _ := intValue(first, "SequenceId")
			step, _ := intValue(first, "StepId")
			out := bulkInsert(ctx, t, rows, t.BatchSize,
				func(ctx context.Context, ws []reply.VariantWrite) ([]reply.CreateResult, error) {
					return c.SequenceStepVariants.BulkCreate(ctx, seq, step, ws)
				},
				func(ctx context.Context, w reply.VariantWrite) (reply.Variant, error) {
					return c.SequenceStepVariants.Create(ctx, seq, step, w)
				})
			for i := range out {
				if out[i].Row != nil {
					out[i].Row["SequenceId"], out[i].Row["StepId"] = seq, step
				}
			}
			return out
		})
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) {
			seq, step, id, err := variantKey(r)
			if err != nil {
				return nil, err
			}
			cur, err := c.SequenceStepVariants.Get(ctx, seq, step, id)
			if err != nil {
				return nil, err
			}
			body, err := putBody(t, cur, withoutKey(t, r))
			if err != nil {
				return nil, err
			}
			var w reply.VariantWrite
			if err := convert(body, &w); err != nil {
				return nil, err
			}
			v, err := c.SequenceStepVariants.Update(ctx, seq, step, id, w)
			if err != nil {
				return nil, err
			}
			return variantRow(t, seq, step, v)
		})
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return grouped(keys, stepKey, func(first Row, keys []Row) []WriteResult {
			seq, _ := intValue(first, "SequenceId")
			step, _ := intValue(first, "StepId")
			out := bulkDelete(ctx, keys, "Id", func(ctx context.Context, ids []int64) (reply.BulkResult, error) {
				return c.SequenceStepVariants.BulkDelete(ctx, seq, step, ids)
			})
			for i := range out {
				if out[i].Row != nil {
					out[i].Row["SequenceId"], out[i].Row["StepId"] = seq, step
				}
			}
			return out
		})
	}
	return t
}

// stepKey groups rows by SequenceId and StepId.
func stepKey(r Row) (string, error) {
	seq, err := intValue(r, "SequenceId")
	if err != nil {
		return "", err
	}
	step, err := intValue(r, "StepId")
	return itoa(seq) + "/" + itoa(step), err
}

func variantKey(r Row) (seq, step, id int64, err error) {
	if seq, err = intValue(r, "SequenceId"); err != nil {
		return
	}
	if step, err = intValue(r, "StepId"); err != nil {
		return
	}
	id, err = intValue(r, "Id")
	return
}

func variantRow(t *Table, seq, step int64, v reply.Variant) (Row, error) {
	r, err := rowFrom(t, v)
	if err != nil {
		return nil, err
	}
	r["SequenceId"], r["StepId"] = seq, step
	return r, nil
}

// hasVariants reports whether a step type carries variants (REFERENCE.md §2.15).
func hasVariants(st reply.Step) bool {
	switch st.Type {
	case "email":
		return true
	case "linkedIn":
		return st.ActionType == "message" || st.ActionType == "connect" || st.ActionType == "inMail"
	}
	return false
}

// listVariants reads GET .../steps/{step}/variants for the steps the query names, or for every step with
// variants of the sequences it names (or of every sequence).
func listVariants(ctx context.Context, c *reply.Client, t *Table, q Query) iter.Seq2[Row, error] {
	type stepRef struct{ seq, step int64 }
	stepIDs, byStep := condInts(q, "StepId")
	seqs, bySeq := condInts(q, "SequenceId")
	var steps iter.Seq2[stepRef, error]
	if byStep && bySeq && len(seqs) == 1 {
		steps = func(yield func(stepRef, error) bool) {
			for _, st := range stepIDs {
				if !yield(stepRef{seqs[0], st}, nil) {
					return
				}
			}
		}
	} else {
		want := map[int64]bool{}
		for _, id := range stepIDs {
			want[id] = true
		}
		steps = func(yield func(stepRef, error) bool) {
			for seq, err := range sequenceIDs(ctx, c, q) {
				if err != nil {
					yield(stepRef{}, err)
					return
				}
				for st, err := range c.SequenceSteps.List(ctx, seq, 0) {
					if errors.Is(err, reply.ErrNotFound) {
						break
					}
					if err != nil {
						yield(stepRef{}, err)
						return
					}
					if (byStep && !want[int64(st.ID)]) || !hasVariants(st) {
						continue
					}
					if !yield(stepRef{seq, int64(st.ID)}, nil) {
						return
					}
				}
			}
		}
	}
	ids, byID := condInts(q, "Id")
	rows := children(steps, func(s stepRef) iter.Seq2[Row, error] {
		return func(yield func(Row, error) bool) {
			for v, err := range c.SequenceStepVariants.List(ctx, s.seq, s.step, 0) {
				if err != nil {
					yield(nil, err)
					return
				}
				r, err := variantRow(t, s.seq, s.step, v)
				if !yield(r, err) || err != nil {
					return
				}
			}
		}
	})
	return limited(q, only(rows, "Id", ids, byID))
}

package bisync

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
)

// StateTable is the name (before the prefix) of the table holding each synced row's base: one row per object and
// Id, the base hash in _row_hash (the dest writer's hash column) and the time it was stored.
const StateTable = "_replykit_sync"

func stateTable(prefix string) *dest.Table {
	return &dest.Table{
		Name:   prefix + StateTable,
		Source: StateTable,
		Columns: []dest.Column{
			{Name: "object", Source: "object", Type: catalog.Text},
			{Name: "id", Source: "id", Type: catalog.Int},
			{Name: "synced_at", Source: "synced_at", Type: catalog.Time},
		},
		Key: []string{"object", "id"},
	}
}

// loadBases returns the base hash of every synced row of object, by Id.
func (s *Syncer) loadBases(ctx context.Context, object string) (map[int64]string, error) {
	all, err := s.w.Hashes(ctx, s.db, s.state)
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for k, h := range all {
		obj, id, ok := strings.Cut(k, "\x1f")
		if !ok || obj != object {
			continue
		}
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			continue
		}
		out[n] = h
	}
	return out, nil
}

// saveBases stores bases (Id -> hash) of object in tx.
func (s *Syncer) saveBases(ctx context.Context, tx *dest.Tx, object string, bases map[int64]string, at time.Time) error {
	if len(bases) == 0 {
		return nil
	}
	recs := make([]dest.Record, 0, len(bases))
	for id, h := range bases {
		recs = append(recs, dest.Record{Values: []any{object, id, at}, Hash: h})
	}
	return s.w.Upsert(ctx, tx, s.state, recs)
}

// dropBases deletes the bases of ids of object in tx.
func (s *Syncer) dropBases(ctx context.Context, tx *dest.Tx, object string, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	keys := make([][]any, len(ids))
	for i, id := range ids {
		keys[i] = []any{object, id}
	}
	_, err := s.w.Delete(ctx, tx, s.state, keys, false, time.Time{})
	return err
}

package bisync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
)

// PendingTable is the name (before the prefix) of the table of pending inserts: one row per table row about to be
// created in Reply, committed before the API call and removed in the transaction that writes the new Id back. A
// run that finds a marker left by an interrupted run looks the object up in its listing by the marker's natural
// key and adopts it instead of creating it again.
const PendingTable = "_replykit_sync_pending"

func pendingTable(prefix string) *dest.Table {
	return &dest.Table{
		Name:   prefix + PendingTable,
		Source: PendingTable,
		Columns: []dest.Column{
			{Name: "object", Source: "object", Type: catalog.Text},
			{Name: "key_hash", Source: "key_hash", Type: catalog.Text},
			{Name: "natural_key", Source: "natural_key", Type: catalog.Text},
			{Name: "old_id", Source: "old_id", Type: catalog.Int},
			{Name: "created_at", Source: "created_at", Type: catalog.Time},
		},
		Key: []string{"object", "key_hash"},
	}
}

// naturalKey returns what identifies a new object of t in Reply besides its Id ("" when the row has none):
// Contacts by email (unique, case-insensitive) or else LinkedIn URL, Accounts and Sequences by name, Webhooks by
// event type and URL. Only Contacts' email is unique in Reply; for the others the key is only compared with
// objects that appeared in Reply since the last sync.
func naturalKey(t *catalog.Table, r catalog.Row) string {
	text := func(name string) string {
		s, _ := r[name].(string)
		return strings.TrimSpace(s)
	}
	switch t.Name {
	case "Contacts":
		if e := text("Email"); e != "" {
			return "email:" + strings.ToLower(e)
		}
		if u := text("LinkedInUrl"); u != "" {
			return "linkedin:" + u
		}
	case "Accounts", "Sequences":
		if n := text("Name"); n != "" {
			return "name:" + n
		}
	case "Webhooks":
		if e, u := text("EventType"), text("Url"); e != "" && u != "" {
			return "webhook:" + e + " " + u
		}
	}
	return ""
}

// keyName names the kind of natural key k (its prefix before ':') in messages.
func keyName(k string) string {
	switch kind, _, _ := strings.Cut(k, ":"); kind {
	case "linkedin":
		return "LinkedIn URL"
	case "webhook":
		return "event type and URL"
	default:
		return kind
	}
}

func keyHash(k string) string {
	h := sha256.Sum256([]byte(k))
	return hex.EncodeToString(h[:16])
}

// loadPending returns the natural keys of object's pending inserts.
func (s *Syncer) loadPending(ctx context.Context, object string) (map[string]bool, error) {
	out := map[string]bool{}
	ok, err := s.w.Exists(ctx, s.db, s.pending)
	if err != nil || !ok {
		return out, err
	}
	q := s.w.D.Quote
	rs, err := s.db.QueryContext(ctx, "SELECT "+q("natural_key")+" FROM "+q(s.pending.Name)+" WHERE "+q("object")+" = "+s.w.D.Placeholder(1), object)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	for rs.Next() {
		var k any
		if err := rs.Scan(&k); err != nil {
			return nil, err
		}
		switch v := k.(type) {
		case string:
			out[v] = true
		case []byte:
			out[string(v)] = true
		}
	}
	return out, rs.Err()
}

// markPending commits one marker per insert (with a natural key) before the API is called.
func (s *Syncer) markPending(ctx context.Context, object string, ins []insert, keys []string) error {
	now := s.now().UTC()
	var recs []dest.Record
	for i, in := range ins {
		if keys[i] == "" {
			continue
		}
		var old any
		if in.oldId != nil {
			old = *in.oldId
		}
		recs = append(recs, dest.Record{Values: []any{object, keyHash(keys[i]), keys[i], old, now}})
	}
	if len(recs) == 0 {
		return nil
	}
	tx, err := s.w.Begin(ctx, s.db)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := s.w.Upsert(ctx, tx, s.pending, recs); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("recording pending inserts: %w", err)
	}
	return nil
}

// clearPending deletes the markers of keys of object in tx.
func (s *Syncer) clearPending(ctx context.Context, tx *dest.Tx, object string, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	ks := make([][]any, len(keys))
	for i, k := range keys {
		ks[i] = []any{object, keyHash(k)}
	}
	_, err := s.w.Delete(ctx, tx, s.pending, ks, false, time.Time{})
	return err
}

// adopt finds, for each queued insert whose natural key has a pending marker (an earlier run created it in Reply
// and died before writing its Id back), the object with that key that Reply lists but the table does not know
// (no base, not in the table). Such an insert is not sent again: the object's Id and values are written back
// instead, and its pull is dropped.
func (j *job) adopt() {
	if len(j.pendingKeys) == 0 || len(j.ins) == 0 {
		return
	}
	cands := map[string][]int64{} // natural key -> unknown API ids, ascending
	for _, id := range sortedIds(keysOf(j.api)) {
		if _, ok := j.bases[id]; ok {
			continue
		}
		if _, ok := j.db[id]; ok || j.soft[id] {
			continue
		}
		if k := naturalKey(j.t, j.api[id].row); k != "" && j.pendingKeys[k] {
			cands[k] = append(cands[k], id)
		}
	}
	adopted := map[int64]bool{}
	var rest []insert
	for _, in := range j.ins {
		k := naturalKey(j.t, in.row)
		ids := cands[k]
		if k == "" || len(ids) == 0 {
			rest = append(rest, in)
			continue
		}
		id := ids[len(ids)-1] // the newest
		cands[k] = ids[:len(ids)-1]
		adopted[id] = true
		row := maps.Clone(j.api[id].row)
		for _, c := range j.cols {
			if c.CreateOnly {
				row[c.Name] = in.row[c.Name] // not listed (Sequences.Steps): the table's, as after a create
			}
		}
		j.done = append(j.done, written{row: row, oldId: in.oldId, null: in.oldId == nil})
		j.res.Inserts++
		j.result(RowResult{Id: id, OldId: in.oldId, Action: PushInsert, Conflict: in.conflict,
			Note: "found in Reply by " + keyName(k) + " (created by an interrupted run): Id adopted"})
	}
	j.ins = rest
	if len(adopted) == 0 {
		return
	}
	pulls := j.pulls[:0]
	for _, r := range j.pulls {
		if !adopted[r["Id"].(int64)] {
			pulls = append(pulls, r)
		}
	}
	j.pulls = pulls
	rows := j.rows[:0]
	for _, r := range j.rows {
		if !(r.Action == PullInsert && adopted[r.Id]) {
			rows = append(rows, r)
		}
	}
	j.rows = rows
}

func keysOf(m map[int64]side) map[int64]bool {
	out := make(map[int64]bool, len(m))
	for id := range m {
		out[id] = true
	}
	return out
}

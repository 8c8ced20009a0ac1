package replytest_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/replykit/replykit/reply/replytest"
)

func TestSequenceFolders(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	mk := func(name string) string {
		t.Helper()
		r := seqCall(t, srv, "POST", "/v3/sequence-folders", map[string]any{"name": name})
		seqWant(t, r, 201, "")
		return r.obj(t)["id"].(string)
	}
	b, a := mk("beta"), mk("Alpha")
	if len(a) != 36 || a[14] != '4' {
		t.Errorf("folder id %q is not a v4 UUID", a)
	}
	seqWant(t, seqCall(t, srv, "POST", "/v3/sequence-folders", map[string]any{"name": "ALPHA"}), 409, "sequenceFolder.duplicateName")
	seqWant(t, seqCall(t, srv, "POST", "/v3/sequence-folders", map[string]any{"name": strings.Repeat("x", 129)}), 400, "")
	seqWant(t, seqCall(t, srv, "POST", "/v3/sequence-folders", map[string]any{}), 400, "")
	var names []string
	for _, f := range seqCall(t, srv, "GET", "/v3/sequence-folders", nil).arr(t) {
		names = append(names, f["name"].(string))
	}
	if !slices.Equal(names, []string{"Alpha", "beta"}) {
		t.Errorf("order = %q", names)
	}
	r := seqCall(t, srv, "GET", "/v3/sequence-folders/not-a-uuid", nil)
	seqWant(t, r, 400, "")
	if got := r.pointers(); !slices.Equal(got, []string{"id"}) {
		t.Errorf("pointers = %q", got)
	}
	seqWant(t, seqCall(t, srv, "GET", "/v3/sequence-folders/00000000-0000-4000-8000-000000000000", nil), 404, "sequenceFolder.notFound")
	seqWant(t, seqCall(t, srv, "PUT", "/v3/sequence-folders/"+b, map[string]any{"name": "alpha"}), 409, "sequenceFolder.duplicateName")
	seqWant(t, seqCall(t, srv, "PUT", "/v3/sequence-folders/"+b, map[string]any{"name": "Beta"}), 200, "")

	// Links: a sequence is in at most one folder.
	s1, s2 := mustSequence(t, srv, "One", nil), mustSequence(t, srv, "Two", nil)
	c := mustContact(t, srv, "f@example.com", "F")
	enrol(t, srv, s2, map[string]any{"contactIds": []int64{c}})
	r = seqCall(t, srv, "POST", "/v3/sequence-folders/"+a+"/sequence-links/bulk", map[string]any{"sequenceIds": []int64{s1, s2, 424242}})
	seqWant(t, r, 200, "")
	if m := r.obj(t); len(m) != 1 || m["424242"].(map[string]any)["error"] != "notFound" {
		t.Errorf("assign = %s", r.Body)
	}
	seqWant(t, seqCall(t, srv, "POST", "/v3/sequence-folders/"+b+"/sequence-links/bulk", map[string]any{"sequenceIds": []int64{s1}}), 200, "")
	inFolder := func(f, q string) []string {
		t.Helper()
		r := seqCall(t, srv, "GET", "/v3/sequence-folders/"+f+"/sequences"+q, nil)
		seqWant(t, r, 200, "")
		var out []string
		for _, it := range r.obj(t)["items"].([]any) {
			out = append(out, it.(map[string]any)["name"].(string))
		}
		return out
	}
	if got := inFolder(a, ""); !slices.Equal(got, []string{"Two"}) {
		t.Errorf("folder a = %q", got)
	}
	seqWant(t, seqCall(t, srv, "POST", "/v3/sequence-folders/"+a+"/sequence-links/bulk", map[string]any{"sequenceIds": []int64{s1}}), 200, "")
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"?sort_by=title", []string{"One", "Two"}},
		{"?sort_by=name&sort_direction=desc", []string{"Two", "One"}},
		{"?sort_by=people", []string{"One", "Two"}},
		{"?sort_by=people&sort_direction=desc", []string{"Two", "One"}},
	} {
		if got := inFolder(a, tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("%s = %q, want %q", tt.q, got, tt.want)
		}
	}
	seqWant(t, seqCall(t, srv, "GET", "/v3/sequence-folders/"+a+"/sequences?top=0", nil), 400, "sequenceFolderSequenceLink.invalidPagination")
	seqWant(t, seqCall(t, srv, "GET", "/v3/sequence-folders/00000000-0000-4000-8000-000000000000/sequences", nil), 404, "sequenceFolderSequenceLink.notFound")
	r = seqCall(t, srv, "POST", "/v3/sequence-folders/"+b+"/sequence-links/bulk-delete", map[string]any{"sequenceIds": []int64{s1}})
	if m := r.obj(t); m[seqItoa(s1)].(map[string]any)["error"] != "notFound" {
		t.Errorf("unassign from wrong folder = %s", r.Body)
	}
	seqWant(t, seqCall(t, srv, "POST", "/v3/sequence-folders/"+a+"/sequence-links/bulk-delete", map[string]any{"sequenceIds": []int64{s1}}), 200, "")
	if got := inFolder(a, ""); !slices.Equal(got, []string{"Two"}) {
		t.Errorf("after unassign = %q", got)
	}
	// Deleting a folder unfiles its sequences.
	seqWant(t, seqCall(t, srv, "DELETE", "/v3/sequence-folders/"+a, nil), 204, "")
	if items := seqCall(t, srv, "GET", "/v3/sequences?folderId="+a, nil).obj(t)["items"].([]any); len(items) != 0 {
		t.Errorf("sequences still filed: %v", items)
	}
	seqWant(t, seqCall(t, srv, "GET", "/v3/sequence-folders/"+a, nil), 404, "sequenceFolder.notFound")
}

func TestSequenceAccountLinks(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t, replytest.WithSeed(replytest.Seed{Seed: 7, LinkedInAccounts: 2}))
	ea := mustEmailAccount(t, srv, "link@example.com")
	ea2 := mustEmailAccount(t, srv, "link2@example.com")
	seq := mustSequence(t, srv, "Links", nil)
	health := func() string {
		t.Helper()
		return seqCall(t, srv, "GET", seqPath(seq, ""), nil).obj(t)["health"].(string)
	}
	if health() != "blocked" {
		t.Fatal("want blocked without email accounts")
	}
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/email-account-links"), map[string]any{"emailAccountId": ea}), 201, "")
	r := seqCall(t, srv, "POST", seqPath(seq, "/email-account-links"), map[string]any{"emailAccountId": ea})
	seqWant(t, r, 200, "")
	if len(r.Body) != 0 {
		t.Errorf("link body = %s", r.Body)
	}
	if health() != "healthy" {
		t.Error("health not recomputed")
	}
	items := seqCall(t, srv, "GET", seqPath(seq, "/email-accounts"), nil).arr(t)
	if len(items) != 1 || items[0]["email"] != "link@example.com" || items[0]["connectionStatus"] == nil {
		t.Errorf("email accounts = %v", items)
	}
	if _, ok := items[0]["tags"]; ok {
		t.Error("item carries tags")
	}
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/email-account-links"), map[string]any{"emailAccountId": 424242}), 404, "sequenceEmailAccount.notFound")
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/email-account-links"), map[string]any{}), 400, "")
	seqWant(t, seqCall(t, srv, "POST", seqPath(424242, "/email-account-links"), map[string]any{"emailAccountId": ea}), 404, "sequenceEmailAccount.notFound")
	seqWant(t, seqCall(t, srv, "PUT", seqPath(seq, "/email-account-links"), map[string]any{"emailAccountIds": []int64{ea2}}), 204, "")
	if items := seqCall(t, srv, "GET", seqPath(seq, "/email-accounts"), nil).arr(t); len(items) != 1 || items[0]["id"] != float64(ea2) {
		t.Errorf("after PUT = %v", items)
	}
	seqWant(t, seqCall(t, srv, "DELETE", seqPath(seq, "/email-account-links/"+seqItoa(ea)), nil), 404, "sequenceEmailAccount.notFound")
	seqWant(t, seqCall(t, srv, "PUT", seqPath(seq, "/email-account-links"), map[string]any{"emailAccountIds": []int64{}}), 204, "")
	if health() != "blocked" {
		t.Error("empty PUT did not clear the links")
	}
	seqWant(t, seqCall(t, srv, "PUT", seqPath(seq, "/email-account-links"), map[string]any{}), 400, "")
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/email-account-links"), map[string]any{"emailAccountId": ea}), 201, "")
	seqWant(t, seqCall(t, srv, "DELETE", seqPath(seq, "/email-account-links/"+seqItoa(ea)), nil), 204, "")

	lis := seqCall(t, srv, "GET", "/v3/linkedin-accounts", nil).arr(t)
	if len(lis) == 0 {
		t.Fatal("no seeded LinkedIn accounts")
	}
	li := seqID(t, lis[0], "id")
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/linkedin-account-links"), map[string]any{"linkedInAccountId": li}), 201, "")
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/linkedin-account-links"), map[string]any{"linkedInAccountId": li}), 200, "")
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/linkedin-account-links"), map[string]any{"linkedInAccountId": 424242}), 404, "sequenceLinkedInAccount.notFound")
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/linkedin-account-links"), map[string]any{"linkedInAccountId": 0}), 400, "")
	got := seqCall(t, srv, "GET", seqPath(seq, "/linkedin-accounts"), nil).arr(t)
	if len(got) != 1 || got[0]["id"] != float64(li) || got[0]["status"] == nil {
		t.Errorf("linkedIn accounts = %v", got)
	}
	detail := seqCall(t, srv, "GET", seqPath(seq, ""), nil).obj(t)
	if las := detail["linkedInAccounts"].([]any); len(las) != 1 {
		t.Errorf("detail linkedInAccounts = %v", las)
	}
	seqWant(t, seqCall(t, srv, "DELETE", seqPath(seq, "/linkedin-account-links/"+seqItoa(li)), nil), 204, "")
	seqWant(t, seqCall(t, srv, "DELETE", seqPath(seq, "/linkedin-account-links/"+seqItoa(li)), nil), 404, "sequenceLinkedInAccount.notFound")
}

func TestSequenceTemplates(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	folder := seqCall(t, srv, "POST", "/v3/sequence-folders", map[string]any{"name": "T"}).obj(t)["id"].(string)
	steps := []any{emailStep("Hi"), map[string]any{"type": "condition", "delayInMinutes": 0, "waitInMinutes": 5,
		"conditions": []any{map[string]any{"property": "email", "rules": []any{map[string]any{"operator": "isSet"}}}}},
		map[string]any{"type": "linkedIn", "actionType": "followProfile", "delayInMinutes": 0, "ifConditionPositive": true}}
	seq := mustSequence(t, srv, "Source", map[string]any{"steps": steps})
	r := seqCall(t, srv, "POST", seqPath(seq, "/save-as-template"), map[string]any{"name": "Tpl", "description": "d"})
	seqWant(t, r, 201, "")
	tpl := r.obj(t)
	if !slices.Equal(toStrings(tpl["stepTypes"]), []string{"Email", "LinkedIn"}) || tpl["isConditional"] != true {
		t.Errorf("template = %v", tpl)
	}
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/save-as-template"), map[string]any{"name": "tpl"}), 409, "sequenceTemplate.duplicateName")
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/save-as-template"), map[string]any{"name": "Org", "scope": "organization"}), 201, "")
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/save-as-template"), map[string]any{"name": "Bad", "scope": "global"}), 400, "")
	list := seqCall(t, srv, "GET", "/v3/sequence-templates", nil).obj(t)
	if len(list["globalTemplates"].([]any)) != 0 || len(list["teamTemplates"].([]any)) != 1 || len(list["organizationTemplates"].([]any)) != 1 {
		t.Errorf("templates = %v", list)
	}
	id := tpl["id"].(string)
	r = seqCall(t, srv, "POST", "/v3/sequences/create-from-template", map[string]any{"templateId": id, "sequenceFolderId": folder})
	seqWant(t, r, 201, "")
	created := r.obj(t)
	if created["name"] != "Tpl" || created["status"] != "new" || len(created["steps"].([]any)) != 3 {
		t.Errorf("from template = %v", created)
	}
	st := created["steps"].([]any)
	if st[2].(map[string]any)["parentId"] != st[1].(map[string]any)["id"] || st[2].(map[string]any)["ifConditionPositive"] != true {
		t.Errorf("tree not copied: %v", st)
	}
	if items := seqCall(t, srv, "GET", "/v3/sequence-folders/"+folder+"/sequences", nil).obj(t)["items"].([]any); len(items) != 1 {
		t.Errorf("not filed: %v", items)
	}
	seqWant(t, seqCall(t, srv, "POST", "/v3/sequences/create-from-template", map[string]any{"templateId": "00000000-0000-4000-8000-000000000000"}), 404, "sequenceTemplate.notFound")
	seqWant(t, seqCall(t, srv, "POST", "/v3/sequences/create-from-template", map[string]any{}), 400, "")
	seqWant(t, seqCall(t, srv, "DELETE", "/v3/sequence-templates/"+id, nil), 204, "")
	seqWant(t, seqCall(t, srv, "DELETE", "/v3/sequence-templates/"+id, nil), 404, "sequenceTemplate.notFound")
	seqWant(t, seqCall(t, srv, "DELETE", "/v3/sequence-templates/nope", nil), 400, "")
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func TestSequenceOperationNames(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	seq := mustSequence(t, srv, "Ops", nil)
	srv.ResetRequests()
	calls := []struct{ method, path, op string }{
		{"GET", "/v3/sequences", "sequences.list"},
		{"GET", seqPath(seq, ""), "sequences.get"},
		{"POST", seqPath(seq, "/start"), "sequences.start"},
		{"POST", "/v3/sequences/start", "sequences.bulkStart"},
		{"GET", seqPath(seq, "/steps"), "sequenceSteps.list"},
		{"GET", seqPath(seq, "/contacts"), "sequenceContacts.list"},
		{"GET", seqPath(seq, "/contacts/state"), "sequenceContacts.state"},
		{"GET", seqPath(seq, "/contacts/5"), "sequenceContacts.get"},
		{"GET", "/v3/sequence-folders", "sequenceFolders.list"},
		{"GET", "/v3/sequence-templates", "sequenceTemplates.list"},
		{"GET", seqPath(seq, "/email-accounts"), "sequenceEmailAccounts.list"},
		{"POST", "/v3/contacts/set-status-in-sequence", "contacts.setStatusInSequence"},
	}
	for _, c := range calls {
		seqCall(t, srv, c.method, c.path, "{}")
	}
	reqs := srv.Requests()
	if len(reqs) != len(calls) {
		t.Fatalf("%d requests logged", len(reqs))
	}
	for i, c := range calls {
		if reqs[i].Op != c.op {
			t.Errorf("%s %s: op %q, want %q", c.method, c.path, reqs[i].Op, c.op)
		}
	}
	// Faults by operation name.
	srv.Fail("sequences.start", replytest.Fault{Status: 503, Times: 1})
	if r := seqCall(t, srv, "POST", seqPath(seq, "/start"), nil); r.Status != 503 {
		t.Errorf("fault: status %d", r.Status)
	}
}

func TestSeedSequences(t *testing.T) {
	t.Parallel()
	dump := func() []byte {
		srv := newSeqServer(t, replytest.WithSeed(replytest.SmallAccount))
		var all []any
		for _, it := range seqCall(t, srv, "GET", "/v3/sequences?top=1000", nil).obj(t)["items"].([]any) {
			id := int64(it.(map[string]any)["id"].(float64))
			all = append(all, seqCall(t, srv, "GET", seqPath(id, ""), nil).obj(t))
			all = append(all, seqCall(t, srv, "GET", seqPath(id, "/contacts?top=1000"), nil).obj(t))
		}
		all = append(all, seqCall(t, srv, "GET", "/v3/sequence-folders", nil).arr(t))
		all = append(all, seqCall(t, srv, "GET", "/v3/sequence-templates", nil).obj(t))
		b, _ := json.Marshal(all)
		return b
	}
	a, b := dump(), dump()
	if !bytes.Equal(a, b) {
		t.Fatal("seed is not deterministic")
	}
	var all []any
	_ = json.Unmarshal(a, &all)
	types := map[string]bool{}
	statuses := map[string]bool{}
	seqs := 0
	for _, x := range all {
		m, ok := x.(map[string]any)
		if !ok {
			continue
		}
		if steps, ok := m["steps"].([]any); ok {
			seqs++
			for _, s := range steps {
				st := s.(map[string]any)
				key := st["type"].(string)
				if a, ok := st["actionType"].(string); ok {
					key += "/" + a
				}
				types[key] = true
			}
		}
		if items, ok := m["items"].([]any); ok {
			for _, it := range items {
				statuses[it.(map[string]any)["statusInSequence"].(string)] = true
			}
		}
	}
	if seqs != replytest.SmallAccount.Sequences {
		t.Errorf("%d sequences, want %d", seqs, replytest.SmallAccount.Sequences)
	}
	for _, want := range []string{"email", "condition", "call", "sms", "whatsApp", "zapier", "task/toDo", "task/meeting",
		"linkedIn/message", "linkedIn/connect", "linkedIn/inMail", "linkedIn/viewProfile", "linkedIn/endorseSkills",
		"linkedIn/voiceMessage", "linkedIn/likeRecentPosts", "linkedIn/followProfile", "linkedIn/commentOnRecentPost"} {
		if !types[want] {
			t.Errorf("seed lacks a %s step", want)
		}
	}
	if len(statuses) < 2 {
		t.Errorf("membership statuses = %v", statuses)
	}
	if !bytes.Contains(a, []byte(`"teamTemplates":[{`)) {
		t.Error("no seeded team template")
	}
}

func TestSequenceEmailAccountLimit(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t, replytest.WithSeed(replytest.Seed{Seed: 2, EmailAccounts: 101}))
	var ids []int64
	for _, it := range seqCall(t, srv, "GET", "/v3/email-accounts?top=1000", nil).obj(t)["items"].([]any) {
		ids = append(ids, int64(it.(map[string]any)["id"].(float64)))
	}
	if len(ids) != 101 {
		t.Fatalf("%d email accounts", len(ids))
	}
	seq := mustSequence(t, srv, "Limit", nil)
	seqWant(t, seqCall(t, srv, "PUT", seqPath(seq, "/email-account-links"), map[string]any{"emailAccountIds": ids}), 409, "sequenceEmailAccount.limitReached")
	seqWant(t, seqCall(t, srv, "PUT", seqPath(seq, "/email-account-links"), map[string]any{"emailAccountIds": ids[:100]}), 204, "")
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/email-account-links"), map[string]any{"emailAccountId": ids[100]}), 409, "sequenceEmailAccount.limitReached")
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/email-account-links"), map[string]any{"emailAccountId": ids[0]}), 200, "")
	seqWant(t, seqCall(t, srv, "PATCH", seqPath(seq, ""), map[string]any{"emailAccounts": ids}), 409, "sequenceEmailAccount.limitReached")
}

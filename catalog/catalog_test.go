package catalog_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// newEnv starts an emulator seeded with replytest.SmallAccount and a client for it.
func newEnv(tb testing.TB) (*replytest.Server, *reply.Client) {
	tb.Helper()
	srv := replytest.NewServer(replytest.WithSeed(replytest.SmallAccount))
	tb.Cleanup(srv.Close)
	return newEnvFor(tb, srv)
}

// newEnvFor returns srv with a client for it.
func newEnvFor(tb testing.TB, srv *replytest.Server) (*replytest.Server, *reply.Client) {
	tb.Helper()
	c, err := reply.NewClient(srv.Key, reply.WithBaseURL(srv.URL), reply.WithHTTPClient(srv.HTTPClient()),
		reply.WithRateLimits(0, 0), reply.WithClock(srv.Clock()))
	if err != nil {
		tb.Fatal(err)
	}
	return srv, c
}

// mustTable returns the named table.
func mustTable(tb testing.TB, name string) *catalog.Table {
	tb.Helper()
	t, ok := catalog.Lookup(name)
	if !ok {
		tb.Fatalf("no table %s", name)
	}
	return t
}

// collect lists a table.
func collect(tb testing.TB, c *reply.Client, t *catalog.Table, q catalog.Query) []catalog.Row {
	tb.Helper()
	var rows []catalog.Row
	for r, err := range t.List(tb.Context(), c, q) {
		if err != nil {
			tb.Fatalf("%s: list: %v", t.Name, err)
		}
		rows = append(rows, r)
	}
	return rows
}

func TestValidate(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, tb := range catalog.All() {
		if err := tb.Validate(); err != nil {
			t.Error(err)
		}
		if seen[strings.ToLower(tb.Name)] {
			t.Errorf("duplicate table %s", tb.Name)
		}
		seen[strings.ToLower(tb.Name)] = true
		if got, ok := catalog.Lookup(strings.ToUpper(tb.Name)); !ok || got.Name != tb.Name {
			t.Errorf("Lookup(%s) failed", tb.Name)
		}
		if tb.Parent != nil {
			if _, ok := catalog.Lookup(tb.Parent.Table); !ok {
				t.Errorf("%s: parent %s is not a table", tb.Name, tb.Parent.Table)
			}
		}
	}
	if len(seen) != 23 {
		t.Errorf("got %d tables, want 23", len(seen))
	}
}

// rawItems GETs path from the emulator with the test key and returns the items of a paged envelope or a bare
// array, as JSON members.
func rawItems(tb testing.TB, srv *replytest.Server, path string) []map[string]json.RawMessage {
	tb.Helper()
	req, err := http.NewRequestWithContext(tb.Context(), http.MethodGet, srv.URL+path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+srv.Key)
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	var items []map[string]json.RawMessage
	if strings.HasPrefix(strings.TrimSpace(string(body)), "[") {
		err = json.Unmarshal(body, &items)
	} else if strings.HasPrefix(strings.TrimSpace(string(body)), "{\"items\"") || strings.Contains(string(body), "\"hasMore\"") {
		var pg struct {
			Items []map[string]json.RawMessage `json:"items"`
		}
		err = json.Unmarshal(body, &pg)
		items = pg.Items
	} else {
		var one map[string]json.RawMessage
		err = json.Unmarshal(body, &one)
		items = []map[string]json.RawMessage{one}
	}
	if err != nil {
		tb.Fatalf("GET %s: %v", path, err)
	}
	return items
}

// populated reports whether a raw JSON member holds a value (not null, "", [] or {}).
func populated(v json.RawMessage) bool {
	s := strings.TrimSpace(string(v))
	return s != "" && s != "null" && s != `""` && s != "[]" && s != "{}"
}

// rawPaths gives, per table, the raw list paths to compare with (built from rows of other tables for child
// tables) and the detail path of one row, for tables with detail-only columns.
func rawPaths(tb testing.TB, c *reply.Client, name string) (lists []string, detail func(catalog.Row) string) {
	ids := func(table, col string) []string {
		var out []string
		for _, r := range collect(tb, c, mustTable(tb, table), catalog.Query{Columns: []string{col, "SequenceId"}}) {
			out = append(out, fmt.Sprint(r[col]))
		}
		return out
	}
	simple := map[string]string{
		"Accounts": "/v3/contact-accounts", "ContactLists": "/v3/contact-lists", "Contacts": "/v3/contacts",
		"CustomFields": "/v3/custom-fields", "DomainBlacklistRules": "/v3/contact-blacklist-rules/domains",
		"EmailBlacklistRules": "/v3/contact-blacklist-rules/emails", "EmailExceptionBlacklistRules": "/v3/contact-blacklist-rules/email-exceptions",
		"EmailAccounts": "/v3/email-accounts", "EmailTemplateFolders": "/v3/email-template-folders",
		"EmailTemplates": "/v3/email-templates", "HolidayCalendars": "/v3/holiday-calendars", "Schedules": "/v3/schedules",
		"SequenceFolders": "/v3/sequence-folders", "Sequences": "/v3/sequences", "Tasks": "/v3/tasks",
		"Webhooks": "/v3/webhooks", "LinkedInAccounts": "/v3/linkedin-accounts",
	}
	if p, ok := simple[name]; ok {
		q := ""
		if mustTable(tb, name).MaxPage > 0 {
			q = "?top=1000"
		}
		detail = func(r catalog.Row) string { return fmt.Sprintf("%s/%v", p, r["Id"]) }
		if name == "Tasks" {
			detail = func(r catalog.Row) string { return fmt.Sprintf("%s/%v?includeContent=true", p, r["Id"]) }
		}
		hasDetail := false
		for _, col := range mustTable(tb, name).Columns {
			hasDetail = hasDetail || col.DetailOnly
		}
		if !hasDetail {
			detail = nil
		}
		return []string{p + q}, detail
	}
	switch name {
	case "SequenceSteps", "SequenceEmailAccounts", "SequenceLinkedInAccounts", "SequenceContacts":
		suffix := map[string]string{"SequenceSteps": "steps", "SequenceEmailAccounts": "email-accounts",
			"SequenceLinkedInAccounts": "linkedin-accounts", "SequenceContacts": "contacts?top=1000"}[name]
		for _, id := range ids("Sequences", "Id") {
			lists = append(lists, "/v3/sequences/"+id+"/"+suffix)
		}
	case "SequenceStepVariants":
		for _, r := range collect(tb, c, mustTable(tb, "SequenceSteps"), catalog.Query{}) {
			if r["Type"] == "email" || (r["Type"] == "linkedIn" && (r["ActionType"] == "message" || r["ActionType"] == "connect" || r["ActionType"] == "inMail")) {
				lists = append(lists, fmt.Sprintf("/v3/sequences/%v/steps/%v/variants", r["SequenceId"], r["Id"]))
			}
		}
	case "SequencesInFolder":
		for _, id := range ids("SequenceFolders", "Id") {
			lists = append(lists, "/v3/sequence-folders/"+id+"/sequences?top=1000")
		}
	default:
		tb.Fatalf("no raw path for %s", name)
	}
	return lists, nil
}

// TestColumnsMapFields lists every table and compares with the raw API answers: the row count matches, and
// every column whose API field is set in some raw item (list or detail) is non-NULL in some row.
func TestColumnsMapFields(t *testing.T) {
	t.Parallel()
	srv, c := newEnv(t)
	// The small seed has no webhook: add one with every member set.
	if _, err := c.Webhooks.Create(t.Context(), reply.WebhookCreate{EventType: "email_replied", URL: "https://hooks.example/reply",
		Scope: "personal", PayloadConfig: &reply.PayloadConfig{IncludeEmailURL: true}}); err != nil {
		t.Fatal(err)
	}
	for _, tb := range catalog.All() {
		t.Run(tb.Name, func(t *testing.T) {
			rows := collect(t, c, tb, catalog.Query{})
			lists, detail := rawPaths(t, c, tb.Name)
			set := map[string]bool{}
			n := 0
			for _, p := range lists {
				items := rawItems(t, srv, p)
				n += len(items)
				for _, it := range items {
					for k, v := range it {
						if populated(v) {
							set[k] = true
						}
					}
				}
			}
			if detail != nil {
				for i, r := range rows {
					if i == 3 {
						break
					}
					for _, it := range rawItems(t, srv, detail(r)) {
						for k, v := range it {
							if populated(v) {
								set[k] = true
							}
						}
					}
				}
			}
			if len(rows) != n {
				t.Errorf("%d rows, the API lists %d", len(rows), n)
			}
			for _, col := range tb.Columns {
				if col.Field == "" || col.WriteOnly || !set[col.Field] {
					continue
				}
				found := false
				for _, r := range rows {
					if v := r[col.Name]; v != nil {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("%s.%s: the API sets %q but the column is NULL in all %d rows", tb.Name, col.Name, col.Field, len(rows))
				}
			}
			var unset []string
			for _, col := range tb.Columns {
				if col.Field != "" && !col.WriteOnly && !set[col.Field] {
					unset = append(unset, col.Name)
				}
			}
			if len(unset) > 0 {
				t.Logf("%s: the seed leaves %s unset (%d rows)", tb.Name, strings.Join(unset, ", "), len(rows))
			}
		})
	}
}

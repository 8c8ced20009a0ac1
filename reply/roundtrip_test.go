package reply_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// Round trips of every service against the emulator. Each test builds the data it reads.

func ptr[T any](v T) *T { return &v }

// result holds a call's two results; ok(f()).get(t) fails the test on an error.
type result[T any] struct {
	v   T
	err error
}

func ok[T any](v T, err error) result[T] { return result[T]{v, err} }

func (r result[T]) get(tb testing.TB) T {
	tb.Helper()
	if r.err != nil {
		tb.Fatal(r.err)
	}
	return r.v
}

func TestContactsRoundTrip(t *testing.T) {
	t.Parallel()
	srv := mustServer(t)
	c := mustClient(t, srv)
	ctx := t.Context()
	cf := ok(c.CustomFields.Create(ctx, reply.CustomFieldCreate{Title: "Lead source", FieldType: "text"})).get(t)
	acc := ok(c.Accounts.Create(ctx, reply.AccountCreate{Name: "Acme"})).get(t)
	created := ok(c.Contacts.Create(ctx, reply.ContactCreate{Email: "Ann@Acme.com", FirstName: "Ann", LastName: "Lee",
		Title: "CTO", CompanySize: "Fifty", AccountID: int64(acc.ID),
		CustomFields: []reply.CustomFieldWrite{{ID: int64(cf.ID), Value: ptr("web")}}})).get(t)
	if created.ID == 0 || created.FirstName != "Ann" || created.AccountID != acc.ID || created.CreatedAt.IsZero() {
		t.Fatalf("created = %+v", created)
	}
	if !reply.EqualFold(created.CompanySize, "fifty") {
		t.Errorf("companySize = %q", created.CompanySize)
	}
	if len(created.CustomFields) != 1 || created.CustomFields[0].Key != fmt.Sprint(cf.ID) || *created.CustomFields[0].Value != "web" {
		t.Errorf("custom fields = %+v", created.CustomFields)
	}
	id := int64(created.ID)

	got := ok(c.Contacts.Get(ctx, id)).get(t)
	if got.Email != created.Email || got.LastName != "Lee" {
		t.Errorf("Get = %+v", got)
	}
	byEmail := ok(c.Contacts.GetByEmail(ctx, "ann@acme.com")).get(t)
	if byEmail.ID != created.ID {
		t.Errorf("GetByEmail = %+v", byEmail)
	}
	if _, err := c.Contacts.GetByEmail(ctx, "nobody@acme.com"); !errors.Is(err, reply.ErrNotFound) {
		t.Errorf("GetByEmail(missing) = %v", err)
	}

	srv.Advance(time.Minute)
	upd := ok(c.Contacts.Update(ctx, id, reply.ContactUpdate{Title: ptr("CEO"), CallStatus: ptr("toCall"), Clear: []string{"lastName"}})).get(t)
	if upd.Title != "CEO" || upd.LastName != "" || !reply.EqualFold(upd.CallStatus, "toCall") || !upd.LastModifiedAt.After(created.LastModifiedAt.Time) {
		t.Errorf("Update = %+v", upd)
	}

	// Filter by time rule, sorted.
	since := created.CreatedAt.Add(-time.Second).Format(time.RFC3339)
	pg := ok(c.Contacts.FilterPage(ctx, &reply.ContactFilter{
		Rules: []reply.ContactRule{{Property: "lastModifiedAt", Condition: "greaterThan", Value: &since}}, SortBy: "lastModifiedAt"})).get(t)
	if len(pg.Items) != 1 || pg.Items[0].ID != created.ID {
		t.Errorf("FilterPage = %+v", pg)
	}
	if pg.TotalCount != nil && *pg.TotalCount != 1 {
		t.Errorf("totalCount = %d", *pg.TotalCount)
	}
	if _, err := c.Contacts.FilterPage(ctx, &reply.ContactFilter{Rules: []reply.ContactRule{{Property: "bogus", Condition: "equals"}}}); !errors.Is(err, reply.ErrValidation) {
		t.Errorf("bad rule = %v", err)
	} else {
		var e *reply.Error
		errors.As(err, &e)
		if len(e.Errors) == 0 || e.Errors[0].Pointer != "/rules/0/property" {
			t.Errorf("bad rule pointers = %+v", e.Errors)
		}
	}

	// Import, then bulk delete.
	imp := ok(c.Contacts.Import(ctx, []reply.ContactImportItem{
		{ContactCreate: reply.ContactCreate{Email: "b@acme.com", FirstName: "Bo"}},
		{ContactCreate: reply.ContactCreate{Email: "c@acme.com", FirstName: "Cy"}},
		{ContactCreate: reply.ContactCreate{Email: "ann@acme.com"}}, // no firstName: fails
	}, nil)).get(t)
	if len(imp.Items) != 3 || imp.Added != 2 || imp.Items[2].Status != "failed" || imp.Items[2].Error == "" {
		t.Errorf("Import = %+v", imp)
	}
	all := ok(reply.Collect(c.Contacts.List(ctx, nil))).get(t)
	if len(all) != 3 {
		t.Errorf("List = %d contacts", len(all))
	}
	if n := ok(c.Contacts.Count(ctx, &reply.ContactFilter{SearchTerm: "acme", SortBy: "id"})).get(t); n != 3 {
		t.Errorf("Count = %d, want 3", n)
	}

	// Notes, activities, statuses, sequences, lists.
	if err := c.Contacts.AddNote(ctx, id, "called, left a message"); err != nil {
		t.Fatal(err)
	}
	acts := ok(reply.Collect(c.Contacts.Activities(ctx, id, nil))).get(t)
	if len(acts) == 0 || !reply.EqualFold(acts[len(acts)-1].ActivityType, "note") {
		t.Errorf("activities = %+v", acts)
	}
	st := ok(c.Contacts.Statuses(ctx, id)).get(t)
	if st.ContactID != created.ID || !reply.EqualFold(st.CallStatus, "toCall") {
		t.Errorf("statuses = %+v", st)
	}
	if seqs := ok(c.Contacts.Sequences(ctx, id)).get(t); len(seqs) != 0 {
		t.Errorf("sequences = %+v", seqs)
	}
	if ls := ok(c.Contacts.Lists(ctx, id)).get(t); len(ls) != 0 {
		t.Errorf("lists = %+v", ls)
	}
	owner := ok(c.Contacts.SetOwner(ctx, []int64{id}, 1235, false)).get(t)
	if !owner.IsSuccess || len(owner.AffectedIDs) != 1 {
		t.Errorf("SetOwner = %+v", owner)
	}

	res := ok(c.Contacts.BulkDelete(ctx, []int64{int64(imp.Items[0].ID), 99999})).get(t)
	if len(res) != 1 {
		t.Errorf("BulkDelete = %+v", res)
	} else if e, ok := res.Failed(99999); !ok || !errors.Is(e, reply.ErrNotFound) {
		t.Errorf("BulkDelete failure = %+v", res)
	}
	if err := c.Contacts.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Contacts.Get(ctx, id); !errors.Is(err, reply.ErrNotFound) {
		t.Errorf("Get after delete = %v", err)
	}
}

func TestAccountsRoundTrip(t *testing.T) {
	t.Parallel()
	srv := mustServer(t)
	c := mustClient(t, srv)
	ctx := t.Context()
	a := ok(c.Accounts.Create(ctx, reply.AccountCreate{Name: "Globex", DomainName: "globex.com", CompanySize: "11-50"})).get(t)
	if a.ID == 0 || a.Name != "Globex" || a.CreatedDate.IsZero() || a.CompanySize != "11-50" {
		t.Fatalf("created = %+v", a)
	}
	got := ok(c.Accounts.Get(ctx, int64(a.ID))).get(t)
	u := got.Update()
	u.Industry = "Energy"
	srv.Advance(time.Hour)
	upd := ok(c.Accounts.Update(ctx, int64(a.ID), u)).get(t)
	if upd.Industry != "Energy" || upd.DomainName != "globex.com" || !upd.LastActivityDate.After(a.LastActivityDate.Time) {
		t.Errorf("Update = %+v", upd)
	}
	bulk := ok(c.Accounts.BulkCreate(ctx, []reply.AccountCreate{{Name: "Initech"}, {Name: "Umbrella"}})).get(t)
	if len(bulk) != 2 || !bulk[0].OK() || !bulk[1].OK() {
		t.Errorf("BulkCreate = %+v", bulk)
	}
	if _, err := c.Accounts.BulkCreate(ctx, []reply.AccountCreate{{Name: "ok"}, {Name: ""}}); !errors.Is(err, reply.ErrValidation) {
		t.Errorf("BulkCreate with an invalid item = %v", err)
	}
	since := a.LastActivityDate.Add(time.Minute).Format(time.RFC3339)
	changed := ok(reply.Collect(c.Accounts.Filter(ctx, &reply.AccountFilter{
		Filters: []reply.AccountCondition{{Property: "LastActivityDate", Condition: "GreaterThan", Values: since}}}))).get(t)
	if len(changed) != 3 || changed[0].ID != a.ID { // the updated one and the two bulk-created ones
		t.Errorf("Filter = %+v", changed)
	}
	list := ok(reply.Collect(c.Accounts.List(ctx, &reply.AccountListOptions{SortBy: "name"}))).get(t)
	if len(list) != 3 || list[0].Name != "Globex" {
		t.Errorf("List = %+v", list)
	}
	owned := ok(c.Accounts.SetOwner(ctx, int64(a.ID), 1235)).get(t)
	if owned.OwnerUserID != 1235 {
		t.Errorf("SetOwner = %+v", owned)
	}
	ct := ok(c.Contacts.Create(ctx, reply.ContactCreate{Email: "x@globex.com", AccountID: int64(a.ID)})).get(t)
	linked := ok(reply.Collect(c.Accounts.Contacts(ctx, int64(a.ID), nil))).get(t)
	if len(linked) != 1 || linked[0].ID != ct.ID {
		t.Errorf("Contacts = %+v", linked)
	}
	res := ok(c.Accounts.BulkDelete(ctx, []int64{int64(bulk[0].ID), 424242})).get(t)
	if _, ok := res.Failed(424242); !ok || len(res) != 1 {
		t.Errorf("BulkDelete = %+v", res)
	}
	if err := c.Accounts.Delete(ctx, int64(a.ID)); err != nil {
		t.Fatal(err)
	}
}

func TestListsFieldsBlacklistRoundTrip(t *testing.T) {
	t.Parallel()
	srv := mustServer(t)
	c := mustClient(t, srv)
	ctx := t.Context()

	l := ok(c.ContactLists.Create(ctx, reply.ContactListCreate{Name: "Hot leads"})).get(t)
	if _, err := c.ContactLists.Create(ctx, reply.ContactListCreate{Name: "hot LEADS"}); !errors.Is(err, reply.ErrConflict) {
		t.Errorf("duplicate list = %v", err)
	}
	l = ok(c.ContactLists.Update(ctx, int64(l.ID), reply.ContactListUpdate{Name: "Warm leads"})).get(t)
	if err := c.ContactLists.Share(ctx, int64(l.ID)); err != nil {
		t.Fatal(err)
	}
	if got := ok(c.ContactLists.Get(ctx, int64(l.ID))).get(t); !got.IsShared || got.Name != "Warm leads" {
		t.Errorf("list = %+v", got)
	}
	ct := ok(c.Contacts.Create(ctx, reply.ContactCreate{Email: "l@example.com"})).get(t)
	res := ok(c.ContactLists.AddContacts(ctx, int64(l.ID), []int64{int64(ct.ID), 777777})).get(t)
	if len(res) != 1 || !reply.EqualFold(res["777777"].Code, "contactNotProcessed") {
		t.Errorf("AddContacts = %+v", res)
	}
	if ls := ok(c.Contacts.Lists(ctx, int64(ct.ID))).get(t); len(ls) != 1 || ls[0].ID != l.ID {
		t.Errorf("contact lists = %+v", ls)
	}
	if _, err := c.ContactLists.MoveContacts(ctx, int64(l.ID), []int64{int64(ct.ID)}); err != nil {
		t.Fatal(err)
	}
	if n := len(ok(reply.Collect(c.ContactLists.List(ctx, &reply.ContactListListOptions{Search: "warm"}))).get(t)); n != 1 {
		t.Errorf("search = %d lists", n)
	}
	if err := c.ContactLists.Unshare(ctx, int64(l.ID)); err != nil {
		t.Fatal(err)
	}
	if err := c.ContactLists.Delete(ctx, int64(l.ID)); err != nil {
		t.Fatal(err)
	}

	f := ok(c.CustomFields.Create(ctx, reply.CustomFieldCreate{Title: "Budget", FieldType: "number"})).get(t)
	f = ok(c.CustomFields.Update(ctx, int64(f.ID), reply.CustomFieldUpdate{Title: "Budget (USD)", FieldType: "number", Metadata: ptr("x")})).get(t)
	if f.Title != "Budget (USD)" || f.Metadata != "x" {
		t.Errorf("custom field = %+v", f)
	}
	if fs := ok(c.CustomFields.All(ctx)).get(t); len(fs) == 0 {
		t.Error("no custom fields")
	}
	if err := c.CustomFields.Delete(ctx, int64(f.ID)); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		svc     *reply.BlacklistRulesService
		good    string
		bad     string
		another string
	}{
		{c.DomainBlacklistRules, "spam.example", "not a domain", "junk.example"},
		{c.EmailBlacklistRules, "bad@spam.example", "nope", "worse@spam.example"},
		{c.EmailExceptionBlacklistRules, "ok@spam.example", "nope", "fine@spam.example"},
	} {
		r := ok(tc.svc.Create(ctx, reply.BlacklistRuleWrite{Pattern: tc.good})).get(t)
		if r.Pattern != tc.good || r.IsGlobal {
			t.Errorf("rule = %+v", r)
		}
		if _, err := tc.svc.Create(ctx, reply.BlacklistRuleWrite{Pattern: tc.bad}); !errors.Is(err, reply.ErrValidation) {
			t.Errorf("bad pattern %q = %v", tc.bad, err)
		}
		if _, err := tc.svc.Create(ctx, reply.BlacklistRuleWrite{Pattern: tc.good}); !errors.Is(err, reply.ErrConflict) {
			t.Errorf("duplicate pattern = %v", err)
		}
		r = ok(tc.svc.Update(ctx, int64(r.ID), reply.BlacklistRuleWrite{Pattern: tc.another})).get(t)
		if got := ok(tc.svc.Get(ctx, int64(r.ID))).get(t); got.Pattern != tc.another {
			t.Errorf("Get = %+v", got)
		}
		cr := ok(tc.svc.BulkCreate(ctx, []reply.BlacklistRuleWrite{{Pattern: "x" + tc.good}, {Pattern: tc.another}})).get(t)
		if len(cr) != 2 || !cr[0].OK() || cr[1].OK() || cr[1].Error == "" {
			t.Errorf("BulkCreate = %+v", cr)
		}
		rules := ok(reply.Collect(tc.svc.List(ctx, nil))).get(t)
		if len(rules) != 2 {
			t.Errorf("List = %+v", rules)
		}
		del := ok(tc.svc.BulkDelete(ctx, []int64{int64(cr[0].ID), 555555})).get(t)
		if e, ok := del.Failed(555555); !ok || !errors.Is(e, reply.ErrNotFound) {
			t.Errorf("BulkDelete = %+v", del)
		}
		if err := tc.svc.Delete(ctx, int64(r.ID)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestEmailAccountsTemplatesRoundTrip(t *testing.T) {
	t.Parallel()
	srv := mustServer(t)
	c := mustClient(t, srv)
	ctx := t.Context()

	ea := ok(c.EmailAccounts.Create(ctx, reply.EmailAccountWrite{Connection: &reply.EmailConnection{
		Email: "sender@example.com", SenderName: "Sender", SMTPHost: "smtp.example.com", SMTPPort: 587, SMTPPassword: "pw",
		IMAPHost: "imap.example.com", IMAPPort: 993, IMAPPassword: "pw"}, Tags: []string{"sales"}})).get(t)
	if ea.ID == 0 || ea.Connection == nil || ea.Connection.Email != "sender@example.com" || ea.Connection.SMTPPassword != "" {
		t.Fatalf("created = %+v", ea)
	}
	upd := ok(c.EmailAccounts.Update(ctx, int64(ea.ID), reply.EmailAccountWrite{Safety: &reply.EmailSafety{DailyLimit: 42}})).get(t)
	if upd.Safety == nil || upd.Safety.DailyLimit != 42 || upd.Connection.SMTPHost != "smtp.example.com" || upd.UpdatedAt.IsZero() {
		t.Errorf("Update = %+v", upd)
	}
	if err := c.EmailAccounts.AddTags(ctx, int64(ea.ID), []string{"vip"}); err != nil {
		t.Fatal(err)
	}
	found := ok(reply.Collect(c.EmailAccounts.Filter(ctx, &reply.EmailAccountFilter{Tags: []string{"VIP"}}))).get(t)
	if len(found) != 1 || found[0].Email != "sender@example.com" || found[0].DailyLimit != 42 {
		t.Errorf("Filter = %+v", found)
	}
	if err := c.EmailAccounts.RemoveTags(ctx, int64(ea.ID), []string{"vip"}); err != nil {
		t.Fatal(err)
	}
	if n := len(ok(reply.Collect(c.EmailAccounts.List(ctx, nil))).get(t)); n < 1 {
		t.Errorf("List = %d", n)
	}

	folders := ok(c.EmailTemplateFolders.All(ctx)).get(t)
	if len(folders) == 0 {
		t.Fatal("no template folders")
	}
	tf := ok(c.EmailTemplateFolders.Create(ctx, reply.EmailTemplateFolderCreate{Name: "Outbound", FolderType: "team"})).get(t)
	tf = ok(c.EmailTemplateFolders.Update(ctx, int64(tf.ID), "team", "Outbound 2")).get(t)
	if got := ok(c.EmailTemplateFolders.Get(ctx, int64(tf.ID), "team")).get(t); got.Name != "Outbound 2" {
		t.Errorf("folder = %+v", got)
	}
	if _, err := c.EmailTemplateFolders.Get(ctx, int64(tf.ID), "personal"); !errors.Is(err, reply.ErrNotFound) {
		t.Errorf("folder with the wrong type = %v", err)
	}

	tpl := ok(c.EmailTemplates.Create(ctx, reply.EmailTemplateCreate{Name: "Intro", Body: "<p>Hi {{firstName}}</p>",
		FolderType: "team", FolderID: int64(tf.ID), Subject: ptr("Hello")})).get(t)
	if tpl.Body != "<p>Hi {{firstName}}</p>" || tpl.CreatedAt.IsZero() || tpl.FolderID != tf.ID {
		t.Errorf("template = %+v", tpl)
	}
	tpl = ok(c.EmailTemplates.Update(ctx, int64(tpl.ID), reply.EmailTemplateUpdate{Name: "Intro", Body: "<p>Hey</p>", Subject: ptr("Hi")})).get(t)
	clone := ok(c.EmailTemplates.Clone(ctx, int64(tpl.ID))).get(t)
	if clone.ID == tpl.ID || clone.Body != "<p>Hey</p>" {
		t.Errorf("clone = %+v", clone)
	}
	personal := folders[0]
	for _, f := range folders {
		if f.IsDefault && reply.EqualFold(f.FolderType, "personal") {
			personal = f
		}
	}
	moved := ok(c.EmailTemplates.Move(ctx, int64(clone.ID), int64(personal.ID), "personal")).get(t)
	if moved.FolderID != personal.ID {
		t.Errorf("moved = %+v", moved)
	}
	inFolder := ok(reply.Collect(c.EmailTemplates.List(ctx, &reply.EmailTemplateListOptions{FolderID: int64(tf.ID)}))).get(t)
	if len(inFolder) != 1 || inFolder[0].ID != tpl.ID {
		t.Errorf("templates in folder = %+v", inFolder)
	}
	for _, id := range []reply.ID{tpl.ID, clone.ID} {
		if err := c.EmailTemplates.Delete(ctx, int64(id)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.EmailTemplateFolders.Delete(ctx, int64(tf.ID), "team"); err != nil {
		t.Fatal(err)
	}
	if err := c.EmailAccounts.Delete(ctx, int64(ea.ID)); err != nil {
		t.Fatal(err)
	}
}

func TestSchedulesCalendarsRoundTrip(t *testing.T) {
	t.Parallel()
	srv := mustServer(t)
	c := mustClient(t, srv)
	ctx := t.Context()
	cal := ok(c.HolidayCalendars.Create(ctx, reply.HolidayCalendarWrite{Name: "Office", RepeatEveryYear: true,
		Holidays: []reply.Holiday{{StartDate: "2026-12-24", EndDate: "2026-12-26", Name: "Xmas"}}})).get(t)
	if len(cal.Holidays) != 1 || cal.Holidays[0].ID == 0 || cal.Holidays[0].StartDate != "2026-12-24" || !reply.EqualFold(cal.CalendarType, "custom") {
		t.Fatalf("calendar = %+v", cal)
	}
	w := reply.HolidayCalendarWrite{Name: cal.Name, RepeatEveryYear: false, Holidays: append(cal.Holidays, reply.Holiday{StartDate: "2026-01-01", EndDate: "2026-01-01", Name: "NY"})}
	cal = ok(c.HolidayCalendars.Update(ctx, int64(cal.ID), w)).get(t)
	if len(cal.Holidays) != 2 || cal.RepeatEveryYear {
		t.Errorf("updated calendar = %+v", cal)
	}
	cals := ok(c.HolidayCalendars.All(ctx)).get(t)
	if len(cals) < 2 {
		t.Errorf("calendars = %+v", cals)
	}

	day := func(d string) reply.ScheduleTiming {
		return reply.ScheduleTiming{WeekDay: d, IsActive: true, TimeRanges: []reply.TimeRange{{FromTime: reply.TimeOfDay{Hour: 9}, ToTime: reply.TimeOfDay{Hour: 17, Minute: 30}}}}
	}
	sch := ok(c.Schedules.Create(ctx, reply.ScheduleWrite{Name: "EU hours", TimezoneID: "W. Europe Standard Time",
		MainTimings: []reply.ScheduleTiming{day("Monday"), day("Tuesday")}})).get(t)
	if len(sch.MainTimings) != 2 || sch.MainTimings[0].TimeRanges[0].ToTime.Minute != 30 {
		t.Fatalf("schedule = %+v", sch)
	}
	if _, err := c.Schedules.Create(ctx, reply.ScheduleWrite{Name: "Bad", TimezoneID: "Europe/Berlin"}); !errors.Is(err, reply.ErrValidation) {
		t.Errorf("IANA zone = %v", err)
	}
	sw := sch.Write()
	sw.ExcludeHolidays = true
	sch = ok(c.Schedules.Update(ctx, int64(sch.ID), sw)).get(t)
	if !sch.ExcludeHolidays || len(sch.MainTimings) != 2 {
		t.Errorf("updated schedule = %+v", sch)
	}
	if err := c.Schedules.LinkHolidayCalendar(ctx, int64(sch.ID), int64(cal.ID)); err != nil {
		t.Fatal(err)
	}
	if err := c.Schedules.LinkHolidayCalendar(ctx, int64(sch.ID), int64(cal.ID)); !errors.Is(err, reply.ErrConflict) {
		t.Errorf("second link = %v", err)
	}
	if linked := ok(c.Schedules.HolidayCalendars(ctx, int64(sch.ID))).get(t); len(linked) != 1 || linked[0].ID != cal.ID {
		t.Errorf("linked calendars = %+v", linked)
	}
	if err := c.Schedules.UnlinkHolidayCalendar(ctx, int64(sch.ID), int64(cal.ID)); err != nil {
		t.Fatal(err)
	}
	if err := c.Schedules.SetDefault(ctx, int64(sch.ID)); err != nil {
		t.Fatal(err)
	}
	if got := ok(c.Schedules.Get(ctx, int64(sch.ID))).get(t); !got.IsDefault {
		t.Errorf("default schedule = %+v", got)
	}
	if err := c.HolidayCalendars.Delete(ctx, int64(cal.ID)); err != nil {
		t.Fatal(err)
	}
}

// newSequence creates a sequence with one email step.
func newSequence(tb testing.TB, c *reply.Client, name string) reply.Sequence {
	tb.Helper()
	step := reply.Step{Type: "email", Fields: map[string]json.RawMessage{
		"executionMode": json.RawMessage(`"automatic"`),
		"variants":      json.RawMessage(`[{"subject": "Hi {{firstName}}", "message": "<p>Hello</p>"}]`),
	}}
	return ok(c.Sequences.Create(tb.Context(), reply.SequenceCreate{Name: name, Steps: []reply.Step{step}})).get(tb)
}

func TestSequencesRoundTrip(t *testing.T) {
	t.Parallel()
	srv := mustServer(t)
	c := mustClient(t, srv)
	ctx := t.Context()
	if _, err := c.Sequences.Create(ctx, reply.SequenceCreate{Name: "No steps"}); !errors.Is(err, reply.ErrValidation) {
		t.Errorf("create without steps = %v", err)
	}
	seq := newSequence(t, c, "Outbound Q1")
	if seq.ID == 0 || !reply.EqualFold(seq.Status, "new") || len(seq.Steps) != 1 || seq.Created.IsZero() {
		t.Fatalf("created = %+v", seq)
	}
	if seq.Steps[0].Fields["variants"] == nil || seq.Steps[0].ID == 0 {
		t.Errorf("step = %+v", seq.Steps[0])
	}
	var settings map[string]any
	if err := json.Unmarshal(seq.Settings, &settings); err != nil || settings["emailsCountPerDay"] == nil {
		t.Errorf("settings = %s (%v)", seq.Settings, err)
	}
	listed := ok(reply.Collect(c.Sequences.List(ctx, &reply.SequenceListOptions{Name: "q1"}))).get(t)
	if len(listed) != 1 || listed[0].ID != seq.ID || len(listed[0].Steps) != 0 {
		t.Errorf("List = %+v", listed)
	}
	after := ok(reply.Collect(c.Sequences.List(ctx, &reply.SequenceListOptions{CreatedAfter: seq.Created}))).get(t)
	if len(after) != 0 {
		t.Errorf("createdAfter is strict, got %+v", after)
	}

	ea := ok(c.EmailAccounts.Create(ctx, reply.EmailAccountWrite{Connection: &reply.EmailConnection{
		Email: "seq@example.com", SMTPHost: "smtp.example.com", SMTPPort: 587, SMTPPassword: "pw",
		IMAPHost: "imap.example.com", IMAPPort: 993, IMAPPassword: "pw"}})).get(t)
	upd := ok(c.Sequences.Update(ctx, int64(seq.ID), reply.SequenceUpdate{Name: ptr("Outbound Q2"),
		Settings: json.RawMessage(`{"emailsCountPerDay": 75}`), EmailAccounts: []int64{int64(ea.ID)}})).get(t)
	if upd.Name != "Outbound Q2" || len(upd.EmailAccounts) != 1 || upd.EmailAccounts[0].ID != ea.ID {
		t.Errorf("Update = %+v", upd)
	}
	json.Unmarshal(upd.Settings, &settings)
	if settings["emailsCountPerDay"] != 75.0 || settings["daysToFinishProspect"] == nil {
		t.Errorf("merged settings = %s", upd.Settings)
	}

	// Start needs contacts: enrol one first.
	if _, err := c.Sequences.Start(ctx, int64(seq.ID)); !errors.Is(err, reply.ErrBadRequest) {
		t.Errorf("start without contacts = %v", err)
	}
	ct := ok(c.Contacts.Create(ctx, reply.ContactCreate{Email: "enrol@example.com", FirstName: "En"})).get(t)
	if err := c.Contacts.MoveToSequence(ctx, int64(ct.ID), reply.MoveToSequence{SequenceID: int64(seq.ID)}); err != nil {
		t.Fatal(err)
	}
	started := ok(c.Sequences.Start(ctx, int64(seq.ID))).get(t)
	if !reply.EqualFold(started.Status, "active") {
		t.Errorf("started = %+v", started)
	}
	if _, err := c.Sequences.Archive(ctx, int64(seq.ID)); !errors.Is(err, reply.ErrConflict) {
		t.Errorf("archive active = %v", err)
	}
	ok(c.Sequences.Pause(ctx, int64(seq.ID))).get(t)
	arch := ok(c.Sequences.Archive(ctx, int64(seq.ID))).get(t)
	if !arch.IsArchived {
		t.Errorf("archived = %+v", arch)
	}
	if _, err := c.Sequences.Update(ctx, int64(seq.ID), reply.SequenceUpdate{Name: ptr("x")}); !errors.Is(err, reply.ErrConflict) {
		t.Errorf("patch archived = %v", err)
	}
	un := ok(c.Sequences.Unarchive(ctx, int64(seq.ID))).get(t)
	if un.IsArchived {
		t.Errorf("unarchived = %+v", un)
	}

	other := newSequence(t, c, "Other")
	if n := ok(c.Sequences.Count(ctx, &reply.SequenceListOptions{Name: "other", SortBy: "name"})).get(t); n != 1 {
		t.Errorf("Sequences.Count = %d", n)
	}
	res := ok(c.Sequences.BulkPause(ctx, []int64{int64(other.ID), 31337})).get(t)
	if _, ok := res.Failed(31337); !ok {
		t.Errorf("BulkPause = %+v", res)
	}
	if r := ok(c.Sequences.BulkStart(ctx, []int64{int64(other.ID)})).get(t); !reply.EqualFold(r[fmt.Sprint(other.ID)].Code, "noContacts") {
		t.Errorf("BulkStart without contacts = %+v", r)
	}
	if r := ok(c.Sequences.BulkArchive(ctx, []int64{int64(other.ID)})).get(t); len(r) != 0 {
		t.Errorf("BulkArchive = %+v", r)
	}
	if r := ok(c.Sequences.BulkUnarchive(ctx, []int64{int64(other.ID)})).get(t); len(r) != 0 {
		t.Errorf("BulkUnarchive = %+v", r)
	}
	owned := ok(c.Sequences.SetOwner(ctx, int64(other.ID), 1235)).get(t)
	if owned.OwnerUserID != 1235 {
		t.Errorf("SetOwner = %+v", owned)
	}
	if r := ok(c.Sequences.BatchSetOwner(ctx, []int64{int64(other.ID)}, 1234)).get(t); len(r) != 0 {
		t.Errorf("BatchSetOwner = %+v", r)
	}

	tpl := ok(c.Sequences.SaveAsTemplate(ctx, int64(other.ID), reply.SaveAsTemplate{Name: "Playbook"})).get(t)
	if tpl.ID == "" || tpl.Name != "Playbook" {
		t.Fatalf("template = %+v", tpl)
	}
	tpls := ok(c.SequenceTemplates.List(ctx)).get(t)
	if len(tpls.TeamTemplates) != 1 || tpls.TeamTemplates[0].ID != tpl.ID {
		t.Errorf("templates = %+v", tpls)
	}
	folder := ok(c.SequenceFolders.Create(ctx, reply.SequenceFolderWrite{Name: "Campaigns"})).get(t)
	fromTpl := ok(c.Sequences.CreateFromTemplate(ctx, tpl.ID, folder.ID)).get(t)
	if fromTpl.ID == 0 {
		t.Errorf("from template = %+v", fromTpl)
	}
	if err := c.SequenceTemplates.Delete(ctx, tpl.ID); err != nil {
		t.Fatal(err)
	}
	inFolder := ok(reply.Collect(c.SequenceFolders.Sequences(ctx, folder.ID, nil))).get(t)
	if len(inFolder) != 1 || inFolder[0].ID != fromTpl.ID {
		t.Errorf("sequences in folder = %+v", inFolder)
	}
	if r := ok(c.SequenceFolders.AssignSequences(ctx, folder.ID, []int64{int64(other.ID), 8888})).get(t); len(r) != 1 {
		t.Errorf("AssignSequences = %+v", r)
	}
	if r := ok(c.SequenceFolders.UnassignSequences(ctx, folder.ID, []int64{int64(other.ID)})).get(t); len(r) != 0 {
		t.Errorf("UnassignSequences = %+v", r)
	}
	folder = ok(c.SequenceFolders.Update(ctx, folder.ID, reply.SequenceFolderWrite{Name: "Campaigns 2026"})).get(t)
	if got := ok(c.SequenceFolders.Get(ctx, folder.ID)).get(t); got.Name != "Campaigns 2026" {
		t.Errorf("folder = %+v", got)
	}
	if fs := ok(c.SequenceFolders.All(ctx)).get(t); len(fs) == 0 {
		t.Error("no folders")
	}
	if err := c.SequenceFolders.Delete(ctx, folder.ID); err != nil {
		t.Fatal(err)
	}

	if r := ok(c.Sequences.BulkDelete(ctx, []int64{int64(fromTpl.ID)})).get(t); len(r) != 0 {
		t.Errorf("BulkDelete = %+v", r)
	}
	if err := c.Sequences.Delete(ctx, int64(other.ID)); err != nil {
		t.Fatal(err)
	}
	if err := c.Sequences.Delete(ctx, int64(other.ID)); !errors.Is(err, reply.ErrNotFound) {
		t.Errorf("second delete = %v", err)
	}
}

func TestStepsVariantsRoundTrip(t *testing.T) {
	t.Parallel()
	srv := mustServer(t)
	c := mustClient(t, srv)
	ctx := t.Context()
	seq := newSequence(t, c, "Steps")
	sid := int64(seq.ID)
	li := ok(c.SequenceSteps.Create(ctx, sid, reply.Step{Type: "linkedIn", ActionType: "message", DelayInMinutes: 2880,
		Fields: map[string]json.RawMessage{"executionMode": json.RawMessage(`"automatic"`),
			"variants": json.RawMessage(`[{"message": "Hi {{firstName}}", "isEnabled": true}]`)}})).get(t)
	if li.ID == 0 || li.ParentID != seq.Steps[0].ID || li.DelayInMinutes != 2880 || !reply.EqualFold(li.ActionType, "message") {
		t.Fatalf("created step = %+v", li)
	}
	steps := ok(c.SequenceSteps.All(ctx, sid)).get(t)
	if len(steps) != 2 {
		t.Fatalf("steps = %+v", steps)
	}
	got := ok(c.SequenceSteps.Get(ctx, sid, int64(li.ID))).get(t)
	got.DelayInMinutes = 60
	upd := ok(c.SequenceSteps.Update(ctx, sid, int64(li.ID), got)).get(t)
	if upd.DelayInMinutes != 60 {
		t.Errorf("updated step = %+v", upd)
	}
	props := ok(c.SequenceSteps.ContactFilterProperties(ctx)).get(t)
	if len(props["email"].Operators) == 0 {
		t.Errorf("filter properties = %+v", props)
	}

	email := int64(seq.Steps[0].ID)
	vs := ok(c.SequenceStepVariants.All(ctx, sid, email)).get(t)
	if len(vs) != 1 {
		t.Fatalf("variants = %+v", vs)
	}
	v := ok(c.SequenceStepVariants.Create(ctx, sid, email, reply.VariantWrite{Subject: ptr("B"), Message: "<p>B</p>"})).get(t)
	if !v.IsEnabled || v.Message != "<p>B</p>" {
		t.Errorf("variant = %+v", v)
	}
	v = ok(c.SequenceStepVariants.Update(ctx, sid, email, int64(v.ID), reply.VariantWrite{Subject: ptr("B2"), Message: "<p>B2</p>", IsEnabled: ptr(false)})).get(t)
	if v.IsEnabled || v.Subject != "B2" {
		t.Errorf("updated variant = %+v", v)
	}
	if got := ok(c.SequenceStepVariants.Get(ctx, sid, email, int64(v.ID))).get(t); got.Subject != "B2" {
		t.Errorf("Get variant = %+v", got)
	}
	if _, err := c.SequenceStepVariants.Get(ctx, sid, email, 123456); !errors.Is(err, reply.ErrNotFound) {
		t.Errorf("missing variant = %v", err)
	}
	if r := ok(c.SequenceSteps.DisableVariants(ctx, sid, email, []int64{int64(v.ID)})).get(t); len(r) != 0 {
		t.Errorf("DisableVariants = %+v", r)
	}
	if r := ok(c.SequenceSteps.EnableVariants(ctx, sid, email, []int64{int64(v.ID)})).get(t); len(r) != 0 {
		t.Errorf("EnableVariants = %+v", r)
	}
	cr := ok(c.SequenceStepVariants.BulkCreate(ctx, sid, email, []reply.VariantWrite{{Subject: ptr("C"), Message: "C"}})).get(t)
	if len(cr) != 1 || !cr[0].OK() {
		t.Errorf("variant BulkCreate = %+v", cr)
	}
	if r := ok(c.SequenceStepVariants.BulkDelete(ctx, sid, email, []int64{int64(cr[0].ID)})).get(t); len(r) != 0 {
		t.Errorf("variant BulkDelete = %+v", r)
	}
	if err := c.SequenceStepVariants.Delete(ctx, sid, email, int64(v.ID)); err != nil {
		t.Fatal(err)
	}

	bulk := ok(c.SequenceSteps.BulkCreate(ctx, sid, []reply.Step{
		{Type: "call", DelayInMinutes: 10, Fields: map[string]json.RawMessage{"message": json.RawMessage(`"script"`)}},
		{Type: "task", ActionType: "toDo", DelayInMinutes: 10, Fields: map[string]json.RawMessage{"description": json.RawMessage(`"do it"`)}},
	})).get(t)
	if len(bulk) != 2 || !bulk[0].OK() || !bulk[1].OK() {
		t.Fatalf("steps BulkCreate = %+v", bulk)
	}
	if r := ok(c.SequenceSteps.BulkDelete(ctx, sid, []int64{int64(bulk[0].ID), 9999999})).get(t); len(r) != 1 {
		t.Errorf("steps BulkDelete = %+v", r)
	}
	if err := c.SequenceSteps.Delete(ctx, sid, int64(bulk[1].ID), ""); err != nil {
		t.Fatal(err)
	}
	if err := c.SequenceSteps.Delete(ctx, sid, int64(li.ID), "nodeAndAllChildren"); err != nil {
		t.Fatal(err)
	}
	if n := len(ok(reply.Collect(c.SequenceSteps.List(ctx, sid, 0))).get(t)); n != 1 {
		t.Errorf("%d steps left, want 1", n)
	}
}

func TestSequenceMembershipRoundTrip(t *testing.T) {
	t.Parallel()
	srv := mustServer(t)
	c := mustClient(t, srv)
	ctx := t.Context()
	seq := newSequence(t, c, "Members")
	sid := int64(seq.ID)
	var ids []int64
	for i := range 3 {
		ct := ok(c.Contacts.Create(ctx, reply.ContactCreate{Email: fmt.Sprintf("m%d@example.com", i), FirstName: "M"})).get(t)
		ids = append(ids, int64(ct.ID))
		srv.Advance(time.Second)
	}
	add := ok(c.SequenceContacts.Add(ctx, sid, append(ids, 4040404), reply.Enrolment{})).get(t)
	if len(add.Added) != 3 || len(add.NotProcessed) != 1 {
		t.Fatalf("Add = %+v", add)
	}
	again := ok(c.SequenceContacts.Add(ctx, sid, ids[:1], reply.Enrolment{})).get(t)
	if e := again.NotProcessed[fmt.Sprint(ids[0])]; !reply.EqualFold(e.Code, "contactAlreadyInSequence") {
		t.Errorf("second Add = %+v", again)
	}
	members := ok(reply.Collect(c.SequenceContacts.List(ctx, sid, nil))).get(t)
	if len(members) != 3 || !reply.EqualFold(members[0].StatusInSequence, "active") || members[0].CurrentStep == nil || members[0].AddingDate.IsZero() {
		t.Fatalf("members = %+v", members)
	}
	if n := ok(c.SequenceContacts.Count(ctx, sid)).get(t); n != 3 {
		t.Errorf("SequenceContacts.Count = %d", n)
	}
	one := ok(c.SequenceContacts.Get(ctx, sid, ids[0])).get(t)
	if one.ContactID != reply.ID(ids[0]) || one.SequenceID != seq.ID {
		t.Errorf("Get = %+v", one)
	}
	states := ok(reply.Collect(c.SequenceContacts.States(ctx, sid, &reply.SequenceContactStateOptions{AdditionalColumns: []string{"CurrentStep", "Status"}}))).get(t)
	if len(states) != 3 || states[0].CurrentStep == nil || states[0].Status == nil || !reply.EqualFold(states[0].Status.Status, "active") || states[0].AddedAt.IsZero() {
		t.Errorf("states = %+v", states)
	}
	if r := ok(c.SequenceContacts.SetStatus(ctx, sid, ids[:1], "paused")).get(t); len(r) != 0 {
		t.Errorf("SetStatus = %+v", r)
	}
	if r := ok(c.SequenceContacts.SetReplied(ctx, sid, ids[1:2], true)).get(t); len(r) != 0 {
		t.Errorf("SetReplied = %+v", r)
	}
	if r := ok(c.SequenceContacts.SetBounced(ctx, sid, ids[2:], true, nil)).get(t); len(r) != 0 {
		t.Errorf("SetBounced = %+v", r)
	}
	if r := ok(c.SequenceContacts.SetBounced(ctx, sid, ids[2:], false, ptr(true))).get(t); len(r) != 0 {
		t.Errorf("SetBounced(false) = %+v", r)
	}
	st := ok(c.Contacts.Statuses(ctx, ids[1])).get(t)
	if len(st.Sequences) != 1 || st.Sequences[0].EmailDisposition == nil || !st.Sequences[0].EmailDisposition.IsReplied {
		t.Errorf("statuses = %+v", st)
	}
	cs := ok(c.Contacts.Sequences(ctx, ids[0])).get(t)
	if len(cs) != 1 || !reply.EqualFold(cs[0].StatusInSequence, "paused") || cs[0].CurrentStepID == 0 {
		t.Errorf("contact sequences = %+v", cs)
	}
	if r := ok(c.Contacts.SetStatusInSequence(ctx, ids[:1], "active")).get(t); len(r) != 0 {
		t.Errorf("global SetStatusInSequence = %+v", r)
	}
	if r := ok(c.Contacts.SetReplied(ctx, ids[:1], false)).get(t); len(r) != 0 {
		t.Errorf("global SetReplied = %+v", r)
	}
	if r := ok(c.Contacts.SetBounced(ctx, ids[:1], false, nil)).get(t); len(r) != 0 {
		t.Errorf("global SetBounced = %+v", r)
	}
	if r := ok(c.Contacts.SetOptedOut(ctx, ids[:1], true)).get(t); len(r) != 0 {
		t.Errorf("SetOptedOut = %+v", r)
	}

	if err := c.SequenceContacts.Remove(ctx, sid, ids[0]); err != nil {
		t.Fatal(err)
	}
	if err := c.SequenceContacts.Remove(ctx, sid, ids[0]); !errors.Is(err, reply.ErrNotFound) {
		t.Errorf("second Remove = %v", err)
	}
	rm := ok(c.SequenceContacts.RemoveBulk(ctx, sid, ids)).get(t)
	if rm.Requested != 3 || rm.Removed != 2 || len(rm.RemovedIDs) != 2 {
		t.Errorf("RemoveBulk = %+v", rm)
	}

	// Email and LinkedIn account links.
	ea := ok(c.EmailAccounts.Create(ctx, reply.EmailAccountWrite{Connection: &reply.EmailConnection{
		Email: "link@example.com", SMTPHost: "smtp.example.com", SMTPPort: 587, SMTPPassword: "pw",
		IMAPHost: "imap.example.com", IMAPPort: 993, IMAPPassword: "pw"}})).get(t)
	if err := c.SequenceEmailAccounts.Link(ctx, sid, int64(ea.ID)); err != nil {
		t.Fatal(err)
	}
	if err := c.SequenceEmailAccounts.Link(ctx, sid, int64(ea.ID)); err != nil {
		t.Errorf("second Link (idempotent) = %v", err)
	}
	linked := ok(c.SequenceEmailAccounts.All(ctx, sid)).get(t)
	if len(linked) != 1 || linked[0].Email != "link@example.com" {
		t.Errorf("linked = %+v", linked)
	}
	if err := c.SequenceEmailAccounts.Set(ctx, sid, nil); err != nil {
		t.Fatal(err)
	}
	if n := len(ok(c.SequenceEmailAccounts.All(ctx, sid)).get(t)); n != 0 {
		t.Errorf("%d accounts after Set([])", n)
	}
	if err := c.SequenceEmailAccounts.Set(ctx, sid, []int64{int64(ea.ID)}); err != nil {
		t.Fatal(err)
	}
	if err := c.SequenceEmailAccounts.Unlink(ctx, sid, int64(ea.ID)); err != nil {
		t.Fatal(err)
	}
	if err := c.SequenceEmailAccounts.Unlink(ctx, sid, int64(ea.ID)); !errors.Is(err, reply.ErrNotFound) {
		t.Errorf("second Unlink = %v", err)
	}
	seeded := mustServer(t, replytest.WithSeed(replytest.SmallAccount))
	sc := mustClient(t, seeded)
	seqs := ok(reply.Collect(sc.Sequences.List(ctx, &reply.SequenceListOptions{Limit: 1}))).get(t)
	if len(seqs) != 1 {
		t.Fatal("no seeded sequence")
	}
	sid = int64(seqs[0].ID)
	c = sc
	lis := ok(c.LinkedInAccounts.All(ctx)).get(t)
	if len(lis) > 0 {
		li := lis[0]
		if got := ok(c.LinkedInAccounts.Get(ctx, int64(li.ID))).get(t); got.Name != li.Name {
			t.Errorf("LinkedIn Get = %+v", got)
		}
		if err := c.SequenceLinkedInAccounts.Link(ctx, sid, int64(li.ID)); err != nil {
			t.Fatal(err)
		}
		got := ok(c.SequenceLinkedInAccounts.All(ctx, sid)).get(t)
		if !slices.ContainsFunc(got, func(a reply.LinkedInAccountRef) bool { return a.ID == li.ID }) {
			t.Errorf("sequence LinkedIn accounts = %+v, want %d among them", got, li.ID)
		}
		if err := c.SequenceLinkedInAccounts.Unlink(ctx, sid, int64(li.ID)); err != nil {
			t.Fatal(err)
		}
	} else {
		t.Log("no seeded LinkedIn accounts: link round trip skipped")
	}
	link := ok(c.LinkedInAccounts.CreateConnectionLink(ctx, "New one")).get(t)
	if link.ConnectionLink == "" || link.PendingAccountID == 0 {
		t.Errorf("connection link = %+v", link)
	}
	if p := ok(c.LinkedInAccounts.Pending(ctx)).get(t); len(p) != 1 || p[0].ExpiresAtUTC.IsZero() {
		t.Errorf("pending = %+v", p)
	}
}

func TestTasksWebhooksRoundTrip(t *testing.T) {
	t.Parallel()
	srv := mustServer(t)
	c := mustClient(t, srv)
	ctx := t.Context()
	ct := ok(c.Contacts.Create(ctx, reply.ContactCreate{Email: "task@example.com", FirstName: "Tia"})).get(t)
	now := reply.NewTime(srv.Now())
	w := reply.TaskWrite{TaskType: "call", ContactID: int64(ct.ID), StartAt: now, DueTo: reply.NewTime(now.Add(24 * time.Hour)),
		Template: reply.TaskContent{Body: "Call {{firstName}}"}}
	task := ok(c.Tasks.Create(ctx, w)).get(t)
	if task.ID == 0 || !reply.EqualFold(task.Status, "new") || task.ContactID != ct.ID || !task.StartAt.Equal(now.Time) {
		t.Fatalf("task = %+v", task)
	}
	w.Template.Body = "Call {{firstName}} again"
	task = ok(c.Tasks.Update(ctx, int64(task.ID), w)).get(t)
	full := ok(c.Tasks.GetWithContent(ctx, int64(task.ID))).get(t)
	if full.Content == nil || full.Content.Body != "Call Tia again" || full.CreatedAt.IsZero() {
		t.Errorf("task with content = %+v", full)
	}
	listed := ok(reply.Collect(c.Tasks.List(ctx, nil))).get(t)
	if len(listed) != 1 || listed[0].Contact == nil || listed[0].Contact.ID != ct.ID {
		t.Errorf("List = %+v", listed)
	}
	filtered := ok(reply.Collect(c.Tasks.Filter(ctx, &reply.TaskFilter{TaskType: "call", From: reply.NewTime(now.Add(-time.Hour))}))).get(t)
	if len(filtered) != 1 {
		t.Errorf("Filter = %+v", filtered)
	}
	task = ok(c.Tasks.Reassign(ctx, int64(task.ID), 1235)).get(t)
	if task.AssignedUserID != 1235 {
		t.Errorf("Reassign = %+v", task)
	}
	if r := ok(c.Tasks.BatchAssign(ctx, []int64{int64(task.ID), 6060606}, 1234)).get(t); len(r) != 1 {
		t.Errorf("BatchAssign = %+v", r)
	}
	done := ok(c.Tasks.Complete(ctx, int64(task.ID), reply.TaskCompletion{CallResolution: ptr(reply.CallPositive)})).get(t)
	if !reply.EqualFold(done.Status, "finished") || done.FinishedAt.IsZero() {
		t.Errorf("Complete = %+v", done)
	}
	if _, err := c.Tasks.Complete(ctx, int64(task.ID), reply.TaskCompletion{}); !errors.Is(err, reply.ErrConflict) {
		t.Errorf("second Complete = %v", err)
	}
	mail := ok(c.Tasks.Create(ctx, reply.TaskWrite{TaskType: "manualEmail", ContactID: int64(ct.ID), StartAt: now,
		DueTo: reply.NewTime(now.Add(time.Hour)), Template: reply.TaskContent{Body: "Hi", Subject: ptr("Hello")}})).get(t)
	sent := ok(c.Tasks.Execute(ctx, int64(mail.ID), reply.TaskExecution{})).get(t)
	if !reply.EqualFold(sent.Status, "finished") {
		t.Errorf("Execute = %+v", sent)
	}
	todo := ok(c.Tasks.Create(ctx, reply.TaskWrite{TaskType: "toDo", StartAt: now, DueTo: reply.NewTime(now.Add(time.Hour)), Template: reply.TaskContent{Body: "x"}})).get(t)
	if r := ok(c.Tasks.BatchComplete(ctx, []int64{int64(todo.ID)})).get(t); len(r) != 0 {
		t.Errorf("BatchComplete = %+v", r)
	}
	if r := ok(c.Tasks.BulkDelete(ctx, []int64{int64(todo.ID), 7070707})).get(t); len(r) != 1 {
		t.Errorf("BulkDelete = %+v", r)
	}
	if err := c.Tasks.Delete(ctx, int64(mail.ID)); err != nil {
		t.Fatal(err)
	}

	events := ok(c.Webhooks.Events(ctx)).get(t)
	if len(events) != 22 {
		t.Errorf("%d events", len(events))
	}
	hook := ok(c.Webhooks.Create(ctx, reply.WebhookCreate{EventType: "email_replied", URL: "http://127.0.0.1:1/hook",
		PayloadConfig: &reply.PayloadConfig{IncludeEmailURL: true}})).get(t)
	if !hook.Enabled || hook.Scope != "personal" || !hook.PayloadConfig.IncludeEmailURL || hook.CreatedAt.IsZero() {
		t.Fatalf("webhook = %+v", hook)
	}
	hook = ok(c.Webhooks.Update(ctx, int64(hook.ID), reply.WebhookUpdate{EventType: "contact_finished", URL: hook.URL, Scope: "personal"})).get(t)
	if hook.EventType != "contact_finished" || hook.PayloadConfig.IncludeEmailURL {
		t.Errorf("updated webhook = %+v", hook)
	}
	if err := c.Webhooks.Disable(ctx, int64(hook.ID)); err != nil {
		t.Fatal(err)
	}
	if got := ok(c.Webhooks.Get(ctx, int64(hook.ID))).get(t); got.Enabled {
		t.Errorf("disabled webhook = %+v", got)
	}
	if err := c.Webhooks.Enable(ctx, int64(hook.ID)); err != nil {
		t.Fatal(err)
	}
	if err := c.Webhooks.Test(ctx, int64(hook.ID)); !errors.Is(err, reply.ErrServer) {
		t.Errorf("test delivery to a closed port = %v", err)
	}
	if n := len(ok(reply.Collect(c.Webhooks.List(ctx, nil))).get(t)); n != 1 {
		t.Errorf("%d webhooks", n)
	}
	if _, err := reply.Collect(c.Webhooks.Logs(ctx, int64(hook.ID), nil)); err != nil {
		t.Fatal(err)
	}
	if err := c.Webhooks.Delete(ctx, int64(hook.ID)); err != nil {
		t.Fatal(err)
	}

	me := ok(c.WhoAmI.Get(ctx)).get(t)
	if me.UserID != 1234 || me.TeamID == 0 || me.Username == "" {
		t.Errorf("whoami = %+v", me)
	}
	if users := ok(c.WhoAmI.TeamUsers(ctx)).get(t); len(users) < 2 {
		t.Errorf("team users = %+v", users)
	}
}

func TestBackgroundJobsRoundTrip(t *testing.T) {
	t.Parallel()
	srv := mustServer(t)
	c := mustClient(t, srv)
	ctx := t.Context()
	ct := ok(c.Contacts.Create(ctx, reply.ContactCreate{Email: "v@example.com"})).get(t)
	acc, err := c.BackgroundJobs.ScheduleEmailValidation(ctx, reply.EmailValidation{ContactIDs: []int64{int64(ct.ID)}})
	if err != nil {
		t.Fatal(err)
	}
	if acc.JobID == "" || acc.Location != srv.URL+"/v3/background-jobs/"+acc.JobID {
		t.Fatalf("accepted = %+v", acc)
	}
	job := ok(c.BackgroundJobs.Wait(ctx, acc.JobID, time.Second)).get(t)
	if !reply.EqualFold(job.Status, "Done") || job.StartedAt.IsZero() {
		t.Errorf("job = %+v", job)
	}
	jobs := ok(reply.Collect(c.BackgroundJobs.List(ctx, &reply.BackgroundJobListOptions{Category: "email-validation"}))).get(t)
	if len(jobs) != 1 || jobs[0].JobID != acc.JobID {
		t.Errorf("jobs = %+v", jobs)
	}
	if err := c.BackgroundJobs.Cancel(ctx, acc.JobID, ""); err != nil {
		t.Fatal(err)
	}
}

func TestWebhookDeliveryParses(t *testing.T) {
	t.Parallel()
	got := make(chan []byte, 10)
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- b
	}))
	t.Cleanup(recv.Close)
	srv := mustServer(t)
	c := mustClient(t, srv)
	ctx := t.Context()
	ok(c.Webhooks.Create(ctx, reply.WebhookCreate{EventType: "contact_called", URL: recv.URL})).get(t)
	ct := ok(c.Contacts.Create(ctx, reply.ContactCreate{Email: "hook@example.com"})).get(t)
	ok(c.Contacts.Update(ctx, int64(ct.ID), reply.ContactUpdate{CallStatus: ptr("called")})).get(t)
	srv.WaitWebhooks()
	select {
	case body := <-got:
		e, err := reply.ParseWebhookEvent(body)
		if err != nil {
			t.Fatalf("%v: %s", err, body)
		}
		if e.Type != "contact_called" || e.ContactID != ct.ID || e.ID == "" {
			t.Errorf("event = %+v", e)
		}
	default:
		t.Fatal("no delivery")
	}
}

// TestReadPaths calls every read method not exercised elsewhere against a seeded emulator and checks, in the
// emulator's request log, that each one reached the operation it is meant for and succeeded.
func TestReadPaths(t *testing.T) {
	t.Parallel()
	srv := mustServer(t, replytest.WithSeed(replytest.SmallAccount))
	c := mustClient(t, srv)
	ctx := t.Context()
	// A sequence with an email step (variants exist only on email and LinkedIn message steps).
	var sid, step int64
	for seq, err := range c.Sequences.List(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		detail := ok(c.Sequences.Get(ctx, int64(seq.ID))).get(t)
		for _, st := range detail.Steps {
			if reply.EqualFold(st.Type, "email") {
				sid, step = int64(seq.ID), int64(st.ID)
			}
		}
		if step != 0 {
			break
		}
	}
	if step == 0 {
		t.Fatal("no seeded sequence with an email step")
	}
	folder := ok(c.SequenceFolders.All(ctx)).get(t)[0]
	li := ok(c.LinkedInAccounts.All(ctx)).get(t)[0]
	cf := ok(c.CustomFields.All(ctx)).get(t)[0]
	ea := ok(c.EmailAccounts.ListPage(ctx, &reply.EmailAccountListOptions{Top: 1})).get(t).Items[0]
	tpl := ok(c.EmailTemplates.ListPage(ctx, &reply.EmailTemplateListOptions{Top: 1})).get(t).Items[0]
	cal := ok(c.HolidayCalendars.All(ctx)).get(t)[0]
	task := ok(c.Tasks.ListPage(ctx, &reply.TaskListOptions{Top: 1})).get(t).Items[0]

	checks := []struct {
		op   string
		call func() error
	}{
		{"accounts.list", func() error {
			_, err := c.Accounts.ListPage(ctx, &reply.AccountListOptions{Top: 2, SortBy: "name", SortDirection: "desc"})
			return err
		}},
		{"accounts.filter", func() error {
			_, err := c.Accounts.FilterPage(ctx, &reply.AccountFilter{Top: 2, Search: "a"})
			return err
		}},
		{"domainBlacklistRules.list", func() error {
			_, err := c.DomainBlacklistRules.ListPage(ctx, &reply.BlacklistListOptions{Search: "x"})
			return err
		}},
		{"contactLists.list", func() error { _, err := c.ContactLists.ListPage(ctx, nil); return err }},
		{"contacts.filter", func() error {
			_, err := reply.Collect(c.Contacts.Filter(ctx, &reply.ContactFilter{Limit: 3}))
			return err
		}},
		{"customFields.get", func() error { _, err := c.CustomFields.Get(ctx, int64(cf.ID)); return err }},
		{"emailAccounts.filter", func() error {
			_, err := c.EmailAccounts.FilterPage(ctx, &reply.EmailAccountFilter{Status: "connected"})
			return err
		}},
		{"emailAccounts.get", func() error { _, err := c.EmailAccounts.Get(ctx, int64(ea.ID)); return err }},
		{"emailTemplateFolders.list", func() error { _, err := reply.Collect(c.EmailTemplateFolders.List(ctx, 1)); return err }},
		{"emailTemplates.get", func() error { _, err := c.EmailTemplates.Get(ctx, int64(tpl.ID)); return err }},
		{"holidayCalendars.list", func() error { _, err := reply.Collect(c.HolidayCalendars.List(ctx, 0)); return err }},
		{"holidayCalendars.get", func() error { _, err := c.HolidayCalendars.Get(ctx, int64(cal.ID)); return err }},
		{"linkedInAccounts.list", func() error { _, err := reply.Collect(c.LinkedInAccounts.List(ctx, 0)); return err }},
		{"linkedInAccounts.connect", func() error { _, err := c.LinkedInAccounts.Connect(ctx); return err }},
		{"linkedInAccounts.reconnect", func() error { _, err := c.LinkedInAccounts.Reconnect(ctx, int64(li.ID)); return err }},
		{"linkedInAccounts.revokeSettings", func() error { return c.LinkedInAccounts.SetRevokeSettings(ctx, int64(li.ID), true, 14) }},
		{"schedules.list", func() error { _, err := reply.Collect(c.Schedules.List(ctx, 0)); return err }},
		{"sequenceContacts.list", func() error {
			_, err := c.SequenceContacts.ListPage(ctx, sid, &reply.SequenceContactListOptions{SortBy: "email", SortDirection: "asc"})
			return err
		}},
		{"sequenceEmailAccounts.list", func() error { _, err := reply.Collect(c.SequenceEmailAccounts.List(ctx, sid, 0)); return err }},
		{"sequenceFolders.list", func() error { _, err := reply.Collect(c.SequenceFolders.List(ctx, 0)); return err }},
		{"sequencesInFolder.list", func() error {
			_, err := c.SequenceFolders.SequencesPage(ctx, folder.ID, &reply.FolderSequenceListOptions{SortBy: "created", SortDirection: "asc"})
			return err
		}},
		{"sequenceLinkedInAccounts.list", func() error { _, err := reply.Collect(c.SequenceLinkedInAccounts.List(ctx, sid, 0)); return err }},
		{"sequenceStepVariants.list", func() error { _, err := reply.Collect(c.SequenceStepVariants.List(ctx, sid, step, 0)); return err }},
		{"sequences.list", func() error {
			_, err := c.Sequences.ListPage(ctx, &reply.SequenceListOptions{Status: "active", IsArchived: ptr(false), SortBy: "name"})
			return err
		}},
		{"tasks.filter", func() error { _, err := c.Tasks.FilterPage(ctx, &reply.TaskFilter{Overdue: ptr(false)}); return err }},
		{"tasks.get", func() error { _, err := c.Tasks.Get(ctx, int64(task.ID)); return err }},
		{"webhooks.list", func() error { _, err := c.Webhooks.ListPage(ctx, nil); return err }},
		{"linkedInAccounts.delete", func() error { return c.LinkedInAccounts.Delete(ctx, int64(li.ID)) }},
		{"schedules.delete", func() error {
			s := ok(c.Schedules.Create(ctx, reply.ScheduleWrite{Name: "Temp", TimezoneID: "UTC"})).get(t)
			return c.Schedules.Delete(ctx, int64(s.ID))
		}},
	}
	for _, ck := range checks {
		srv.ResetRequests()
		if err := ck.call(); err != nil {
			t.Errorf("%s: %v", ck.op, err)
			continue
		}
		reqs := srv.Requests()
		last := reqs[len(reqs)-1]
		if last.Op != ck.op || last.Status >= 300 {
			t.Errorf("%s: reached %q (%s %s?%s), status %d", ck.op, last.Op, last.Method, last.Path, last.Query, last.Status)
		}
	}
}

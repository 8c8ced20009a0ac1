package replytest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Seed sizes the generated data of an emulator, per object. Generation is deterministic from Seed.Seed.
type Seed struct {
	Seed             int64
	Users            int // team members (default 3)
	Contacts         int
	Accounts         int
	ContactLists     int
	CustomFields     int
	BlacklistRules   int // per kind (domains, emails, email exceptions)
	EmailAccounts    int
	LinkedInAccounts int
	EmailTemplates   int
	Schedules        int // besides the default schedule
	HolidayCalendars int // custom calendars besides the predefined one
	Tasks            int
	Webhooks         int
	Sequences        int
	SequenceFolders  int
	Enrolments       int // contacts enrolled per sequence (at most Contacts)
}

// SmallAccount is a few rows of every object, for tests. Treat it as read-only.
var SmallAccount = Seed{
	Seed: 1, Contacts: 12, Accounts: 4, ContactLists: 3, CustomFields: 3, BlacklistRules: 2,
	EmailAccounts: 2, LinkedInAccounts: 2, EmailTemplates: 4, Schedules: 1, HolidayCalendars: 1,
	Tasks: 5, Sequences: 3, SequenceFolders: 2, Enrolments: 4,
}

var seedUsers = []userRec{
	{ID: 1234, Name: "Alex Morgan", Email: "alex.morgan@example.com"},
	{ID: 1235, Name: "Zoë Ångström", Email: "zoe.angstrom@example.com"},
	{ID: 1236, Name: "Mateus Conceição", Email: "mateus.conceicao@example.com"},
	{ID: 1237, Name: "Hana Takahashi", Email: "hana.takahashi@example.com"},
	{ID: 1238, Name: "Oleksandr Kovalenko", Email: "oleksandr.kovalenko@example.com"},
}

// seedLocked builds the base fixtures (team users, default folder, default schedule, predefined holiday
// calendar) and the generated data of s.
func (e *Emulator) seedLocked(s Seed) {
	n := s.Users
	if n <= 0 {
		n = 3
	}
	e.users = nil
	for i := range n {
		u := userRec{ID: 1234 + int64(i), TeamID: 100, TeamName: "Emulated Team"}
		if i < len(seedUsers) {
			u.Name, u.Email = seedUsers[i].Name, seedUsers[i].Email
		} else {
			u.Name, u.Email = "User "+itoa(u.ID), "user"+itoa(u.ID)+"@example.com"
		}
		e.users = append(e.users, u)
	}
	e.cur = e.users[0]
	e.seedBase()
	g := rand.New(rand.NewPCG(uint64(s.Seed), 0x5eed))
	e.seedGenerated(g, s)
}

// seedBase creates the objects every account has.
func (e *Emulator) seedBase() {
	fid := e.nextID("emailTemplateFolder")
	e.templateFolders.put(fid, &templateFolderRec{ID: fid, Name: "My templates", FolderType: "personal", IsDefault: true})
	tid := e.nextID("emailTemplateFolder")
	e.templateFolders.put(tid, &templateFolderRec{ID: tid, Name: "Team templates", FolderType: "team", IsDefault: true})
	sid := e.nextID("schedule")
	var days []timing
	for _, d := range []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"} {
		days = append(days, timing{WeekDay: d, IsActive: true, TimeRanges: []timeRange{{FromTime: hm{9, 0}, ToTime: hm{17, 0}}}})
	}
	e.schedules.put(sid, &scheduleRec{ID: sid, Name: "Business hours", TimezoneID: "Eastern Standard Time", MainTimings: days, IsDefault: true})
	hid := e.nextID("holidayCalendar")
	e.holidayCalendars.put(hid, &holidayCalendarRec{ID: hid, Name: "US Holidays", CalendarType: "predefined", CountryCode: sv("US"), RepeatEveryYear: true})
}

var (
	seedFirst = []string{"Anna", "José", "Zoë", "Łukasz", "Søren", "Aiko", "Mohammed", "Chloé", "Björn", "Priya",
		"Ольга", "Liam", "Emily", "Noah", "Amélie", "Jürgen", "Siobhán", "Tomás", "Ines", "Wei", "Fatima", "Oliver",
		"Mei", "Ángel", "Nikolai", "Sara", "Kwame", "Elif", "Dmitri", "Hélène"}
	seedLast = []string{"Müller", "García", "Nakamura", "Kowalski", "Ødegaard", "Smith", "Dubois", "Johansson",
		"Patel", "Иванова", "O'Brien", "Rossi", "Nguyen", "Fernández", "Schröder", "Kim", "Mensah", "Yılmaz",
		"Novák", "Lefèvre", "Chen", "Brown", "Silva", "Andersen", "Costa", "Jones", "Taylor", "Moreau"}
	seedCompanies = []string{"Acme Corp", "Globex", "Initech", "Umbrella Labs", "Björk & Co", "Société Générale Tech",
		"Nordlicht GmbH", "Tanaka Shōji", "Soylent", "Hooli", "Vandelay Industries", "Stark Analytics", "Wayne Data",
		"Pied Piper", "Cyberdyne", "Zürich Fintech AG", "São Paulo Logística", "Kraków Software"}
	seedTitles = []string{"CEO", "CTO", "VP Sales", "Head of Marketing", "Account Executive", "Engineer",
		"Directeur Commercial", "Geschäftsführer", "Product Manager", "SDR"}
	seedIndustries = []string{"Software", "Financial Services", "Manufacturing", "Retail", "Healthcare", "Education"}
	seedCities     = []struct{ city, state, country, tz string }{
		{"Berlin", "Berlin", "Germany", "Europe/Berlin"}, {"Paris", "Île-de-France", "France", "Europe/Paris"},
		{"New York", "NY", "United States", "America/New_York"}, {"San Francisco", "CA", "United States", "America/Los_Angeles"},
		{"Tokyo", "Tokyo", "Japan", "Asia/Tokyo"}, {"Kraków", "Lesser Poland", "Poland", "Europe/Warsaw"},
		{"São Paulo", "SP", "Brazil", "America/Sao_Paulo"}, {"London", "", "United Kingdom", "Europe/London"},
		{"Zürich", "ZH", "Switzerland", "Europe/Zurich"}, {"Kyiv", "", "Ukraine", "Europe/Kyiv"},
	}
	seedWinZones = []string{"Eastern Standard Time", "Pacific Standard Time", "W. Europe Standard Time",
		"GMT Standard Time", "Tokyo Standard Time", "Central European Standard Time"}
)

// slug returns an ASCII, lower-case identifier for s.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '&':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		default:
			if a, ok := asciiFold[r]; ok {
				b.WriteString(a)
			}
		}
	}
	return strings.Trim(b.String(), "-")
}

var asciiFold = map[rune]string{'ä': "a", 'á': "a", 'à': "a", 'â': "a", 'ã': "a", 'å': "a", 'ç': "c", 'é': "e",
	'è': "e", 'ê': "e", 'ë': "e", 'í': "i", 'î': "i", 'ï': "i", 'ı': "i", 'ł': "l", 'ñ': "n", 'ó': "o", 'ö': "o",
	'ø': "o", 'ô': "o", 'ō': "o", 'ú': "u", 'ü': "u", 'û': "u", 'ß': "ss", 'š': "s", 'ž': "z", 'č': "c", 'ř': "r",
	'ý': "y", '\'': ""}

func pick[T any](g *rand.Rand, xs []T) T { return xs[g.IntN(len(xs))] }

// maybe returns sv(s) with probability p, else null.
func maybe(g *rand.Rand, p float64, s string) nstr {
	if g.Float64() < p {
		return sv(s)
	}
	return nstr{}
}

// seedGenerated generates the sized data of s, deterministically from g.
func (e *Emulator) seedGenerated(g *rand.Rand, s Seed) {
	start := e.cfg.start
	past := func(maxDays int) time.Time {
		return start.Add(-time.Duration(g.Int64N(int64(maxDays)*86400)) * time.Second).Truncate(time.Second)
	}
	users := e.users

	// Custom fields.
	cfTitles := []string{"Lead Source", "Score", "Région", "Budget", "Renewal Date", "Persona", "Tier", "Notes 2"}
	var cfIDs []int64
	for i := range s.CustomFields {
		id := e.nextID("customField")
		title := cfTitles[i%len(cfTitles)]
		if i >= len(cfTitles) {
			title = fmt.Sprintf("%s %d", title, i/len(cfTitles)+1)
		}
		ft := "text"
		if title == "Score" || title == "Budget" {
			ft = "number"
		}
		e.customFields.put(id, &customFieldRec{ID: id, Title: title, FieldType: ft, OrgWide: i%3 == 2})
		cfIDs = append(cfIDs, id)
	}

	// Accounts.
	var accIDs []int64
	for i := range s.Accounts {
		id := e.nextID("contactAccount")
		name := seedCompanies[i%len(seedCompanies)]
		if i >= len(seedCompanies) {
			name = fmt.Sprintf("%s %d", name, i/len(seedCompanies)+1)
		}
		loc := pick(g, seedCities)
		created := past(400)
		a := &accountRec{ID: id, OwnerUserID: pick(g, users).ID, Name: name,
			DomainName: sv(slug(name) + ".example"), Industry: maybe(g, 0.8, pick(g, seedIndustries)),
			Country: sv(loc.country), City: maybe(g, 0.7, loc.city), State: maybe(g, 0.4, loc.state),
			TimeZoneID: maybe(g, 0.5, loc.tz), Description: maybe(g, 0.3, "Seeded account "+name),
			LinkedInURL: maybe(g, 0.5, "https://www.linkedin.com/company/"+slug(name)),
			CompanySize: maybe(g, 0.7, pick(g, accountCompanySizes)), CreatedDate: created,
			LastActivityDate: created.Add(time.Duration(g.Int64N(int64(start.Sub(created)/time.Second)+1)) * time.Second)}
		e.accounts.put(id, a)
		accIDs = append(accIDs, id)
	}

	// Contact lists.
	var listIDs []int64
	for i := range s.ContactLists {
		id := e.nextID("contactList")
		names := []string{"Prospects Q1", "Événements 2026", "Webinar attendees", "Key accounts", "Cold leads"}
		name := names[i%len(names)]
		if i >= len(names) {
			name = fmt.Sprintf("%s %d", name, i/len(names)+1)
		}
		e.contactLists.put(id, &contactListRec{ID: id, Name: name, IsShared: i%2 == 1, OwnerUserID: users[0].ID})
		listIDs = append(listIDs, id)
	}

	// Contacts.
	e.contacts.ids = make([]int64, 0, s.Contacts)
	e.contacts.m = make(map[int64]*contactRec, s.Contacts)
	e.contactEmails = make(map[string]int64, s.Contacts)
	slugs := map[string]string{}
	slugOf := func(x string) string {
		v, ok := slugs[x]
		if !ok {
			v = slug(x)
			slugs[x] = v
		}
		return v
	}
	recs := make([]contactRec, s.Contacts) // one allocation for the lot
	for i := range s.Contacts {
		r := &recs[i]
		r.ID = e.nextID("contact")
		first, last := pick(g, seedFirst), pick(g, seedLast)
		company := pick(g, seedCompanies)
		loc := pick(g, seedCities)
		local := slugOf(first) + "." + slugOf(last)
		if local == "." || strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") {
			local = "contact"
		}
		email := local + "." + itoa(r.ID) + "@" + slugOf(company) + ".example"
		r.FirstName, r.LastName, r.Company = sv(first), maybe(g, 0.95, last), maybe(g, 0.9, company)
		r.Title = maybe(g, 0.8, pick(g, seedTitles))
		r.Industry = maybe(g, 0.5, pick(g, seedIndustries))
		r.City, r.State, r.Country = maybe(g, 0.7, loc.city), maybe(g, 0.4, loc.state), maybe(g, 0.8, loc.country)
		r.TimeZoneID = maybe(g, 0.6, loc.tz)
		if g.Float64() < 0.9 {
			r.Email = sv(email)
			e.contactEmails[email] = r.ID // already lower-case
		}
		if !r.Email.Valid || g.Float64() < 0.5 {
			r.LinkedInURL = sv("https://www.linkedin.com/in/" + slugOf(first) + "-" + slugOf(last) + "-" + itoa(r.ID))
		}
		r.Phone = maybe(g, 0.4, fmt.Sprintf("+1 555 %03d %04d", g.IntN(1000), g.IntN(10000)))
		r.PhoneStatus = "notValidated"
		if r.Phone.Valid {
			r.PhoneStatus = pick(g, []string{"valid", "invalid", "pending", "notValidated"})
		}
		if g.Float64() < 0.1 {
			r.Notes = sv("Met at the conference — follow up ✔")
		}
		if g.Float64() < 0.6 {
			r.CompanySize = pick(g, companySizes)
		}
		r.OwnerUserID = pick(g, users).ID
		r.CallStatus, r.MeetingStatus = "none", "none"
		if g.Float64() < 0.05 {
			r.CallStatus = pick(g, []string{"toCall", "called"})
		}
		if g.Float64() < 0.03 {
			r.MeetingStatus = "meetingBooked"
		}
		r.IsOptedOut = g.Float64() < 0.02
		r.CreatedAt = past(365)
		r.AddingDate = r.CreatedAt
		r.LastModifiedAt = r.CreatedAt
		if g.Float64() < 0.5 {
			r.LastModifiedAt = r.CreatedAt.Add(time.Duration(g.Int64N(int64(start.Sub(r.CreatedAt)/time.Second)+1)) * time.Second)
		}
		if len(accIDs) > 0 && g.Float64() < 0.6 {
			r.AccountID = pick(g, accIDs)
			a, _ := e.accounts.get(r.AccountID)
			a.Contacts++
		}
		for _, id := range cfIDs {
			if g.Float64() < 0.5 {
				f, _ := e.customFields.get(id)
				v := pick(g, []string{"Website", "Referral", "Event", "Outbound", "Partner"})
				if f.FieldType == "number" {
					v = fmt.Sprint(g.IntN(1000))
				}
				r.CustomFields = append(r.CustomFields, cfValue{ID: id, Value: sv(v)})
			}
		}
		if len(listIDs) > 0 && g.Float64() < 0.3 {
			r.ListIDs = []int64{pick(g, listIDs)}
		}
		e.contacts.ids = append(e.contacts.ids, r.ID)
		e.contacts.m[r.ID] = r
	}

	// Blacklist rules.
	for _, kind := range blacklistKinds {
		for i := range s.BlacklistRules {
			id := e.nextID("blacklist-" + kind.path)
			var p string
			switch kind.path {
			case "domains":
				p = fmt.Sprintf("blocked%d.example", i+1)
			case "emails":
				p = fmt.Sprintf("do-not-contact%d@example.com", i+1)
			default:
				p = fmt.Sprintf("always-ok%d@blocked1.example", i+1)
			}
			e.blacklistStore(kind.path).put(id, &blacklistRec{ID: id, Pattern: p})
		}
	}

	// Email accounts.
	for i := range s.EmailAccounts {
		id := e.nextID("emailAccount")
		u := users[i%len(users)]
		typ := []string{"gmail", "outlook", "custom"}[i%3]
		local, _, _ := strings.Cut(u.Email, "@")
		addr := fmt.Sprintf("%s.%d@outreach.example", local, i+1)
		a := &emailAccountRec{ID: id, OwnerUserID: u.ID, Type: typ, IsDefault: i < len(users),
			ConnectionStatus: "connected", Tags: []string{}, UpdatedAt: past(90),
			Connection: emailConnection{Email: addr, SenderName: sv(u.Name), SmtpHost: "smtp.outreach.example",
				SmtpPort: 587, SmtpSsl: true, ImapHost: "imap.outreach.example", ImapPort: 993, ImapSsl: true},
			Safety:       emailSafety{DailyLimit: 50 + 10*g.IntN(10)},
			RampUp:       emailRampUp{StartValue: 5, IncrementValue: 2},
			OptOut:       emailOptOut{IsOptOutLinkEnabled: true, Message: sv("Reply STOP to unsubscribe.")},
			SmtpPassword: "seeded", ImapPassword: "seeded"}
		if i%4 == 3 {
			a.ConnectionStatus = "disconnected"
			a.SendingConnectivityError = sv("Authentication failed.")
		}
		if i%2 == 0 {
			a.Tags = []string{"primary"}
		}
		e.emailAccounts.put(id, a)
	}

	// LinkedIn accounts.
	for i := range s.LinkedInAccounts {
		id := e.nextID("linkedInAccount")
		u := users[i%len(users)]
		e.linkedInAccounts.put(id, &linkedInAccountRec{ID: id, Name: u.Name, Status: []string{"enabled", "enabled", "disabled", "cookieInvalid"}[i%4],
			ProfileURL: sv(fmt.Sprintf("https://www.linkedin.com/in/%s", slug(u.Name))), OwnerUserID: u.ID,
			AccountType: sv([]string{"salesNavigator", "public", "premium"}[i%3]), AuthType: "cookie", CookieStatus: "valid",
			RevokeDays: 30})
	}

	// Email templates (in the default personal folder and the team folder).
	for i := range s.EmailTemplates {
		id := e.nextID("emailTemplate")
		folder := e.defaultFolder("personal")
		if i%2 == 1 {
			folder = e.defaultFolder("team")
		}
		t := past(200)
		e.templates.put(id, &templateRec{ID: id, Name: fmt.Sprintf("Template %d — %s", i+1, pick(g, []string{"Intro", "Follow-up", "Break-up", "Relance"})),
			Subject: maybe(g, 0.9, "Quick question, {{firstName}}"), Body: "<p>Hi {{firstName}},</p><p>Seeded body №" + fmt.Sprint(i+1) + ".</p>",
			FolderID: folder.ID, FolderType: folder.FolderType, AttachmentIDs: []int64{}, CreatedAt: t, UpdatedAt: t.Add(time.Hour)})
	}

	// Schedules.
	for i := range s.Schedules {
		id := e.nextID("schedule")
		var main, follow []timing
		for d, day := range weekDays {
			if d < 5 || g.Float64() < 0.3 {
				ranges := []timeRange{{FromTime: hm{8 + g.IntN(2), 0}, ToTime: hm{12, 30}}}
				if g.Float64() < 0.7 {
					ranges = append(ranges, timeRange{FromTime: hm{13, 30}, ToTime: hm{17 + g.IntN(2), 0}})
				}
				main = append(main, timing{WeekDay: day, IsActive: d < 5, TimeRanges: ranges})
			}
			if d < 5 {
				follow = append(follow, timing{WeekDay: day, IsActive: true, TimeRanges: []timeRange{{FromTime: hm{10, 0}, ToTime: hm{16, 0}}}})
			}
		}
		e.schedules.put(id, &scheduleRec{ID: id, Name: fmt.Sprintf("Schedule %d (%s)", i+1, pick(g, []string{"EMEA", "Americas", "APAC"})),
			TimezoneID: pick(g, seedWinZones), ExcludeHolidays: g.Float64() < 0.5, UseProspectTimezone: g.Float64() < 0.5,
			UseFollowUpSchedule: i%2 == 0, MainTimings: main, FollowUpTimings: follow})
	}

	// Holiday calendars.
	for i := range s.HolidayCalendars {
		id := e.nextID("holidayCalendar")
		year := start.Year()
		hs := []holidayRec{
			{ID: e.nextID("holiday"), StartDate: time.Date(year, 12, 24, 0, 0, 0, 0, time.UTC), EndDate: time.Date(year, 12, 26, 0, 0, 0, 0, time.UTC), Name: "Noël / Christmas"},
			{ID: e.nextID("holiday"), StartDate: time.Date(year, 5, 1, 0, 0, 0, 0, time.UTC), EndDate: time.Date(year, 5, 1, 0, 0, 0, 0, time.UTC), Name: "Tag der Arbeit"},
		}
		e.holidayCalendars.put(id, &holidayCalendarRec{ID: id, Name: fmt.Sprintf("Company holidays %d", i+1), CalendarType: "custom", RepeatEveryYear: i%2 == 0, Holidays: hs})
		if sch, ok := e.schedules.get(e.schedules.ids[0]); ok && i == 0 {
			sch.CalendarIDs = append(sch.CalendarIDs, id)
		}
	}

	e.seedSequencesHook(g, s)

	// Tasks (user-created; sequence tasks are seeded by the sequences side).
	types := []string{"toDo", "call", "meeting", "linkedIn", "manualEmail", "sms", "whatsApp"}
	for i := range s.Tasks {
		id := e.nextID("task")
		typ := types[i%len(types)]
		t := &taskRec{ID: id, TaskType: typ, Status: "new", AssignedUserID: pick(g, users).ID, CreationSource: "user",
			Body: "Follow up with {{firstName}} at {{company}}", CreatedAt: past(30)}
		t.StartAt = t.CreatedAt.Add(time.Duration(g.IntN(72)) * time.Hour)
		t.DueTo = t.StartAt.Add(time.Duration(1+g.IntN(48)) * time.Hour)
		if typ == "linkedIn" {
			t.LinkedInTaskType = sv(pick(g, []string{"message", "connect", "inMail", "viewProfile"}))
		}
		if typ == "manualEmail" {
			t.Subject = sv("Following up")
		}
		if typ != "toDo" && s.Contacts > 0 {
			t.ContactID = e.contacts.ids[g.IntN(len(e.contacts.ids))]
		}
		if g.Float64() < 0.2 && t.StartAt.Before(start) {
			t.Status, t.FinishedAt = "finished", t.StartAt.Add(time.Hour)
		}
		e.tasks.put(id, t)
	}

	// Webhooks (to a closed local port: deliveries fail and are logged).
	for i := range s.Webhooks {
		id := e.nextID("webhook")
		e.webhooks.put(id, &webhookRec{ID: id, EventType: eventTypes[i%len(eventTypes)], URL: fmt.Sprintf("http://127.0.0.1:9/hooks/%d", i+1),
			Scope: "personal", Enabled: i%3 != 2, CreatedAt: past(60), OwnerUserID: users[0].ID})
	}
}

var weekDays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// seedSequencesHook seeds the sequences side (seed_sequences.go).
func (e *Emulator) seedSequencesHook(g *rand.Rand, s Seed) { e.seedSequences(g, s) }

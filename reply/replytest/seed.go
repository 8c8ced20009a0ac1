package replytest

import (
	"math/rand/v2"
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

// seedGenerated generates the sized data of s.
func (e *Emulator) seedGenerated(g *rand.Rand, s Seed) {}

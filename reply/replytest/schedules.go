package replytest

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// hm is an hour/minute object.
type hm struct {
	Hour   int `json:"hour"`
	Minute int `json:"minute"`
}

type timeRange struct {
	FromTime hm `json:"fromTime"`
	ToTime   hm `json:"toTime"`
}

type timing struct {
	WeekDay    string      `json:"weekDay"`
	IsActive   bool        `json:"isActive"`
	TimeRanges []timeRange `json:"timeRanges"`
}

// scheduleRec is a stored schedule.
type scheduleRec struct {
	ID                  int64
	Name                string
	TimezoneID          string
	ExcludeHolidays     bool
	UseProspectTimezone bool
	UseFollowUpSchedule bool
	MainTimings         []timing
	FollowUpTimings     []timing
	IsDefault           bool
	CalendarIDs         []int64
}

// schedule returns the schedule with the given id.
func (e *Emulator) schedule(id int64) (*scheduleRec, bool) { return e.schedules.get(id) }

// windowsZones are the Windows time-zone ids of CLDR's windowsZones table.
var windowsZones = []string{"Dateline Standard Time", "UTC-11", "Aleutian Standard Time", "Hawaiian Standard Time",
	"Marquesas Standard Time", "Alaskan Standard Time", "UTC-09", "Pacific Standard Time (Mexico)", "UTC-08",
	"Pacific Standard Time", "US Mountain Standard Time", "Mountain Standard Time (Mexico)", "Mountain Standard Time",
	"Yukon Standard Time", "Central America Standard Time", "Central Standard Time", "Easter Island Standard Time",
	"Central Standard Time (Mexico)", "Canada Central Standard Time", "SA Pacific Standard Time",
	"Eastern Standard Time (Mexico)", "Eastern Standard Time", "Haiti Standard Time", "Cuba Standard Time",
	"US Eastern Standard Time", "Turks And Caicos Standard Time", "Paraguay Standard Time", "Atlantic Standard Time",
	"Venezuela Standard Time", "Central Brazilian Standard Time", "SA Western Standard Time",
	"Pacific SA Standard Time", "Newfoundland Standard Time", "Tocantins Standard Time",
	"E. South America Standard Time", "SA Eastern Standard Time", "Argentina Standard Time",
	"Greenland Standard Time", "Montevideo Standard Time", "Magallanes Standard Time", "Saint Pierre Standard Time",
	"Bahia Standard Time", "UTC-02", "Mid-Atlantic Standard Time", "Azores Standard Time", "Cape Verde Standard Time",
	"UTC", "GMT Standard Time", "Greenwich Standard Time", "Sao Tome Standard Time", "Morocco Standard Time",
	"W. Europe Standard Time", "Central Europe Standard Time", "Romance Standard Time",
	"Central European Standard Time", "W. Central Africa Standard Time", "Jordan Standard Time",
	"GTB Standard Time", "Middle East Standard Time", "Egypt Standard Time", "E. Europe Standard Time",
	"Syria Standard Time", "West Bank Standard Time", "South Africa Standard Time", "FLE Standard Time",
	"Israel Standard Time", "South Sudan Standard Time", "Kaliningrad Standard Time", "Sudan Standard Time",
	"Libya Standard Time", "Namibia Standard Time", "Arabic Standard Time", "Turkey Standard Time",
	"Arab Standard Time", "Belarus Standard Time", "Russian Standard Time", "E. Africa Standard Time",
	"Volgograd Standard Time", "Iran Standard Time", "Arabian Standard Time", "Astrakhan Standard Time",
	"Azerbaijan Standard Time", "Russia Time Zone 3", "Mauritius Standard Time", "Saratov Standard Time",
	"Georgian Standard Time", "Caucasus Standard Time", "Afghanistan Standard Time", "West Asia Standard Time",
	"Qyzylorda Standard Time", "Ekaterinburg Standard Time", "Pakistan Standard Time", "India Standard Time",
	"Sri Lanka Standard Time", "Nepal Standard Time", "Central Asia Standard Time", "Bangladesh Standard Time",
	"Omsk Standard Time", "Myanmar Standard Time", "SE Asia Standard Time", "Altai Standard Time",
	"W. Mongolia Standard Time", "North Asia Standard Time", "N. Central Asia Standard Time", "Tomsk Standard Time",
	"China Standard Time", "North Asia East Standard Time", "Singapore Standard Time", "W. Australia Standard Time",
	"Taipei Standard Time", "Ulaanbaatar Standard Time", "Aus Central W. Standard Time", "Transbaikal Standard Time",
	"Tokyo Standard Time", "North Korea Standard Time", "Korea Standard Time", "Yakutsk Standard Time",
	"Cen. Australia Standard Time", "AUS Central Standard Time", "E. Australia Standard Time",
	"AUS Eastern Standard Time", "West Pacific Standard Time", "Tasmania Standard Time", "Vladivostok Standard Time",
	"Lord Howe Standard Time", "Bougainville Standard Time", "Russia Time Zone 10", "Magadan Standard Time",
	"Norfolk Standard Time", "Sakhalin Standard Time", "Central Pacific Standard Time", "Russia Time Zone 11",
	"New Zealand Standard Time", "UTC+12", "Fiji Standard Time", "Kamchatka Standard Time",
	"Chatham Islands Standard Time", "UTC+13", "Tonga Standard Time", "Samoa Standard Time",
	"Line Islands Standard Time"}

type scheduleJSON struct {
	ID                  int64    `json:"id"`
	Name                string   `json:"name"`
	TimezoneID          string   `json:"timezoneId"`
	ExcludeHolidays     bool     `json:"excludeHolidays"`
	UseProspectTimezone bool     `json:"useProspectTimezone"`
	UseFollowUpSchedule bool     `json:"useFollowUpSchedule"`
	MainTimings         []timing `json:"mainTimings"`
	FollowUpTimings     []timing `json:"followUpTimings"`
	IsDefault           bool     `json:"isDefault"`
	Status              string   `json:"status"`
}

func nonNilTimings(t []timing) []timing {
	if t == nil {
		return []timing{}
	}
	out := make([]timing, len(t))
	for i, x := range t {
		if x.TimeRanges == nil {
			x.TimeRanges = []timeRange{}
		}
		out[i] = x
	}
	return out
}

func schedJSON(s *scheduleRec) scheduleJSON {
	return scheduleJSON{ID: s.ID, Name: s.Name, TimezoneID: s.TimezoneID, ExcludeHolidays: s.ExcludeHolidays,
		UseProspectTimezone: s.UseProspectTimezone, UseFollowUpSchedule: s.UseFollowUpSchedule,
		MainTimings: nonNilTimings(s.MainTimings), FollowUpTimings: nonNilTimings(s.FollowUpTimings),
		IsDefault: s.IsDefault, Status: "active"}
}

type hmIn struct {
	Hour   *int `json:"hour"`
	Minute *int `json:"minute"`
}

type timingIn struct {
	WeekDay    *string `json:"weekDay"`
	IsActive   *bool   `json:"isActive"`
	TimeRanges []struct {
		FromTime *hmIn `json:"fromTime"`
		ToTime   *hmIn `json:"toTime"`
	} `json:"timeRanges"`
}

type scheduleWrite struct {
	Name                *string    `json:"name"`
	TimezoneID          *string    `json:"timezoneId"`
	ExcludeHolidays     bool       `json:"excludeHolidays"`
	UseProspectTimezone bool       `json:"useProspectTimezone"`
	UseFollowUpSchedule bool       `json:"useFollowUpSchedule"`
	MainTimings         []timingIn `json:"mainTimings"`
	FollowUpTimings     []timingIn `json:"followUpTimings"`
}

func checkHM(p string, v *hmIn, errs *[]fieldError) (hm, bool) {
	if v == nil {
		*errs = append(*errs, fieldError{p, "Field is required."})
		return hm{}, false
	}
	ok := true
	if v.Hour == nil {
		*errs = append(*errs, fieldError{p + "/hour", "Field is required."})
		ok = false
	} else if *v.Hour < 0 || *v.Hour > 23 {
		*errs = append(*errs, fieldError{p + "/hour", "The field hour must be between 0 and 23."})
		ok = false
	}
	if v.Minute == nil {
		*errs = append(*errs, fieldError{p + "/minute", "Field is required."})
		ok = false
	} else if *v.Minute < 0 || *v.Minute > 59 {
		*errs = append(*errs, fieldError{p + "/minute", "The field minute must be between 0 and 59."})
		ok = false
	}
	if !ok {
		return hm{}, false
	}
	return hm{*v.Hour, *v.Minute}, true
}

// checkTimings validates timings and returns them in Monday→Sunday order.
func checkTimings(member string, in []timingIn, errs *[]fieldError) []timing {
	var out []timing
	seen := map[string]bool{}
	for i, t := range in {
		p := "/" + member + "/" + strconv.Itoa(i)
		var day string
		if t.WeekDay == nil {
			*errs = append(*errs, fieldError{p + "/weekDay", "Field is required."})
		} else if d, ok := enumValue(*t.WeekDay, weekDays); !ok {
			*errs = append(*errs, fieldError{p + "/weekDay", "Value has an invalid format."})
		} else if seen[d] {
			*errs = append(*errs, fieldError{p + "/weekDay", "Each week day may appear only once."})
		} else {
			day = d
			seen[d] = true
		}
		if t.IsActive == nil {
			*errs = append(*errs, fieldError{p + "/isActive", "Field is required."})
		}
		tm := timing{WeekDay: day, IsActive: t.IsActive != nil && *t.IsActive, TimeRanges: []timeRange{}}
		for j, r := range t.TimeRanges {
			rp := p + "/timeRanges/" + strconv.Itoa(j)
			from, ok1 := checkHM(rp+"/fromTime", r.FromTime, errs)
			to, ok2 := checkHM(rp+"/toTime", r.ToTime, errs)
			if ok1 && ok2 && to.Hour*60+to.Minute <= from.Hour*60+from.Minute {
				*errs = append(*errs, fieldError{rp + "/toTime", "toTime must be later than fromTime."})
			}
			tm.TimeRanges = append(tm.TimeRanges, timeRange{from, to})
		}
		out = append(out, tm)
	}
	slices.SortStableFunc(out, func(a, b timing) int { return slices.Index(weekDays, a.WeekDay) - slices.Index(weekDays, b.WeekDay) })
	return out
}

func (e *Emulator) registerScheduleRoutes() {
	e.route("GET /v3/schedules", "schedules.list", func(c *call) {
		out := []scheduleJSON{}
		for _, s := range e.schedules.all() {
			out = append(out, schedJSON(s))
		}
		c.json(http.StatusOK, out)
	})
	e.route("POST /v3/schedules", "schedules.create", func(c *call) { e.writeSchedule(c, nil) })
	e.route("GET /v3/schedules/{id}", "schedules.get", func(c *call) {
		if s, ok := e.scheduleByPath(c); ok {
			c.json(http.StatusOK, schedJSON(s))
		}
	})
	e.route("PUT /v3/schedules/{id}", "schedules.update", func(c *call) {
		if _, ok := c.pathID("id"); ok {
			e.writeSchedule(c, func() (*scheduleRec, bool) { return e.scheduleByPath(c) })
		}
	})
	e.route("DELETE /v3/schedules/{id}", "schedules.delete", func(c *call) {
		s, ok := e.scheduleByPath(c)
		if !ok {
			return
		}
		if s.IsDefault || e.scheduleInUseBySequence(s.ID) {
			c.problem(http.StatusForbidden, "schedule.deleteRejected", "The schedule is in use by a sequence or is a default schedule.")
			return
		}
		e.schedules.del(s.ID)
		c.noContent()
	})
	e.route("POST /v3/schedules/{id}/set-default", "schedules.setDefault", func(c *call) {
		s, ok := e.scheduleByPath(c)
		if !ok {
			return
		}
		for _, x := range e.schedules.all() {
			x.IsDefault = x.ID == s.ID
		}
		c.noContent()
	})
	e.route("GET /v3/schedules/{id}/holiday-calendars", "schedules.holidayCalendars", func(c *call) {
		s, ok := e.scheduleByPath(c)
		if !ok {
			return
		}
		out := []holidayCalendarBaseJSON{}
		for _, id := range s.CalendarIDs {
			if h, ok := e.holidayCalendars.get(id); ok {
				out = append(out, holidayBase(h))
			}
		}
		c.json(http.StatusOK, out)
	})
	e.route("POST /v3/schedules/{id}/holiday-calendar-links", "schedules.linkHolidayCalendar", func(c *call) {
		s, ok := e.scheduleByPath(c)
		if !ok {
			return
		}
		var b struct {
			CalendarID *int64 `json:"calendarId"`
		}
		if !c.decode(&b) {
			return
		}
		if b.CalendarID == nil {
			c.invalid(fieldError{"/calendarId", "Field is required."})
			return
		}
		if _, ok := e.holidayCalendars.get(*b.CalendarID); !ok {
			c.problem(http.StatusNotFound, "scheduleHolidayCalendarLink.holidayCalendarNotFound", "Holiday calendar "+itoa(*b.CalendarID)+" not found.")
			return
		}
		if slices.Contains(s.CalendarIDs, *b.CalendarID) {
			c.problem(http.StatusConflict, "scheduleHolidayCalendarLink.alreadyLinked", "The holiday calendar is already linked to the schedule.")
			return
		}
		s.CalendarIDs = append(s.CalendarIDs, *b.CalendarID)
		c.w.WriteHeader(http.StatusCreated)
	})
	e.route("DELETE /v3/schedules/{id}/holiday-calendar-links/{calendarId}", "schedules.unlinkHolidayCalendar", func(c *call) {
		s, ok := e.scheduleByPath(c)
		if !ok {
			return
		}
		cid, ok := c.pathID("calendarId")
		if !ok {
			return
		}
		i := slices.Index(s.CalendarIDs, cid)
		if i < 0 {
			c.problem(http.StatusNotFound, "scheduleHolidayCalendarLink.linkNotFound", "The holiday calendar is not linked to the schedule.")
			return
		}
		s.CalendarIDs = slices.Delete(s.CalendarIDs, i, i+1)
		c.noContent()
	})
}

func (e *Emulator) scheduleByPath(c *call) (*scheduleRec, bool) {
	id, ok := c.pathID("id")
	if !ok {
		return nil, false
	}
	s, ok := e.schedules.get(id)
	if !ok {
		c.problem(http.StatusNotFound, "schedule.notFound", "Schedule with ID "+itoa(id)+" not found.")
	}
	return s, ok
}

// writeSchedule creates (s == nil) or fully replaces a schedule.
// The record to replace is looked up (lookup non-nil) once the body is valid: validation 400 before 404 (§1.6).
func (e *Emulator) writeSchedule(c *call, lookup func() (*scheduleRec, bool)) {
	var w scheduleWrite
	if !c.decode(&w) {
		return
	}
	var errs []fieldError
	if w.Name == nil || strings.TrimSpace(*w.Name) == "" {
		errs = append(errs, fieldError{"/name", "Field is required."})
	}
	var tz string
	if w.TimezoneID == nil || *w.TimezoneID == "" {
		errs = append(errs, fieldError{"/timezoneId", "Field is required."})
	} else if z, ok := enumValue(*w.TimezoneID, windowsZones); !ok {
		errs = append(errs, fieldError{"/timezoneId", "'" + *w.TimezoneID + "' is not a valid Windows time zone id."})
	} else {
		tz = z
	}
	main := checkTimings("mainTimings", w.MainTimings, &errs)
	follow := checkTimings("followUpTimings", w.FollowUpTimings, &errs)
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	if len(c.pending) > 0 {
		return
	}
	var s *scheduleRec
	if lookup != nil {
		var ok bool
		if s, ok = lookup(); !ok {
			return
		}
	}
	name := strings.TrimSpace(*w.Name)
	var self int64
	if s != nil {
		self = s.ID
	}
	for id, x := range e.schedules.all() {
		if id != self && strings.EqualFold(x.Name, name) {
			c.problem(http.StatusConflict, "schedule.duplicateName", "A schedule named '"+name+"' already exists.")
			return
		}
	}
	create := s == nil
	if create {
		s = &scheduleRec{ID: e.nextID("schedule")}
	}
	s.Name, s.TimezoneID, s.ExcludeHolidays, s.UseProspectTimezone, s.UseFollowUpSchedule = name, tz, w.ExcludeHolidays, w.UseProspectTimezone, w.UseFollowUpSchedule
	s.MainTimings, s.FollowUpTimings = main, follow
	if create {
		e.schedules.put(s.ID, s)
		c.created(schedJSON(s))
		return
	}
	c.json(http.StatusOK, schedJSON(s))
}

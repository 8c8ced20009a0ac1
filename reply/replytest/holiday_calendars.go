package replytest

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

type holidayRec struct {
	ID        int64
	StartDate time.Time
	EndDate   time.Time
	Name      string
}

// holidayCalendarRec is a stored holiday calendar.
type holidayCalendarRec struct {
	ID              int64
	Name            string
	CalendarType    string // predefined, custom
	CountryCode     nstr
	RepeatEveryYear bool
	Holidays        []holidayRec
}

type holidayCalendarBaseJSON struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	CalendarType string `json:"calendarType"`
	CountryCode  nstr   `json:"countryCode"`
}

type holidayJSON struct {
	ID        int64    `json:"id"`
	StartDate dateOnly `json:"startDate"`
	EndDate   dateOnly `json:"endDate"`
	Name      string   `json:"name"`
}

type holidayCalendarJSON struct {
	holidayCalendarBaseJSON
	RepeatEveryYear bool          `json:"repeatEveryYear"`
	Holidays        []holidayJSON `json:"holidays"`
}

func holidayBase(h *holidayCalendarRec) holidayCalendarBaseJSON {
	return holidayCalendarBaseJSON{ID: h.ID, Name: h.Name, CalendarType: h.CalendarType, CountryCode: h.CountryCode}
}

func holidayDetail(h *holidayCalendarRec) holidayCalendarJSON {
	j := holidayCalendarJSON{holidayCalendarBaseJSON: holidayBase(h), RepeatEveryYear: h.RepeatEveryYear, Holidays: []holidayJSON{}}
	for _, x := range h.Holidays {
		j.Holidays = append(j.Holidays, holidayJSON{x.ID, dateOnly(x.StartDate), dateOnly(x.EndDate), x.Name})
	}
	return j
}

func (e *Emulator) registerHolidayCalendarRoutes() {
	e.route("GET /v3/holiday-calendars", "holidayCalendars.list", func(c *call) {
		out := []holidayCalendarBaseJSON{}
		for _, h := range e.holidayCalendars.all() {
			out = append(out, holidayBase(h))
		}
		c.json(http.StatusOK, out)
	})
	e.route("POST /v3/holiday-calendars", "holidayCalendars.create", func(c *call) { e.writeHolidayCalendar(c, nil) })
	e.route("GET /v3/holiday-calendars/{id}", "holidayCalendars.get", func(c *call) {
		if h, ok := e.holidayByPath(c); ok {
			c.json(http.StatusOK, holidayDetail(h))
		}
	})
	e.route("PUT /v3/holiday-calendars/{id}", "holidayCalendars.update", func(c *call) {
		if _, ok := c.pathID("id"); ok {
			e.writeHolidayCalendar(c, func() (*holidayCalendarRec, bool) { return e.holidayByPath(c) })
		}
	})
	e.route("DELETE /v3/holiday-calendars/{id}", "holidayCalendars.delete", func(c *call) {
		h, ok := e.holidayByPath(c)
		if !ok {
			return
		}
		if h.CalendarType != "custom" {
			c.problem(http.StatusForbidden, "holidayCalendar.notCustomCalendar", "Predefined calendars cannot be changed.")
			return
		}
		for _, s := range e.schedules.all() {
			for i, id := range s.CalendarIDs {
				if id == h.ID {
					s.CalendarIDs = append(s.CalendarIDs[:i:i], s.CalendarIDs[i+1:]...)
					break
				}
			}
		}
		e.holidayCalendars.del(h.ID)
		c.noContent()
	})
}

func (e *Emulator) holidayByPath(c *call) (*holidayCalendarRec, bool) {
	id, ok := c.pathID("id")
	if !ok {
		return nil, false
	}
	h, ok := e.holidayCalendars.get(id)
	if !ok {
		c.problem(http.StatusNotFound, "holidayCalendar.notFound", "Holiday calendar with ID "+itoa(id)+" not found.")
	}
	return h, ok
}

// The record to replace is looked up (lookup non-nil) once the body is valid: validation 400 before 404 (§1.6).
func (e *Emulator) writeHolidayCalendar(c *call, lookup func() (*holidayCalendarRec, bool)) {
	var w struct {
		Name            *string `json:"name"`
		RepeatEveryYear bool    `json:"repeatEveryYear"`
		Holidays        []struct {
			StartDate *string `json:"startDate"`
			EndDate   *string `json:"endDate"`
			Name      *string `json:"name"`
		} `json:"holidays"`
	}
	if !c.decode(&w) {
		return
	}
	var errs []fieldError
	if w.Name == nil || strings.TrimSpace(*w.Name) == "" {
		errs = append(errs, fieldError{"/name", "Field is required."})
	}
	var hs []holidayRec
	for i, x := range w.Holidays {
		p := "/holidays/" + strconv.Itoa(i)
		var r holidayRec
		for _, f := range []struct {
			v    *string
			name string
			dst  *time.Time
		}{{x.StartDate, "startDate", &r.StartDate}, {x.EndDate, "endDate", &r.EndDate}} {
			if f.v == nil {
				errs = append(errs, fieldError{p + "/" + f.name, "Field is required."})
				continue
			}
			t, ok := parseTime(*f.v)
			if !ok {
				errs = append(errs, fieldError{p + "/" + f.name, "Value has an invalid format."})
				continue
			}
			*f.dst = t.Truncate(24 * time.Hour)
		}
		if x.Name == nil || strings.TrimSpace(*x.Name) == "" {
			errs = append(errs, fieldError{p + "/name", "Field is required."})
		} else {
			r.Name = strings.TrimSpace(*x.Name)
		}
		if !r.StartDate.IsZero() && !r.EndDate.IsZero() && r.EndDate.Before(r.StartDate) {
			errs = append(errs, fieldError{p + "/endDate", "endDate must not be before startDate."})
		}
		hs = append(hs, r)
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	if len(c.pending) > 0 {
		return
	}
	var h *holidayCalendarRec
	if lookup != nil {
		var ok bool
		if h, ok = lookup(); !ok {
			return
		}
	}
	if h != nil && h.CalendarType != "custom" {
		c.problem(http.StatusForbidden, "holidayCalendar.notCustomCalendar", "Predefined calendars cannot be changed.")
		return
	}
	name := strings.TrimSpace(*w.Name)
	for id, x := range e.holidayCalendars.all() {
		if (h == nil || id != h.ID) && strings.EqualFold(x.Name, name) {
			c.problem(http.StatusConflict, "holidayCalendar.duplicateName", "A holiday calendar named '"+name+"' already exists.")
			return
		}
	}
	for i := range hs {
		hs[i].ID = e.nextID("holiday")
	}
	create := h == nil
	if create {
		h = &holidayCalendarRec{ID: e.nextID("holidayCalendar"), CalendarType: "custom"}
	}
	h.Name, h.RepeatEveryYear, h.Holidays = name, w.RepeatEveryYear, hs
	if create {
		e.holidayCalendars.put(h.ID, h)
		c.created(holidayDetail(h))
		return
	}
	c.json(http.StatusOK, holidayDetail(h))
}

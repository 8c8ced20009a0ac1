package reply

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
)

// HolidayCalendarsService provides the calls of /v3/holiday-calendars (REFERENCE.md §2.9).
type HolidayCalendarsService service

// HolidayCalendar is a holiday calendar. The list leaves RepeatEveryYear and Holidays empty; Get fills them.
type HolidayCalendar struct {
	ID              ID        `json:"id"`
	Name            string    `json:"name"`
	CalendarType    string    `json:"calendarType"` // predefined, custom
	CountryCode     string    `json:"countryCode"`  // "" for custom calendars
	RepeatEveryYear bool      `json:"repeatEveryYear"`
	Holidays        []Holiday `json:"holidays,omitempty"`
}

// Holiday is one holiday of a calendar; dates are "YYYY-MM-DD" (a date-time as received, "2026-12-25T00:00:00Z",
// is cut to its date as written). Extra keeps unknown members.
type Holiday struct {
	ID        ID                         `json:"id,omitempty"` // read-only; reassigned on every update
	StartDate string                     `json:"startDate"`
	EndDate   string                     `json:"endDate"`
	Name      string                     `json:"name"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes a Holiday leniently (see the type's documentation).
func (h *Holiday) UnmarshalJSON(data []byte) error {
	type plain Holiday
	if err := json.Unmarshal(data, (*plain)(h)); err != nil {
		return err
	}
	h.StartDate, h.EndDate = dateOnly(h.StartDate), dateOnly(h.EndDate)
	var err error
	h.Extra, err = splitExtra(data, "id", "startDate", "endDate", "name")
	return err
}

// dateOnly cuts a date-time ("2026-12-25T00:00:00+00:00") to its date; other text is returned as is.
func dateOnly(s string) string {
	if len(s) > 10 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' || s[10] == 't' || s[10] == ' ') {
		return s[:10]
	}
	return s
}

// MarshalJSON encodes a Holiday, unknown members kept in Extra included.
func (h Holiday) MarshalJSON() ([]byte, error) {
	type plain Holiday
	data, err := json.Marshal(plain(h))
	if err != nil {
		return nil, err
	}
	return mergeExtra(data, h.Extra)
}

// HolidayCalendarWrite is the body of a create or update; Holidays replaces every holiday (ids are not sent).
type HolidayCalendarWrite struct {
	Name            string    `json:"name"`
	RepeatEveryYear bool      `json:"repeatEveryYear"`
	Holidays        []Holiday `json:"holidays"`
}

func (w HolidayCalendarWrite) clean() HolidayCalendarWrite {
	hs := make([]Holiday, len(w.Holidays))
	for i, h := range w.Holidays {
		h.ID = 0
		hs[i] = h
	}
	w.Holidays = hs
	return w
}

// List iterates over the calendars (short form; one request), capped at limit (0: all).
func (s *HolidayCalendarsService) List(ctx context.Context, limit int) iter.Seq2[HolidayCalendar, error] {
	return all(ctx, limit, s.All)
}

// All returns the team's custom calendars and Reply's country calendars (short form).
// A failure is an [*Error] (e.g. [ErrForbidden] without the scope).
func (s *HolidayCalendarsService) All(ctx context.Context) ([]HolidayCalendar, error) {
	return getArray[HolidayCalendar](ctx, s.c, "/v3/holiday-calendars", nil)
}

// Get returns the calendar with its holidays. The error wraps [ErrNotFound] if there is none.
func (s *HolidayCalendarsService) Get(ctx context.Context, id int64) (HolidayCalendar, error) {
	return getJSON[HolidayCalendar](ctx, s.c, "/v3/holiday-calendars/{id}", nil, itoa(id))
}

// Create creates a custom calendar.
// Invalid input is an [*Error] wrapping [ErrValidation] (with field pointers) or [ErrBadRequest].
func (s *HolidayCalendarsService) Create(ctx context.Context, w HolidayCalendarWrite) (HolidayCalendar, error) {
	return sendJSON[HolidayCalendar](ctx, s.c, http.MethodPost, "/v3/holiday-calendars", w.clean())
}

// Update replaces a custom calendar. A predefined calendar wraps [ErrForbidden].
func (s *HolidayCalendarsService) Update(ctx context.Context, id int64, w HolidayCalendarWrite) (HolidayCalendar, error) {
	return sendJSON[HolidayCalendar](ctx, s.c, http.MethodPut, "/v3/holiday-calendars/{id}", w.clean(), itoa(id))
}

// Delete deletes a custom calendar and detaches it from every schedule.
// The error wraps [ErrNotFound] if there is none.
func (s *HolidayCalendarsService) Delete(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/holiday-calendars/{id}", nil, itoa(id))
}

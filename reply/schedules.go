package reply

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
)

// SchedulesService provides the calls of /v3/schedules (REFERENCE.md §2.10).
type SchedulesService service

// Schedule is a sending schedule. TimezoneID is a Windows zone id ("Eastern Standard Time").
type Schedule struct {
	ID                  ID               `json:"id"`
	Name                string           `json:"name"`
	TimezoneID          string           `json:"timezoneId"`
	ExcludeHolidays     bool             `json:"excludeHolidays"`
	UseProspectTimezone bool             `json:"useProspectTimezone"`
	UseFollowUpSchedule bool             `json:"useFollowUpSchedule"`
	MainTimings         []ScheduleTiming `json:"mainTimings"`
	FollowUpTimings     []ScheduleTiming `json:"followUpTimings"`
	IsDefault           bool             `json:"isDefault"`
	Status              string           `json:"status"`
}

// ScheduleTiming is the sending hours of one weekday (Monday ... Sunday). Extra keeps unknown members, so that
// a timing read and written back round-trips.
type ScheduleTiming struct {
	WeekDay    string                     `json:"weekDay"`
	IsActive   bool                       `json:"isActive"`
	TimeRanges []TimeRange                `json:"timeRanges"`
	Extra      map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes a ScheduleTiming leniently (see the type's documentation).
func (t *ScheduleTiming) UnmarshalJSON(data []byte) error {
	type plain ScheduleTiming
	if err := json.Unmarshal(data, (*plain)(t)); err != nil {
		return err
	}
	var err error
	t.Extra, err = splitExtra(data, "weekDay", "isActive", "timeRanges")
	return err
}

// MarshalJSON encodes a ScheduleTiming, unknown members kept in Extra included.
func (t ScheduleTiming) MarshalJSON() ([]byte, error) {
	type plain ScheduleTiming
	data, err := json.Marshal(plain(t))
	if err != nil {
		return nil, err
	}
	return mergeExtra(data, t.Extra)
}

// TimeRange is a span of a day. Extra keeps unknown members.
type TimeRange struct {
	FromTime TimeOfDay                  `json:"fromTime"`
	ToTime   TimeOfDay                  `json:"toTime"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes a TimeRange leniently (see the type's documentation).
func (r *TimeRange) UnmarshalJSON(data []byte) error {
	type plain TimeRange
	if err := json.Unmarshal(data, (*plain)(r)); err != nil {
		return err
	}
	var err error
	r.Extra, err = splitExtra(data, "fromTime", "toTime")
	return err
}

// MarshalJSON encodes a TimeRange, unknown members kept in Extra included.
func (r TimeRange) MarshalJSON() ([]byte, error) {
	type plain TimeRange
	data, err := json.Marshal(plain(r))
	if err != nil {
		return nil, err
	}
	return mergeExtra(data, r.Extra)
}

// TimeOfDay is an hour (0..23) and minute (0..59).
type TimeOfDay struct {
	Hour   int `json:"hour"`
	Minute int `json:"minute"`
}

// ScheduleWrite is the body of a create or of the full-replacement update.
type ScheduleWrite struct {
	Name                string           `json:"name"`
	TimezoneID          string           `json:"timezoneId"`
	ExcludeHolidays     bool             `json:"excludeHolidays"`
	UseProspectTimezone bool             `json:"useProspectTimezone"`
	UseFollowUpSchedule bool             `json:"useFollowUpSchedule"`
	MainTimings         []ScheduleTiming `json:"mainTimings"`
	FollowUpTimings     []ScheduleTiming `json:"followUpTimings"`
}

// Write returns the full-replacement body that keeps every mutable field of sc.
func (sc Schedule) Write() ScheduleWrite {
	return ScheduleWrite{Name: sc.Name, TimezoneID: sc.TimezoneID, ExcludeHolidays: sc.ExcludeHolidays,
		UseProspectTimezone: sc.UseProspectTimezone, UseFollowUpSchedule: sc.UseFollowUpSchedule,
		MainTimings: sc.MainTimings, FollowUpTimings: sc.FollowUpTimings}
}

// List iterates over the schedules (one request), capped at limit (0: all).
func (s *SchedulesService) List(ctx context.Context, limit int) iter.Seq2[Schedule, error] {
	return all(ctx, limit, s.All)
}

// All returns every schedule.
// A failure is an [*Error] (e.g. [ErrForbidden] without the scope).
func (s *SchedulesService) All(ctx context.Context) ([]Schedule, error) {
	return getArray[Schedule](ctx, s.c, "/v3/schedules", nil)
}

// Get returns the schedule. The error wraps [ErrNotFound] if there is none.
func (s *SchedulesService) Get(ctx context.Context, id int64) (Schedule, error) {
	return getJSON[Schedule](ctx, s.c, "/v3/schedules/{id}", nil, itoa(id))
}

// Create creates a schedule. A duplicate name wraps [ErrConflict].
func (s *SchedulesService) Create(ctx context.Context, w ScheduleWrite) (Schedule, error) {
	return sendJSON[Schedule](ctx, s.c, http.MethodPost, "/v3/schedules", w)
}

// Update replaces the schedule, both timing arrays included.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *SchedulesService) Update(ctx context.Context, id int64, w ScheduleWrite) (Schedule, error) {
	return sendJSON[Schedule](ctx, s.c, http.MethodPut, "/v3/schedules/{id}", w, itoa(id))
}

// Delete deletes the schedule. One in use wraps [ErrForbidden].
func (s *SchedulesService) Delete(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/schedules/{id}", nil, itoa(id))
}

// SetDefault makes the schedule the caller's default.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *SchedulesService) SetDefault(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodPost, "/v3/schedules/{id}/set-default", nil, itoa(id))
}

// HolidayCalendars returns the calendars linked to the schedule (short form).
// The error wraps [ErrNotFound] if there is none.
func (s *SchedulesService) HolidayCalendars(ctx context.Context, id int64) ([]HolidayCalendar, error) {
	return getArray[HolidayCalendar](ctx, s.c, "/v3/schedules/{id}/holiday-calendars", nil, itoa(id))
}

// LinkHolidayCalendar links a holiday calendar to the schedule. An existing link wraps [ErrConflict].
func (s *SchedulesService) LinkHolidayCalendar(ctx context.Context, id, calendarID int64) error {
	body := struct {
		CalendarID int64 `json:"calendarId"`
	}{calendarID}
	return sendNoContent(ctx, s.c, http.MethodPost, "/v3/schedules/{id}/holiday-calendar-links", body, itoa(id))
}

// UnlinkHolidayCalendar removes the link. A missing link wraps [ErrNotFound].
func (s *SchedulesService) UnlinkHolidayCalendar(ctx context.Context, id, calendarID int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/schedules/{id}/holiday-calendar-links/{calendarId}", nil, itoa(id), itoa(calendarID))
}

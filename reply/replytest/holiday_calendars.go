package replytest

import "time"

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

func (e *Emulator) registerHolidayCalendarRoutes() {}

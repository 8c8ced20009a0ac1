package replytest

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

func (e *Emulator) registerScheduleRoutes() {}

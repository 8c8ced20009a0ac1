package catalog

import (
	"context"
	"iter"

	"github.com/replykit/replykit/reply"
)

// scheduleTimingItems describes one element of Schedules.MainTimings and FollowUpTimings.
func scheduleTimingItems() []Column {
	return []Column{
		{Name: "WeekDay", Field: "weekDay", Type: Text, Required: true,
			Enum: []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}},
		{Name: "IsActive", Field: "isActive", Type: Bool, Required: true},
		{Name: "Ranges", Field: "timeRanges", Type: JSON, Nullable: true, Doc: "Sending windows of the day.",
			Items: []Column{
				{Name: "FromTime", Field: "fromTime", Type: JSON, Required: true, Doc: "{hour, minute}"},
				{Name: "ToTime", Field: "toTime", Type: JSON, Required: true, Doc: "{hour, minute}, later than FromTime"},
			}},
	}
}

// schedules is Reply's sending schedules, REFERENCE.md §2.10.
func schedules() *Table {
	t := &Table{
		Name: "Schedules",
		Doc:  "Sending schedules. GET /v3/schedules (not paged); UPDATE reads the schedule and PUTs it back whole.",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "Name", Field: "name", Type: Text, Required: true, Doc: "Unique in the team."},
			{Name: "TimezoneId", Field: "timezoneId", Type: Text, Required: true, Doc: "Windows time-zone id (Eastern Standard Time); IANA ids are rejected."},
			{Name: "ExcludeHolidays", Field: "excludeHolidays", Type: Bool, Nullable: true},
			{Name: "UseProspectTimezone", Field: "useProspectTimezone", Type: Bool, Nullable: true},
			{Name: "UseFollowUpSchedule", Field: "useFollowUpSchedule", Type: Bool, Nullable: true},
			{Name: "MainTimings", Field: "mainTimings", Type: JSON, Nullable: true, Doc: "[{weekDay, isActive, timeRanges: [{fromTime: {hour, minute}, toTime}]}].", Items: scheduleTimingItems()},
			{Name: "FollowUpTimings", Field: "followUpTimings", Type: JSON, Nullable: true, Doc: "As MainTimings; used when UseFollowUpSchedule.", Items: scheduleTimingItems()},
			{Name: "IsDefault", Field: "isDefault", Type: Bool, ReadOnly: true},
			{Name: "Status", Field: "status", Type: Text, ReadOnly: true},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/schedules/{id}, one call per id"},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes"},
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		if ids, ok := condInts(q, "Id"); ok {
			return byIDs(t, ids, func(id int64) (Row, error) { v, err := c.Schedules.Get(ctx, id); return getRow(t, v, err) })
		}
		return rowsOf(t, c.Schedules.List(ctx, q.Limit), nil)
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return createRows(ctx, t, rows, c.Schedules.Create)
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) { return putMerged(ctx, t, r, c.Schedules.Get, c.Schedules.Update) })
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return deleteRows(ctx, keys, c.Schedules.Delete)
	}
	return t
}

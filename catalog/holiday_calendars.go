package catalog

import (
	"context"
	"iter"

	"github.com/replykit/replykit/reply"
)

// holidayCalendars is Reply's holiday calendars, REFERENCE.md §2.9.
func holidayCalendars() *Table {
	t := &Table{
		Name: "HolidayCalendars",
		Doc:  "Holiday calendars: the team's custom ones plus Reply's country calendars. GET /v3/holiday-calendars (not paged); RepeatEveryYear and Holidays cost GET /v3/holiday-calendars/{id} per row.",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "Name", Field: "name", Type: Text, Required: true},
			{Name: "CalendarType", Field: "calendarType", Type: Text, ReadOnly: true, Doc: "predefined or custom; predefined calendars are read-only."},
			{Name: "CountryCode", Field: "countryCode", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "RepeatEveryYear", Field: "repeatEveryYear", Type: Bool, DetailOnly: true, Nullable: true},
			{Name: "Holidays", Field: "holidays", Type: JSON, DetailOnly: true, Nullable: true, Doc: "Replaced as a whole on UPDATE.",
				Items: []Column{
					{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
					{Name: "StartDate", Field: "startDate", Type: Date, Required: true},
					{Name: "EndDate", Field: "endDate", Type: Date, Required: true},
					{Name: "Name", Field: "name", Type: Text, Required: true},
				}},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/holiday-calendars/{id}, one call per id"},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes"},
	}
	get := func(ctx context.Context, c *reply.Client, id int64) (Row, error) {
		v, err := c.HolidayCalendars.Get(ctx, id)
		return getRow(t, v, err)
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		if ids, ok := condInts(q, "Id"); ok {
			return byIDs(t, ids, func(id int64) (Row, error) { return get(ctx, c, id) })
		}
		rows := rowsOf(t, c.HolidayCalendars.List(ctx, q.Limit), nil)
		if wantsDetail(t, q) {
			rows = withDetail(rows, func(r Row) (Row, error) { return get(ctx, c, r["Id"].(int64)) })
		}
		return rows
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return createRows(ctx, t, rows, c.HolidayCalendars.Create)
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) {
			return putMerged(ctx, t, r, c.HolidayCalendars.Get, c.HolidayCalendars.Update)
		})
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return deleteRows(ctx, keys, c.HolidayCalendars.Delete)
	}
	return t
}

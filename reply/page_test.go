package reply_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/replykit/replykit/reply"
)

// pagedContacts serves GET /v3/contacts over total synthetic contacts, honouring top and skip, and records the
// tops it was asked for.
type pagedContacts struct {
	total int
	shape string // "" hasMore; "total": totalCount only; "bare": neither
	calls atomic.Int32
	tops  chan int
}

func (p *pagedContacts) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.calls.Add(1)
	top, _ := strconv.Atoi(r.URL.Query().Get("top"))
	skip, _ := strconv.Atoi(r.URL.Query().Get("skip"))
	if top == 0 {
		top = 25
	}
	select {
	case p.tops <- top:
	default:
	}
	var items []map[string]any
	for i := skip; i < min(skip+top, p.total); i++ {
		items = append(items, map[string]any{"id": i + 1, "email": fmt.Sprintf("c%d@example.com", i+1)})
	}
	if items == nil {
		items = []map[string]any{}
	}
	w.Header().Set("Content-Type", "application/json")
	body := map[string]any{"items": items}
	switch p.shape {
	case "":
		body["hasMore"] = skip+len(items) < p.total
	case "total":
		body["totalCount"] = p.total
	}
	json.NewEncoder(w).Encode(body)
}

func TestListPaging(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		total    int
		shape    string
		opts     *reply.ContactListOptions
		stopAt   int // stop iterating after this many (0: drain)
		want     int
		requests int32
		firstTop int
	}{
		{"limit 10 fetches one page of 10", 5000, "", &reply.ContactListOptions{Limit: 10}, 0, 10, 1, 10},
		{"all uses the max page size", 2500, "", nil, 0, 2500, 3, 1000},
		{"exact multiple ends on hasMore=false", 2000, "", nil, 0, 2000, 2, 1000},
		{"limit spanning pages", 5000, "", &reply.ContactListOptions{Limit: 1500}, 0, 1500, 2, 1000},
		{"explicit top", 100, "", &reply.ContactListOptions{Top: 30}, 0, 100, 4, 30},
		{"skip", 100, "", &reply.ContactListOptions{Skip: 90}, 0, 10, 1, 1000},
		{"empty", 0, "", nil, 0, 0, 1, 1000},
		{"break after 3 is lazy", 5000, "", nil, 3, 3, 1, 1000},
		{"top above max is capped", 50, "", &reply.ContactListOptions{Top: 5000}, 0, 50, 1, 1000},
		// Live tolerance: an envelope without hasMore never stops the listing early.
		{"no hasMore: totalCount decides", 2500, "total", nil, 0, 2500, 3, 1000},
		{"no hasMore: totalCount with skip", 100, "total", &reply.ContactListOptions{Top: 30, Skip: 40}, 0, 60, 2, 30},
		{"no hasMore nor total: full pages continue", 2500, "bare", nil, 0, 2500, 3, 1000},
		{"no hasMore nor total: exact multiple costs one empty page", 60, "bare", &reply.ContactListOptions{Top: 30}, 0, 60, 3, 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := &pagedContacts{total: tt.total, shape: tt.shape, tops: make(chan int, 1)}
			c, _ := mustHandlerClient(t, h)
			n := 0
			var last reply.ID
			for ct, err := range c.Contacts.List(t.Context(), tt.opts) {
				if err != nil {
					t.Fatal(err)
				}
				if ct.ID <= last {
					t.Fatalf("ids not increasing: %d after %d", ct.ID, last)
				}
				last = ct.ID
				n++
				if tt.stopAt > 0 && n == tt.stopAt {
					break
				}
			}
			if n != tt.want {
				t.Errorf("got %d contacts, want %d", n, tt.want)
			}
			if got := h.calls.Load(); got != tt.requests {
				t.Errorf("requests = %d, want %d", got, tt.requests)
			}
			if top := <-h.tops; top != tt.firstTop {
				t.Errorf("first top = %d, want %d", top, tt.firstTop)
			}
		})
	}
}

func TestListStopsAfterError(t *testing.T) {
	t.Parallel()
	h := &scripted{answers: []answer{
		{header: map[string]string{"Content-Type": "application/json"}, body: `{"items": [{"id": 1}, {"id": 2}], "hasMore": true}`},
		{status: 404, header: problemJSON, body: `{"title":"Not Found","status":404}`},
	}}
	c, _ := mustHandlerClient(t, h)
	var ids []reply.ID
	var errs int
	for ct, err := range c.Contacts.List(t.Context(), &reply.ContactListOptions{Top: 2}) {
		if err != nil {
			errs++
			continue
		}
		ids = append(ids, ct.ID)
	}
	if len(ids) != 2 || errs != 1 {
		t.Errorf("ids = %v, errors = %d; want 2 ids then 1 error", ids, errs)
	}
}

func TestBareArrayLimit(t *testing.T) {
	t.Parallel()
	h := &scripted{answers: []answer{{header: map[string]string{"Content-Type": "application/json"},
		body: `[{"id": 1, "title": "a", "fieldType": "text"}, {"id": 2, "title": "b", "fieldType": "number"}, {"id": 3, "title": "c", "fieldType": "Text"}]`}}}
	c, _ := mustHandlerClient(t, h)
	got, err := reply.Collect(c.CustomFields.List(t.Context(), 2))
	if err != nil || len(got) != 2 || got[1].Title != "b" {
		t.Errorf("got %+v, %v", got, err)
	}
	all, err := c.CustomFields.All(t.Context())
	if err != nil || len(all) != 3 {
		t.Errorf("All = %+v, %v", all, err)
	}
}

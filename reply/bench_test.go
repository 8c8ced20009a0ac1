//go:build unix

package reply_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// Benchmarks (go test ./reply -run '^$' -bench . -benchtime 3x); results in docs/benchmarks.md "## Client".

const benchContacts = 100_000

// plainContact mirrors Contact with standard types only: the baseline of plain encoding/json decoding.
type plainContact struct {
	ID                        int64  `json:"id"`
	Email                     string `json:"email"`
	Domain                    string `json:"domain"`
	FirstName                 string `json:"firstName"`
	LastName                  string `json:"lastName"`
	Title                     string `json:"title"`
	Company                   string `json:"company"`
	CompanySize               string `json:"companySize"`
	Industry                  string `json:"industry"`
	City                      string `json:"city"`
	State                     string `json:"state"`
	Country                   string `json:"country"`
	Notes                     string `json:"notes"`
	Phone                     string `json:"phone"`
	PhoneStatus               string `json:"phoneStatus"`
	TimeZoneID                string `json:"timeZoneId"`
	LinkedInURL               string `json:"linkedInUrl"`
	LinkedInSalesNavigatorURL string `json:"linkedInSalesNavigatorUrl"`
	LinkedInRecruiterURL      string `json:"linkedInRecruiterUrl"`
	OwnerUserID               int64  `json:"ownerUserId"`
	AccountID                 *int64 `json:"accountId"`
	IsOptedOut                bool   `json:"isOptedOut"`
	CallStatus                string `json:"callStatus"`
	MeetingStatus             string `json:"meetingStatus"`
	AddingDate                string `json:"addingDate"`
	CreatedAt                 string `json:"createdAt"`
	LastModifiedAt            string `json:"lastModifiedAt"`
	CustomFields              []struct {
		Key   string  `json:"key"`
		Value *string `json:"value"`
	} `json:"customFields"`
}

// contactPages starts an emulator with n contacts and returns it with the raw bodies of its 1000-row pages.
func contactPages(b *testing.B, n int) (*replytest.Server, [][]byte) {
	b.Helper()
	srv := replytest.NewServer(replytest.WithSeed(replytest.Seed{Seed: 1, Contacts: n}))
	b.Cleanup(srv.Close)
	var pages [][]byte
	for skip := 0; skip < n; skip += 1000 {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/v3/contacts?top=1000&skip="+strconv.Itoa(skip), nil)
		req.Header.Set("Authorization", "Bearer "+srv.Key)
		resp, err := srv.HTTPClient().Do(req)
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("page %d: %d %v", skip, resp.StatusCode, err)
		}
		pages = append(pages, body)
	}
	return srv, pages
}

// cpuTimer reports the process CPU time (user + system) per op, which the shared machine's load does not
// inflate the way it inflates wall time.
type cpuTimer struct{ start time.Duration }

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuTimer { return cpuTimer{cpuNow()} }

func (t cpuTimer) report(b *testing.B) {
	b.ReportMetric((cpuNow()-t.start).Seconds()/float64(b.N), "cpu-s/op")
}

func bytesOf(pages [][]byte) int64 {
	var n int64
	for _, p := range pages {
		n += int64(len(p))
	}
	return n
}

// BenchmarkDecodePlain is the baseline: encoding/json into plain structs, from bytes in memory.
func BenchmarkDecodePlain(b *testing.B) {
	_, pages := contactPages(b, benchContacts)
	b.SetBytes(bytesOf(pages))
	cpu := startCPU()
	for b.Loop() {
		n := 0
		for _, p := range pages {
			var pg struct {
				Items   []plainContact `json:"items"`
				HasMore bool           `json:"hasMore"`
			}
			if err := json.Unmarshal(p, &pg); err != nil {
				b.Fatal(err)
			}
			n += len(pg.Items)
		}
		if n != benchContacts {
			b.Fatalf("%d contacts", n)
		}
	}
	cpu.report(b)
}

// BenchmarkDecodeTyped decodes the same bytes into reply.Page[reply.Contact] (reply.Time, reply.ID).
func BenchmarkDecodeTyped(b *testing.B) {
	_, pages := contactPages(b, benchContacts)
	b.SetBytes(bytesOf(pages))
	cpu := startCPU()
	for b.Loop() {
		n := 0
		for _, p := range pages {
			var pg reply.Page[reply.Contact]
			if err := json.NewDecoder(bytes.NewReader(p)).Decode(&pg); err != nil {
				b.Fatal(err)
			}
			n += len(pg.Items)
		}
		if n != benchContacts {
			b.Fatalf("%d contacts", n)
		}
	}
	cpu.report(b)
}

// BenchmarkListReplay lists the same bytes through the client from a server that replays them: client cost
// (HTTP, decoding, iteration) without the emulator's.
func BenchmarkListReplay(b *testing.B) {
	_, pages := contactPages(b, benchContacts)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		skip, _ := strconv.Atoi(r.URL.Query().Get("skip"))
		w.Header().Set("Content-Type", "application/json")
		w.Write(pages[skip/1000])
	})
	c, _ := mustHandlerClient(b, h)
	b.SetBytes(bytesOf(pages))
	cpu := startCPU()
	for b.Loop() {
		n := 0
		for _, err := range c.Contacts.List(b.Context(), nil) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != benchContacts {
			b.Fatalf("%d contacts", n)
		}
	}
	cpu.report(b)
}

// BenchmarkListEmulator lists 100,000 contacts from the in-process emulator, pacing off (the emulator's
// encoding included).
func BenchmarkListEmulator(b *testing.B) {
	srv, pages := contactPages(b, benchContacts)
	c := mustClient(b, srv)
	b.SetBytes(bytesOf(pages))
	cpu := startCPU()
	for b.Loop() {
		n := 0
		for _, err := range c.Contacts.List(b.Context(), nil) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != benchContacts {
			b.Fatalf("%d contacts", n)
		}
	}
	cpu.report(b)
	b.ReportMetric(float64(c.Stats().ByEndpoint["GET /v3/contacts"])/float64(b.N), "calls/op")
}

// generated serves total synthetic contacts, building each page on demand, so the server holds one page.
type generated struct {
	total int
	calls atomic.Int32
}

func (g *generated) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.calls.Add(1)
	top, _ := strconv.Atoi(r.URL.Query().Get("top"))
	skip, _ := strconv.Atoi(r.URL.Query().Get("skip"))
	var buf bytes.Buffer
	buf.WriteString(`{"items":[`)
	end := min(skip+top, g.total)
	for i := skip; i < end; i++ {
		if i > skip {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, `{"id":%d,"email":"contact%d@example%d.com","domain":"example%d.com","firstName":"First%d","lastName":"Last%d",`+
			`"title":"Head of Things","company":"Company %d","companySize":"fifty","industry":"Software","city":"Kyiv","state":null,`+
			`"country":"Ukraine","notes":"","phone":"+380441234567","phoneStatus":"notValidated","timeZoneId":"Europe/Kyiv",`+
			`"linkedInUrl":"https://www.linkedin.com/in/c%d","linkedInSalesNavigatorUrl":null,"linkedInRecruiterUrl":null,`+
			`"ownerUserId":1234,"accountId":null,"isOptedOut":false,"callStatus":"none","meetingStatus":"none",`+
			`"addingDate":"2025-06-01T10:00:00+00:00","createdAt":"2025-06-01T10:00:00","lastModifiedAt":"2025-07-01T10:00:00",`+
			`"customFields":[{"key":"150697","value":"web"}]}`, i+1, i, i%97, i%97, i, i, i%500, i)
	}
	fmt.Fprintf(&buf, `],"hasMore":%t}`, end < g.total)
	w.Header().Set("Content-Type", "application/json")
	w.Write(buf.Bytes())
}

// BenchmarkIterateMillion iterates 1,000,000 contacts and reports the peak heap in use (client and the
// page-at-a-time generator together), sampled after every page.
func BenchmarkIterateMillion(b *testing.B) {
	const total = 1_000_000
	g := &generated{total: total}
	c, _ := mustHandlerClient(b, g)
	var peak uint64
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	cpu := startCPU()
	for b.Loop() {
		n := 0
		for _, err := range c.Contacts.List(b.Context(), nil) {
			if err != nil {
				b.Fatal(err)
			}
			n++
			if n%1000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
		if n != total {
			b.Fatalf("%d contacts", n)
		}
	}
	cpu.report(b)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(base)/(1<<20), "base-heap-MB")
	b.ReportMetric(float64(g.calls.Load())/float64(b.N), "calls/op")
}

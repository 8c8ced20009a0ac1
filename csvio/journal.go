package csvio

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
)

// ErrJournalMismatch is returned when a resumed run's journal belongs to another import (other table, mode or
// header).
var ErrJournalMismatch = errors.New("csvio: journal belongs to another import")

// Journal is what earlier runs of one import finished, read with [ReadJournal]. The zero value is empty.
type Journal struct {
	Head    JournalHead
	entries map[int]journalEntry // by input line
}

// JournalHead identifies the import a journal belongs to.
type JournalHead struct {
	V      int    `json:"v"`
	Table  string `json:"table"`
	Mode   string `json:"mode"`
	Header string `json:"header"` // the input's header line, joined with the delimiter
	// Options are the import's --key, --map, --set, --lookup and --null, in a canonical order (the --set values as
	// a digest, so that a secret such as a password never lands in the journal). A resumed run must use the
	// same: a row done under other options would be finished differently.
	Options string `json:"options,omitempty"`
}

type journalEntry struct {
	Line  int    `json:"line"`
	Sum   string `json:"sum,omitempty"` // digest of the record (see recordSum): a resumed input must be the same
	OK    bool   `json:"ok,omitempty"`
	ID    string `json:"id,omitempty"`
	Err   string `json:"err,omitempty"`
	Retry bool   `json:"retry,omitempty"` // failed transiently: a resumed run tries the row again
	// Lost: the call failed without an answer (dropped connection, truncated body): the API may have written
	// the row. A resumed insert first looks for it.
	Lost bool `json:"lost,omitempty"`
}

// ReadJournal reads a journal written by an earlier run. A torn last line (the process died while writing it) is
// ignored; the rows it named are redone. An empty reader gives an empty journal.
func ReadJournal(r io.Reader) (*Journal, error) {
	j := &Journal{entries: map[int]journalEntry{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	first := true
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 {
			continue
		}
		if first {
			first = false
			if err := json.Unmarshal(line, &j.Head); err != nil {
				return nil, fmt.Errorf("csvio: journal head: %w", err)
			}
			continue
		}
		var e journalEntry
		if err := json.Unmarshal(line, &e); err != nil || e.Line <= 0 {
			continue // torn write
		}
		j.entries[e.Line] = e
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("csvio: reading journal: %w", err)
	}
	return j, nil
}

// Len returns the number of rows the journal says are finished (succeeded, or failed for good).
func (j *Journal) Len() int {
	if j == nil {
		return 0
	}
	n := 0
	for _, e := range j.entries {
		if !e.Retry {
			n++
		}
	}
	return n
}

func (j *Journal) done(line int) (journalEntry, bool) {
	if j == nil {
		return journalEntry{}, false
	}
	e, ok := j.entries[line]
	if !ok || e.Retry {
		return journalEntry{}, false
	}
	return e, true
}

// doneIDs returns the ids of the rows the journal says succeeded.
func (j *Journal) doneIDs() []string {
	if j == nil {
		return nil
	}
	var ids []string
	for _, e := range j.entries {
		if e.OK && e.ID != "" {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// changed reports whether the journal recorded line with another record than rec.
func (j *Journal) changed(line int, rec []string) bool {
	if j == nil {
		return false
	}
	e, ok := j.entries[line]
	return ok && e.Sum != "" && e.Sum != recordSum(rec)
}

// recordSum is a short digest of a record's fields.
func recordSum(rec []string) string {
	h := fnv.New64a()
	for _, f := range rec {
		h.Write([]byte(f))
		h.Write([]byte{0x1f})
	}
	return strconv.FormatUint(h.Sum64(), 36)
}

// lost reports whether an earlier run's call for the row got no answer (the row may exist).
func (j *Journal) lost(line int) bool {
	if j == nil {
		return false
	}
	e, ok := j.entries[line]
	return ok && e.Retry && e.Lost
}

// retried reports whether an earlier run tried the row and failed transiently.
func (j *Journal) retried(line int) bool {
	if j == nil {
		return false
	}
	e, ok := j.entries[line]
	return ok && e.Retry
}

// journalWriter appends entries and makes them durable at commit points.
type journalWriter struct {
	w   io.Writer
	buf []byte
}

func (jw *journalWriter) head(h JournalHead) error {
	b, _ := json.Marshal(h)
	jw.buf = append(append(jw.buf, b...), '\n')
	return jw.commit()
}

func (jw *journalWriter) add(e journalEntry) {
	if jw == nil {
		return
	}
	b, _ := json.Marshal(e)
	jw.buf = append(append(jw.buf, b...), '\n')
}

// commit writes the buffered entries and fsyncs when the writer can (an *os.File).
func (jw *journalWriter) commit() error {
	if jw == nil || len(jw.buf) == 0 {
		return nil
	}
	if _, err := jw.w.Write(jw.buf); err != nil {
		return fmt.Errorf("csvio: writing journal: %w", err)
	}
	jw.buf = jw.buf[:0]
	if s, ok := jw.w.(interface{ Sync() error }); ok {
		if err := s.Sync(); err != nil {
			return fmt.Errorf("csvio: syncing journal: %w", err)
		}
	}
	return nil
}

package csvio

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
)

// Errors of [NewImporter] and [Importer.Run] that are about the whole import, not one row.
var (
	// ErrBadInput is wrapped by errors about the input's structure: no header, duplicate or empty header names,
	// invalid UTF-8 in the header, broken quoting. The message names the line.
	ErrBadInput = errors.New("csvio: bad input")
	// ErrUnsupported is returned when the table does not support the import mode (a read-only object, or an
	// object without UPDATE or DELETE).
	ErrUnsupported = errors.New("csvio: unsupported")
	// ErrBadOption is wrapped by errors about ImportOptions (a --map, --set, --lookup or --key that names no
	// column).
	ErrBadOption = errors.New("csvio: bad option")
)

// Mode is what an import does with each row.
type Mode int

const (
	Insert Mode = iota + 1 // create every row
	Update                 // change the row with the row's key (or --key match)
	Upsert                 // update when the key is present (or --key matches), insert otherwise
	Delete                 // delete the row with the row's key (or --key match)
)

func (m Mode) String() string {
	switch m {
	case Insert:
		return "insert"
	case Update:
		return "update"
	case Upsert:
		return "upsert"
	case Delete:
		return "delete"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// ParseMode parses insert, update, upsert or delete (any case). The error wraps [ErrBadOption].
func ParseMode(s string) (Mode, error) {
	for m := Insert; m <= Delete; m++ {
		if strings.EqualFold(s, m.String()) {
			return m, nil
		}
	}
	return 0, fmt.Errorf("%w: mode %q (want insert, update, upsert or delete)", ErrBadOption, s)
}

// Lookup resolves a natural key in a CSV column to the id of a row of another table, e.g. AccountName holding
// Accounts.Name becomes AccountId. The other table is listed once per run.
type Lookup struct {
	Column string // CSV column holding the natural key, e.g. "AccountName"
	Table  string // table searched, e.g. "Accounts"
	Key    string // its natural key column, e.g. "Name"
	Target string // column of the imported table receiving the id; "" infers it (see [ParseLookup])
}

// ParseLookup parses "CsvColumn=Table.Column" or "CsvColumn=Table.Column:Target". Without a target, the target
// is CsvColumn itself when it is a column of the imported table, else CsvColumn with the Column suffix replaced
// by Id (AccountName -> AccountId), else the singular table name plus Id (Accounts -> AccountId). The error wraps
// [ErrBadOption].
func ParseLookup(s string) (Lookup, error) {
	csvCol, rest, ok := strings.Cut(s, "=")
	if !ok {
		return Lookup{}, fmt.Errorf("%w: lookup %q: want CsvColumn=Table.Column", ErrBadOption, s)
	}
	rest, target, _ := strings.Cut(rest, ":")
	table, key, ok := strings.Cut(rest, ".")
	l := Lookup{Column: strings.TrimSpace(csvCol), Table: strings.TrimSpace(table), Key: strings.TrimSpace(key),
		Target: strings.TrimSpace(target)}
	if !ok || l.Column == "" || l.Table == "" || l.Key == "" {
		return Lookup{}, fmt.Errorf("%w: lookup %q: want CsvColumn=Table.Column", ErrBadOption, s)
	}
	return l, nil
}

// ImportOptions configures an [Importer].
type ImportOptions struct {
	Mode Mode
	// Map maps CSV header names (case-insensitive) to columns of the table, or to "CustomFields.<title or id>";
	// an empty target ignores the CSV column. Unmapped headers match column names case-insensitively.
	Map map[string]string
	// Key is a column matched instead of the table's key by update, upsert and delete (e.g. "Email"); the table is
	// listed once and the matches cached.
	Key     string
	Lookups []Lookup
	// Set holds constants, column name to text, written on every row (overriding the CSV).
	Set map[string]string
	// DryRun validates everything (reads allowed: custom fields, lookups, --key listings) without writing.
	DryRun bool
	// Null is a cell text meaning NULL (clear the column) besides \N. An empty cell leaves the column out.
	Null      string
	Delimiter rune // ',' when 0
	// BatchSize is the number of rows handed to one Insert/Update/Delete call (the catalog splits it into API
	// calls); it is also how often the journal is synced. 0 picks a size per table.
	BatchSize int
	// Grace is how long the batch in flight may still run when the context of [Importer.Run] is cancelled: its
	// calls are not cancelled before, so rows the API wrote are recorded (and not redone by a resumed run); no
	// new batch starts. 0 cancels the calls at once.
	Grace  time.Duration
	Logger *slog.Logger
	// Progress, when set, is called after each batch with rows finished so far and the total.
	Progress func(done, failed, total int)
}

// Outputs are where [Importer.Run] writes. OK and Errors receive a CSV header and one line per input row each
// row going to exactly one of them. Journal, when set, receives the journal (an *os.File is fsync'd at every
// batch); Resume, when set, is the journal of earlier runs, whose finished rows are copied, not redone.
type Outputs struct {
	OK, Errors io.Writer
	Journal    io.Writer
	Resume     *Journal
}

// Summary counts what a run did.
type Summary struct {
	Rows     int // data rows in the input
	Inserted int // rows created by this run (in a dry run: rows that would be)
	Updated  int // rows changed by this run
	Deleted  int // rows deleted by this run
	Resumed  int // rows finished by an earlier run and copied from the journal
	// Unchanged are update or upsert rows matched by --key whose written values all equal the stored row's:
	// not written (no call), in the ok output with their Id.
	Unchanged int
	Failed    int      // rows in the errors output
	Pending   int      // rows not finished because the run stopped (Err of the PartialError)
	Ignored   []string // CSV columns not written, with the reason (read-only columns)
	DryRun    bool
}

// OK returns the number of rows in the ok output.
func (s Summary) OK() int { return s.Inserted + s.Updated + s.Deleted + s.Resumed + s.Unchanged }

// Importer imports CSV into one table. It is built per run with [NewImporter].
type Importer struct {
	c    *reply.Client
	t    *catalog.Table
	opts ImportOptions
	log  *slog.Logger
	set  catalog.Row
	// setCFs are --set CustomFields.<title or id> constants, resolved by each run.
	setCFs []setCF
	// setMembers are --set Column.member constants (JSON object members, e.g. Connection.smtpPassword).
	setMembers []member
	key        *catalog.Column // --key column, nil for the table's key

	lookups []lookupSpec
	cache   *resolver
}

type lookupSpec struct {
	Lookup
	table  *catalog.Table
	key    catalog.Column
	target catalog.Column
}

// NewImporter checks the options against t and returns an Importer. The error wraps [ErrUnsupported] when t
// lacks the mode's write func, or [ErrBadOption].
func NewImporter(c *reply.Client, t *catalog.Table, opts ImportOptions) (*Importer, error) {
	im := &Importer{c: c, t: t, opts: opts, log: opts.Logger, set: catalog.Row{}}
	if im.log == nil {
		im.log = slog.New(slog.DiscardHandler)
	}
	if err := checkMode(t, opts.Mode); err != nil {
		return nil, err
	}
	if opts.Key != "" {
		col, ok := t.Column(opts.Key)
		if !ok {
			return nil, fmt.Errorf("%w: --key %s: %s has no such column", ErrBadOption, opts.Key, t.Name)
		}
		if opts.Mode == Insert {
			return nil, fmt.Errorf("%w: --key is for update, upsert and delete", ErrBadOption)
		}
		im.key = &col
	}
	for name, text := range opts.Set {
		if ref, ok := strings.CutPrefix(strings.ToLower(name), "customfields."); ok && ref != "" {
			if _, ok := t.Column("CustomFields"); !ok {
				return nil, fmt.Errorf("%w: --set %s: %s has no custom fields", ErrBadOption, name, t.Name)
			}
			var v any = text
			if text == `\N` || (opts.Null != "" && text == opts.Null) {
				v = nil
			}
			im.setCFs = append(im.setCFs, setCF{ref: name[len("customfields."):], value: v})
			continue
		}
		if col, name, ok := memberColumn(t, name); ok {
			var v any = text
			if text == `\N` || (opts.Null != "" && text == opts.Null) {
				v = nil
			}
			im.setMembers = append(im.setMembers, member{col: col.Name, name: name, value: v})
			continue
		}
		col, ok := t.Column(name)
		if !ok {
			return nil, fmt.Errorf("%w: --set %s: %s has no such column", ErrBadOption, name, t.Name)
		}
		if col.ReadOnly && !isParentKey(t, col.Name) {
			return nil, fmt.Errorf("%w: --set %s: column is read-only", ErrBadOption, col.Name)
		}
		v, err := parseCell(col, text, opts.Null)
		if err != nil {
			return nil, fmt.Errorf("%w: --set %s: %w", ErrBadOption, name, err)
		}
		im.set[col.Name] = v
	}
	for _, l := range opts.Lookups {
		spec, err := resolveLookup(t, l)
		if err != nil {
			return nil, err
		}
		im.lookups = append(im.lookups, spec)
	}
	im.cache = newResolver(c)
	return im, nil
}

func checkMode(t *catalog.Table, m Mode) error {
	if t.Insert == nil && t.Update == nil && t.Delete == nil {
		return fmt.Errorf("%w: %s is read-only", ErrUnsupported, t.Name)
	}
	need := map[Mode][]bool{
		Insert: {t.Insert != nil},
		Update: {t.Update != nil},
		Upsert: {t.Insert != nil, t.Update != nil},
		Delete: {t.Delete != nil},
	}[m]
	if need == nil {
		return fmt.Errorf("%w: no import mode", ErrBadOption)
	}
	for _, ok := range need {
		if !ok {
			return fmt.Errorf("%w: %s does not support %s (it supports %s)", ErrUnsupported, t.Name, m,
				strings.Join(t.Operations(), ", "))
		}
	}
	return nil
}

func resolveLookup(t *catalog.Table, l Lookup) (lookupSpec, error) {
	other, ok := catalog.Lookup(l.Table)
	if !ok {
		return lookupSpec{}, fmt.Errorf("%w: lookup %s: unknown object %s", ErrBadOption, l.Column, l.Table)
	}
	key, ok := other.Column(l.Key)
	if !ok {
		return lookupSpec{}, fmt.Errorf("%w: lookup %s: %s has no column %s", ErrBadOption, l.Column, other.Name, l.Key)
	}
	if len(other.Key) != 1 {
		return lookupSpec{}, fmt.Errorf("%w: lookup %s: %s has a composite key", ErrBadOption, l.Column, other.Name)
	}
	var candidates []string
	if l.Target != "" {
		candidates = []string{l.Target}
	} else {
		candidates = append(candidates, l.Column)
		if len(l.Column) > len(key.Name) && strings.EqualFold(l.Column[len(l.Column)-len(key.Name):], key.Name) {
			candidates = append(candidates, l.Column[:len(l.Column)-len(key.Name)]+"Id")
		}
		candidates = append(candidates, strings.TrimSuffix(other.Name, "s")+"Id")
	}
	for _, name := range candidates {
		if col, ok := t.Column(name); ok {
			return lookupSpec{Lookup: l, table: other, key: key, target: col}, nil
		}
	}
	return lookupSpec{}, fmt.Errorf("%w: lookup %s: no column of %s to receive the %s id (tried %s)", ErrBadOption,
		l.Column, t.Name, other.Name, strings.Join(candidates, ", "))
}

func isParentKey(t *catalog.Table, name string) bool {
	return t.Parent != nil && strings.EqualFold(t.Parent.Column, name)
}

func isKey(t *catalog.Table, name string) bool {
	for _, k := range t.Key {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

// parseCell turns one cell into a value: nil for the NULL texts, through Column.Parse otherwise.
func parseCell(col catalog.Column, s, null string) (any, error) {
	if s == `\N` || (null != "" && s == null) {
		return nil, nil
	}
	return col.Parse(s)
}

// Header roles.
type role int

const (
	roleColumn role = iota + 1
	roleCustomField
	roleLookup
	roleIgnored
	roleMember // Column.member: one member of a JSON object column (e.g. Connection.smtpPassword)
)

// setCF is a --set CustomFields.<title or id> constant.
type setCF struct {
	ref   string
	value any
}

// member is one member of a JSON object column set from a cell or a --set constant.
type member struct {
	col, name string
	value     any // the cell's text, or nil for NULL
}

// memberColumn splits "Column.member" when Column is a writable JSON column of t (CustomFields columns aside:
// their members are custom fields, by title or id).
func memberColumn(t *catalog.Table, name string) (catalog.Column, string, bool) {
	colName, m, ok := strings.Cut(name, ".")
	if !ok || m == "" || strings.EqualFold(colName, "CustomFields") {
		return catalog.Column{}, "", false
	}
	col, ok := t.Column(colName)
	if !ok || col.Type != catalog.JSON || col.ReadOnly {
		return catalog.Column{}, "", false
	}
	return col, m, true
}

// setMembers merges members into their JSON object columns of values (an absent or NULL column starts empty).
func setMembers(values catalog.Row, ms []member) error {
	objs := map[string]map[string]any{}
	for _, m := range ms {
		obj, ok := objs[m.col]
		if !ok {
			obj = map[string]any{}
			if raw, ok := values[m.col].(json.RawMessage); ok && len(raw) > 0 && string(raw) != "null" {
				if err := json.Unmarshal(raw, &obj); err != nil {
					return rowErrorf("%s: not a JSON object, cannot set %s.%s: %v", m.col, m.col, m.name, err)
				}
			}
			objs[m.col] = obj
		}
		obj[m.name] = m.value
	}
	for col, obj := range objs {
		raw, err := json.Marshal(obj)
		if err != nil {
			return err
		}
		values[col] = json.RawMessage(raw)
	}
	return nil
}

type field struct {
	name   string // header text
	role   role
	col    catalog.Column
	cf     string // custom field title or id; member name of roleMember
	lookup int
}

// plan maps the header to roles. Unknown headers are all reported at once.
func (im *Importer) plan(header []string) ([]field, []string, error) {
	seen := map[string]int{}
	for i, h := range header {
		if strings.TrimSpace(h) == "" {
			return nil, nil, fmt.Errorf("%w: line 1: column %d has an empty name", ErrBadInput, i+1)
		}
		if !utf8.ValidString(h) {
			return nil, nil, fmt.Errorf("%w: line 1: column %d name is not valid UTF-8", ErrBadInput, i+1)
		}
		k := strings.ToLower(strings.TrimSpace(h))
		if j, dup := seen[k]; dup {
			return nil, nil, fmt.Errorf("%w: line 1: duplicate column %q (columns %d and %d)", ErrBadInput, h, j+1, i+1)
		}
		seen[k] = i
	}
	for _, l := range im.lookups {
		if _, ok := seen[strings.ToLower(l.Column)]; !ok {
			return nil, nil, fmt.Errorf("%w: --lookup %s: the input has no column %s", ErrBadOption, l.Column, l.Column)
		}
	}
	mapped := map[string]string{}
	for from, to := range im.opts.Map {
		k := strings.ToLower(strings.TrimSpace(from))
		if _, ok := seen[k]; !ok {
			return nil, nil, fmt.Errorf("%w: --map %s=%s: the input has no column %s", ErrBadOption, from, to, from)
		}
		mapped[k] = strings.TrimSpace(to)
	}
	var (
		fields  = make([]field, len(header))
		unknown []string
		ignored []string
		targets = map[string]string{}
	)
	for i, h := range header {
		h = strings.TrimSpace(h)
		f := field{name: h}
		target, isMapped := mapped[strings.ToLower(h)]
		if !isMapped {
			target = h
		}
		lookup := -1
		for j, l := range im.lookups {
			if strings.EqualFold(l.Column, h) {
				lookup = j
			}
		}
		switch {
		case isMapped && target == "":
			f.role = roleIgnored
			ignored = append(ignored, h+" (--map to nothing)")
		case lookup >= 0 && !isMapped:
			f.role, f.lookup, f.col = roleLookup, lookup, im.lookups[lookup].target
		case len(target) > len("CustomFields.") && strings.EqualFold(target[:len("CustomFields.")], "CustomFields."):
			if _, ok := im.t.Column("CustomFields"); !ok {
				unknown = append(unknown, h)
				continue
			}
			f.role, f.cf = roleCustomField, target[len("CustomFields."):]
		default:
			col, ok := im.t.Column(target)
			if mcol, m, isMember := memberColumn(im.t, target); !ok && isMember {
				f.role, f.col, f.cf = roleMember, mcol, m
				break
			}
			if !ok && i == len(header)-1 && (strings.EqualFold(h, "Error") || strings.EqualFold(h, "ImportError")) {
				// The reason column of an errors output, fixed and imported again.
				f.role = roleIgnored
				ignored = append(ignored, h+" (the errors output's reason)")
				break
			}
			if !ok {
				unknown = append(unknown, h)
				continue
			}
			f.role, f.col = roleColumn, col
			keep := isParentKey(im.t, col.Name) || (im.key != nil && im.key.Name == col.Name) ||
				(isKey(im.t, col.Name) && im.opts.Mode != Insert)
			if col.ReadOnly && !keep {
				f.role = roleIgnored
				ignored = append(ignored, h+" (read-only)")
			}
		}
		if f.role == roleColumn || f.role == roleLookup {
			if prev, dup := targets[f.col.Name]; dup {
				return nil, nil, fmt.Errorf("%w: columns %s and %s both write %s", ErrBadInput, prev, h, f.col.Name)
			}
			targets[f.col.Name] = h
		}
		fields[i] = f
	}
	if len(unknown) > 0 {
		hint := ""
		comma := im.opts.Delimiter
		if comma == 0 {
			comma = ','
		}
		if len(header) == 1 {
			for _, d := range []rune{';', '\t', ',', '|'} {
				if d != comma && strings.ContainsRune(header[0], d) {
					hint = fmt.Sprintf("; the header is one column holding %q: is the delimiter %q (--delimiter)?",
						d, d)
					break
				}
			}
		}
		return nil, nil, fmt.Errorf("%w: line 1: %s has no column %s (use --map CsvColumn=Column, or --map %s= to skip)%s",
			ErrBadInput, im.t.Name, strings.Join(unknown, ", "), unknown[0], hint)
	}
	if im.key != nil {
		if _, ok := targets[im.key.Name]; !ok {
			return nil, nil, fmt.Errorf("%w: --key %s: the input has no such column", ErrBadOption, im.key.Name)
		}
	} else if im.opts.Mode == Update || im.opts.Mode == Delete {
		for _, k := range im.t.Key {
			if _, ok := targets[k]; !ok {
				if _, ok := im.set[k]; !ok {
					return nil, nil, fmt.Errorf("%w: %s needs the key column %s in the input (or use --key)",
						ErrBadInput, im.opts.Mode, k)
				}
			}
		}
	}
	return fields, ignored, nil
}

// bomReader strips a leading UTF-8 byte order mark.
func bomReader(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 64*1024)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\ufeff")) {
		_, _ = br.Discard(3)
	}
	return br
}

func (im *Importer) newCSVReader(in io.Reader) *csv.Reader {
	r := csv.NewReader(bomReader(in))
	r.Comma = im.opts.Delimiter
	if r.Comma == 0 {
		r.Comma = ','
	}
	return r
}

// scan reads the whole input once before any call: broken quoting anywhere is fatal, and the rows are counted.
// On resume, a row the journal recorded must be unchanged.
func (im *Importer) scan(in io.Reader, resume *Journal) (header []string, rows int, err error) {
	br := bufio.NewReader(in)
	if b, _ := br.Peek(2); bytes.Equal(b, []byte{0xFF, 0xFE}) || bytes.Equal(b, []byte{0xFE, 0xFF}) {
		return nil, 0, fmt.Errorf("%w: line 1: the input is UTF-16 (byte order mark %X); save it as UTF-8 (Excel: "+
			"CSV UTF-8)", ErrBadInput, b)
	}
	r := im.newCSVReader(br)
	r.ReuseRecord = true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		var pe *csv.ParseError
		if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
			err, line = nil, pe.StartLine // a ragged row is a row error, reported in its turn
		}
		if err != nil {
			return nil, 0, fmt.Errorf("%w: %w", ErrBadInput, err)
		}
		if header == nil {
			header = append([]string(nil), rec...)
			continue
		}
		if resume.changed(line, rec) {
			return nil, 0, fmt.Errorf("%w: line %d is not the line the interrupted run recorded: the input changed "+
				"since; resume with the same input, or delete the journal to start over", ErrJournalMismatch, line)
		}
		rows++
	}
	if header == nil {
		return nil, 0, fmt.Errorf("%w: the input is empty (no header line)", ErrBadInput)
	}
	return header, rows, nil
}

// headKey identifies the import in the journal.
func (im *Importer) headKey(header []string) JournalHead {
	return JournalHead{V: 1, Table: im.t.Name, Mode: im.opts.Mode.String(), Header: strings.Join(header, ","),
		Options: im.optionsKey()}
}

// optionsKey is the canonical text of the options that decide what a row becomes: --key, --map, --set (values
// as a digest), --lookup and --null. "" when none is given.
func (im *Importer) optionsKey() string {
	var parts []string
	if im.opts.Key != "" {
		parts = append(parts, "--key "+im.opts.Key)
	}
	for _, k := range slices.Sorted(maps.Keys(im.opts.Map)) {
		parts = append(parts, "--map "+k+"="+im.opts.Map[k])
	}
	for _, k := range slices.Sorted(maps.Keys(im.opts.Set)) {
		sum := sha256.Sum256([]byte(im.opts.Set[k]))
		parts = append(parts, fmt.Sprintf("--set %s=(sha256 %x)", k, sum[:6]))
	}
	for _, l := range im.opts.Lookups {
		s := "--lookup " + l.Column + "=" + l.Table + "." + l.Key
		if l.Target != "" {
			s += ":" + l.Target
		}
		parts = append(parts, s)
	}
	if im.opts.Null != "" {
		parts = append(parts, "--null "+im.opts.Null)
	}
	return strings.Join(parts, " ")
}

func optionsText(s string) string {
	if s == "" {
		return "(none)"
	}
	return "'" + s + "'"
}

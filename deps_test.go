package replykit_test

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const mod = "github.com/replykit/replykit"

// allowed lists, for every package of the module (relative to the module root), the module packages it may import
// outside tests (DESIGN.md, STYLE.md rule 2). A package's own subpackages follow its entry unless they have one.
var allowed = map[string][]string{
	"":                {},
	"reply":           {},
	"reply/replytest": {"reply"},
	"catalog":         {"reply"},
	"dest":            {"catalog"},
	"sqlengine":       {"catalog", "reply"},
	"csvio":           {"catalog", "reply"},
	"replicate":       {"dest", "catalog", "reply"},
	"bisync":          {"dest", "catalog", "reply"},
	"cmd/replykit":    nil,                 // anything
	"internal/dbtest": {"catalog", "dest"}, // test support: opens the test databases (registers the SQL drivers)
}

// testSupport are packages only tests may import; they may register SQL drivers.
var testSupport = []string{"internal/dbtest"}

// sqlDrivers are database/sql drivers: only cmd/replykit registers them (tests may too).
var sqlDrivers = []string{
	"github.com/jackc/pgx/v5/stdlib",
	"github.com/go-sql-driver/mysql",
	"modernc.org/sqlite",
	"github.com/lib/pq",
	"github.com/mattn/go-sqlite3",
}

type pkg struct {
	ImportPath   string
	Imports      []string
	TestImports  []string
	XTestImports []string
	Deps         []string
	Standard     bool
	Error        *struct{ Err string }
}

func goList(t *testing.T, args ...string) []pkg {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-e", "-json"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %v: %v\n%s", args, err, stderr.String())
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("decoding go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// rel returns path relative to the module, and whether it is in the module.
func rel(path string) (string, bool) {
	if path == mod {
		return "", true
	}
	if r, ok := strings.CutPrefix(path, mod+"/"); ok {
		return r, true
	}
	return "", false
}

// rule returns the allowed entry governing the module package r.
func rule(r string) (key string, ok bool) {
	for k := r; ; {
		if _, ok := allowed[k]; ok {
			return k, true
		}
		i := strings.LastIndex(k, "/")
		if i < 0 {
			return "", false
		}
		k = k[:i]
	}
}

func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func under(path, prefix string) bool { return path == prefix || strings.HasPrefix(path, prefix+"/") }

func TestImportGraph(t *testing.T) {
	pkgs := goList(t, mod+"/...")
	if len(pkgs) == 0 {
		t.Fatal("go list found no packages")
	}
	for _, p := range pkgs {
		r, _ := rel(p.ImportPath)
		key, ok := rule(r)
		if !ok || (key == "" && r != "") {
			t.Errorf("%s: package not in deps_test.go's allowed table; add it with its allowed imports", p.ImportPath)
			continue
		}
		check := func(imports []string, test bool) {
			for _, imp := range imports {
				if ir, inMod := rel(imp); inMod {
					if allowed[key] == nil || under(ir, key) {
						continue // cmd/replykit, or the package's own subtree
					}
					if test && (ir == "reply/replytest" || ir == "reply" || ir == "catalog" || slices.Contains(testSupport, ir)) {
						continue // tests may use the emulator, its types and the test-support packages
					}
					if !test && slices.Contains(testSupport, ir) {
						t.Errorf("%s imports %s: a test-support package, for _test files only", p.ImportPath, imp)
						continue
					}
					if !slices.ContainsFunc(allowed[key], func(a string) bool { return under(ir, a) && !(a == "reply" && under(ir, "reply/replytest")) }) {
						kind := "imports"
						if test {
							kind = "test imports"
						}
						t.Errorf("%s %s %s: not allowed (allowed: %v)", p.ImportPath, kind, imp, allowed[key])
					}
					continue
				}
				if key == "cmd/replykit" {
					continue
				}
				if !test && slices.Contains(sqlDrivers, imp) && !slices.Contains(testSupport, key) {
					t.Errorf("%s imports SQL driver %s: only cmd/replykit may", p.ImportPath, imp)
				}
				if !test && under(imp, "github.com/jackc/pgx/v5") && !under(key, "dest") && !slices.Contains(testSupport, key) {
					t.Errorf("%s imports %s: only dest (COPY) and cmd/replykit may use pgx", p.ImportPath, imp)
				}
				if key == "reply" && !isStd(imp) && !under(imp, "golang.org/x/time") && !test {
					t.Errorf("%s imports %s: reply may import only the standard library and golang.org/x/time", p.ImportPath, imp)
				}
			}
		}
		check(p.Imports, false)
		check(p.TestImports, true)
		check(p.XTestImports, true)
	}
}

// TestReplyDeps checks reply's transitive dependencies, not only its direct imports.
func TestReplyDeps(t *testing.T) {
	for _, p := range goList(t, "-deps", mod+"/reply") {
		if p.Standard || under(p.ImportPath, "golang.org/x/time") || p.ImportPath == mod+"/reply" {
			continue
		}
		if isStd(p.ImportPath) && p.Error != nil {
			continue // reported by the build
		}
		t.Errorf("reply depends on %s: only the standard library and golang.org/x/time are allowed", p.ImportPath)
	}
}

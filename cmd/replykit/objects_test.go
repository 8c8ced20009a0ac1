package main

import (
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
)

func TestObjects(t *testing.T) {
	t.Parallel()
	r := runCLI(t, map[string]string{}, nil, "objects")
	if r.code != 0 {
		t.Fatalf("exit code %d, stderr %q", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	tables := catalog.All()
	if len(lines) != len(tables)+1 {
		t.Fatalf("%d lines, want a header and %d objects:\n%s", len(lines), len(tables), r.stdout)
	}
	if f := strings.Fields(lines[0]); strings.Join(f, " ") != "OBJECT OPERATIONS PARENT CHANGES" {
		t.Errorf("header = %q", lines[0])
	}
	for i, tb := range tables {
		line := lines[i+1]
		if !strings.HasPrefix(line, tb.Name+" ") {
			t.Errorf("line %d = %q, want object %s", i+1, line, tb.Name)
		}
		if ops := strings.Join(tb.Operations(), ", "); !strings.Contains(line, ops) {
			t.Errorf("%s: line %q lacks operations %q", tb.Name, line, ops)
		}
	}
}

func TestObjectsProcedures(t *testing.T) {
	t.Parallel()
	r := runCLI(t, map[string]string{}, nil, "objects", "--procedures")
	if r.code != 0 {
		t.Fatalf("exit code %d, stderr %q", r.code, r.stderr)
	}
	procs := catalog.Procedures()
	if n := strings.Count(r.stdout, "\n"); n != len(procs)+1 {
		t.Errorf("%d lines, want a header and %d procedures:\n%s", n, len(procs), r.stdout)
	}
	for _, p := range procs {
		if !strings.Contains(r.stdout, "\n"+p.Name+" ") {
			t.Errorf("output lacks procedure %s", p.Name)
		}
	}
}

package main

import (
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
)

func TestDescribe(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		arg  string
		want []string
	}{
		{"contacts", "Contacts", []string{"Contacts\n", "key:", "Id", "operations:  SELECT, INSERT, UPDATE, DELETE",
			"Email", "TEXT", "read-only", "write-only", "enum: none|toCall|called", "CustomFields[].Key",
			"FILTER", "LastModifiedAt", "changes:", "server-filter on LastModifiedAt"}},
		{"case-insensitive", "contacts", []string{"Contacts\n"}},
		{"detail-only and parent", "Sequences", []string{"detail-only", "Steps[].Type", "required", "create-only"}},
		{"procedure", "StartSequence", []string{"StartSequence (procedure)", "CALL StartSequence(SequenceId)",
			"SequenceId", "BIGINT", "required"}},
		{"procedure, any case", "startsequence", []string{"StartSequence (procedure)"}},
		{"child object", "SequenceSteps", []string{"parent:", "Sequences (SequenceId = Sequences.Id)", "parent key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, map[string]string{}, nil, "describe", tt.arg)
			if r.code != 0 {
				t.Fatalf("exit code %d, stderr %q", r.code, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, r.stdout)
				}
			}
		})
	}
}

// TestDescribeEveryObject describes every table: each column appears.
func TestDescribeEveryObject(t *testing.T) {
	t.Parallel()
	for _, tb := range catalog.All() {
		r := runCLI(t, map[string]string{}, nil, "describe", tb.Name)
		if r.code != 0 {
			t.Errorf("describe %s: exit code %d, stderr %q", tb.Name, r.code, r.stderr)
			continue
		}
		for _, c := range tb.Columns {
			if !strings.Contains(r.stdout, "\n"+c.Name+" ") {
				t.Errorf("describe %s lacks column %s", tb.Name, c.Name)
			}
		}
	}
}

// TestDescribeEveryProcedure describes every procedure: each parameter appears.
func TestDescribeEveryProcedure(t *testing.T) {
	t.Parallel()
	for _, p := range catalog.Procedures() {
		r := runCLI(t, map[string]string{}, nil, "describe", p.Name)
		if r.code != 0 {
			t.Errorf("describe %s: exit code %d, stderr %q", p.Name, r.code, r.stderr)
			continue
		}
		for _, pa := range p.Params {
			if !strings.Contains(r.stdout, "\n"+pa.Name+" ") {
				t.Errorf("describe %s lacks parameter %s", p.Name, pa.Name)
			}
		}
	}
}

func TestDescribeUnknown(t *testing.T) {
	t.Parallel()
	wantOneLineError(t, runCLI(t, map[string]string{}, nil, "describe", "Nope"), `no object or procedure named "Nope"`)
}

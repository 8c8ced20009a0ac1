package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
)

func TestDemo(t *testing.T) {
	t.Parallel()
	r := runCLI(t, map[string]string{}, nil, "demo", "--log-level", "error")
	if r.code != 0 {
		t.Fatalf("exit code %d, stderr %q", r.code, r.stderr)
	}
	for _, tb := range catalog.All() {
		if !strings.Contains(r.stdout, "\n"+tb.Name+": ") {
			t.Errorf("demo output lacks object %s", tb.Name)
		}
	}
	want := "Contacts: " + strconv.Itoa(demoSeed().Contacts) + " rows (1 API call)"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("demo output lacks %q:\n%s", want, r.stdout)
	}
	if strings.Contains(r.stdout, "  error: ") {
		t.Errorf("an object failed to list:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "API calls") {
		t.Errorf("demo output lacks the call total")
	}
}

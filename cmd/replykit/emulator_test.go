package main

import (
	"bufio"
	"context"
	"io"
	"strings"
	"testing"
)

func TestEmulatorCommand(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		e := env{Getenv: func(string) string { return "" }}
		done <- execute(ctx, e, []string{"emulator", "--addr", "127.0.0.1:0", "--contacts", "20", "--key", "emu-key"},
			pw, io.Discard)
		pw.Close()
	}()

	vars := map[string]string{}
	sc := bufio.NewScanner(pr)
	for i := 0; i < 2 && sc.Scan(); i++ {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if !ok {
			t.Fatalf("line %d = %q, want NAME=value", i+1, sc.Text())
		}
		vars[k] = v
	}
	go io.Copy(io.Discard, pr) // nothing more is expected, but never block the command
	if !strings.HasPrefix(vars["REPLY_BASE_URL"], "http://127.0.0.1:") || vars["REPLY_API_KEY"] != "emu-key" {
		t.Fatalf("printed %v, want REPLY_BASE_URL=http://127.0.0.1:port and REPLY_API_KEY=emu-key", vars)
	}

	r := runCLI(t, vars, nil, "whoami")
	if r.code != 0 || !strings.Contains(r.stdout, "Alex Morgan") {
		t.Errorf("whoami against the emulator: code %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	vars["REPLY_API_KEY"] = "not-the-emulator-key"
	wantOneLineError(t, runCLI(t, vars, nil, "whoami"), "401")

	cancel()
	if code := <-done; code != 0 {
		t.Errorf("emulator exit code after cancel = %d, want 0", code)
	}
}

func TestEmulatorRefusesNonLoopback(t *testing.T) {
	t.Parallel()
	tests := []struct {
		addr    string
		wantErr bool
	}{
		{"127.0.0.1:0", false},
		{"localhost:8089", false},
		{"[::1]:8089", false},
		{"0.0.0.0:8089", true},
		{":8089", true},
		{"192.168.1.10:8089", true},
		{"example.com:80", true},
		{"no-port", true},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			t.Parallel()
			if err := checkLoopback(tt.addr); (err != nil) != tt.wantErr {
				t.Errorf("checkLoopback(%q) = %v, want error %v", tt.addr, err, tt.wantErr)
			}
		})
	}
	wantOneLineError(t, runCLI(t, map[string]string{}, nil, "emulator", "--addr", "0.0.0.0:0"), "--insecure-listen")
}

// TestEmulatorAnyKey: without --key the emulator accepts any non-empty key and prints one.
func TestEmulatorAnyKey(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		e := env{Getenv: func(string) string { return "" }}
		done <- execute(ctx, e, []string{"emulator", "--addr", "127.0.0.1:0", "--contacts", "5"}, pw, io.Discard)
		pw.Close()
	}()
	vars := map[string]string{}
	sc := bufio.NewScanner(pr)
	for i := 0; i < 2 && sc.Scan(); i++ {
		k, v, _ := strings.Cut(sc.Text(), "=")
		vars[k] = v
	}
	go io.Copy(io.Discard, pr)
	if vars["REPLY_API_KEY"] == "" {
		t.Fatalf("printed %v, want a REPLY_API_KEY", vars)
	}
	vars["REPLY_API_KEY"] = "some-other-key"
	if r := runCLI(t, vars, nil, "whoami"); r.code != 0 {
		t.Errorf("whoami with another key: code %d, stderr %q", r.code, r.stderr)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("emulator exit code after cancel = %d, want 0", code)
	}
}

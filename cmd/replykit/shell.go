package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/sqlengine"
)

func newShellCmd(cfg *Config) *cobra.Command {
	var (
		format   string
		stats    bool
		cacheTTL time.Duration
		history  string
		params   []string
	)
	cmd := &cobra.Command{
		Use:   "shell",
		Short: "Interactive SQL prompt over Reply objects",
		Long: `Shell reads SQL statements ending in ';' and runs them like replykit query. Commands:
  \q, exit, quit          leave
  \history, history       list previous statements;  !N  runs statement N again
  \format table|csv|json  change the output format
  \stats on|off           print API calls, rows and rate-limit wait per statement
  \param Name=value       bind :Name for the next statements
Statements are saved to the history file (default ~/.config/replykit/sql_history; --history "" disables).
Ctrl-C cancels the running statement, or clears a statement being typed; Ctrl-D or \q leaves.

The shell reads plain lines (no line editing of its own). For arrow keys, line editing, Ctrl-R search and
a history of typed lines across sessions, run it under rlwrap (apt install rlwrap; brew install rlwrap):

  rlwrap replykit shell           # typed lines kept in ~/.replykit_history
  rlwrap -r replykit shell        # also complete words seen (table and column names once shown)`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			p, err := parseParams(params)
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("history") {
				if dir, err := os.UserConfigDir(); err == nil {
					history = filepath.Join(dir, "replykit", "sql_history")
				}
			}
			c, e, err := newSQLEngine(cmd.Context(), cfg, cacheTTL)
			if err != nil {
				return err
			}
			defer e.Close()
			// The shell takes SIGINT and SIGTERM itself: Ctrl-C (which rlwrap passes on) cancels a statement,
			// not the session.
			sigs := make(chan os.Signal, 1)
			signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
			defer signal.Stop(sigs)
			sh := &shell{c: c, e: e, in: cmd.InOrStdin(), out: cmd.OutOrStdout(), errw: cmd.ErrOrStderr(),
				format: format, stats: stats, params: p, historyFile: history, signals: sigs}
			return sh.run(cmd.Context())
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "table", "output format: table, csv or json")
	fl.BoolVar(&stats, "stats", false, "print API calls by endpoint, rows and rate-limit wait per statement")
	fl.DurationVar(&cacheTTL, "cache-ttl", 0, "reuse complete reads across statements for this long (0 = off)")
	fl.StringVar(&history, "history", "", "history file (default ~/.config/replykit/sql_history; \"\" disables)")
	fl.StringArrayVar(&params, "param", nil, "bind :Name to value, as Name=value (repeatable)")
	return cmd
}

type shell struct {
	c           *reply.Client
	e           *sqlengine.Engine
	in          io.Reader
	out, errw   io.Writer
	format      string
	stats       bool
	params      map[string]string
	history     []string
	historyFile string
	// signals: os.Interrupt cancels the running statement or clears the one being typed; any other signal
	// ends the shell. nil: none.
	signals <-chan os.Signal
	ended   bool // a terminating signal arrived
}

// line is one line of input, or the end of it (eof, with the read error if any).
type line struct {
	text string
	eof  bool
	err  error
}

// run reads and runs statements until \q, the end of input or a terminating signal. Statements run on a
// context of their own: the command's context is cancelled by the first Ctrl-C, which here only cancels the
// running statement.
func (s *shell) run(ctx context.Context) error {
	base := context.WithoutCancel(ctx)
	s.loadHistory()
	fmt.Fprintln(s.out, `replykit SQL shell: database reply. End statements with ';'. \q to quit, \history, !N.`)
	lines := make(chan line)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		sc := bufio.NewScanner(s.in)
		sc.Buffer(make([]byte, 64*1024), 16<<20)
		for {
			l := line{}
			if sc.Scan() {
				l.text = sc.Text()
			} else {
				l.eof, l.err = true, sc.Err()
			}
			select {
			case lines <- l:
			case <-stop:
				return
			}
			if l.eof {
				return
			}
		}
	}()
	var buf strings.Builder
	for {
		if buf.Len() == 0 {
			fmt.Fprint(s.out, "reply> ")
		} else {
			fmt.Fprint(s.out, "    -> ")
		}
		var l line
		select {
		case l = <-lines:
		case sig := <-s.signals:
			if sig != os.Interrupt {
				fmt.Fprintln(s.out)
				return nil
			}
			fmt.Fprintln(s.out, "^C")
			buf.Reset()
			continue
		}
		if l.eof {
			fmt.Fprintln(s.out)
			if rest := strings.TrimSpace(buf.String()); rest != "" {
				s.exec(base, rest)
			}
			return l.err
		}
		if buf.Len() == 0 {
			quit, handled := s.command(base, strings.TrimSpace(l.text))
			if quit || s.ended {
				return nil
			}
			if handled {
				continue
			}
		}
		buf.WriteString(l.text)
		buf.WriteString("\n")
		if sqlengine.Complete(buf.String()) {
			s.exec(base, buf.String())
			buf.Reset()
			if s.ended {
				return nil
			}
		}
	}
}

// command runs a shell command; handled is false for SQL.
func (s *shell) command(ctx context.Context, line string) (quit, handled bool) {
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return false, true
	}
	switch strings.ToLower(strings.TrimSuffix(fields[0], ";")) {
	case `\q`, "exit", "quit":
		return true, true
	case `\history`, "history":
		for i, h := range s.history {
			fmt.Fprintf(s.out, "%4d  %s\n", i+1, strings.Join(strings.Fields(h), " "))
		}
		return false, true
	case `\format`:
		if len(fields) == 2 && checkFormat(fields[1]) == nil {
			s.format = fields[1]
		} else {
			fmt.Fprintln(s.errw, `usage: \format table|csv|json`)
		}
		return false, true
	case `\stats`:
		s.stats = len(fields) < 2 || fields[1] != "off"
		return false, true
	case `\param`:
		p, err := parseParams(fields[1:])
		if err != nil {
			fmt.Fprintln(s.errw, "error:", err)
		}
		for k, v := range p {
			s.params[k] = v
		}
		return false, true
	}
	if strings.HasPrefix(line, "!") {
		n, err := strconv.Atoi(line[1:])
		if err != nil || n < 1 || n > len(s.history) {
			fmt.Fprintf(s.errw, "error: no history entry %s\n", line[1:])
			return false, true
		}
		fmt.Fprintln(s.out, s.history[n-1])
		s.exec(ctx, s.history[n-1])
		return false, true
	}
	return false, false
}

// exec runs the statements of text; a signal cancels them (an interrupt the running one, and the rest).
func (s *shell) exec(ctx context.Context, text string) {
	text = strings.TrimSpace(text)
	s.addHistory(text)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	interrupted := make(chan bool, 1)
	go func() {
		select {
		case sig := <-s.signals:
			interrupted <- sig == os.Interrupt
			cancel()
		case <-done:
		}
	}()
	defer func() {
		close(done)
		cancel()
	}()
	out := &resultWriter{w: s.out, format: s.format}
	for _, stmt := range sqlengine.Split(text) {
		err := runStatement(ctx, s.c, s.e, stmt, s.params, out, s.errw, s.stats)
		if ctx.Err() != nil {
			if !<-interrupted {
				s.ended = true
			}
			fmt.Fprintln(s.errw, "cancelled: "+abbreviate(stmt))
			return
		}
		if err != nil {
			fmt.Fprintln(s.errw, "error:", strings.Join(strings.Fields(err.Error()), " "))
			return
		}
	}
}

func (s *shell) loadHistory() {
	if s.historyFile == "" {
		return
	}
	b, err := os.ReadFile(s.historyFile)
	if err != nil {
		return
	}
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			s.history = append(s.history, l)
		}
	}
}

// addHistory records a statement, one line each in the history file.
func (s *shell) addHistory(text string) {
	one := strings.Join(strings.Fields(text), " ")
	if one == "" || (len(s.history) > 0 && s.history[len(s.history)-1] == one) {
		return
	}
	s.history = append(s.history, one)
	if s.historyFile == "" {
		return
	}
	if err := os.MkdirAll(filepath.Dir(s.historyFile), 0o700); err != nil {
		return
	}
	f, err := os.OpenFile(s.historyFile, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintln(f, one)
}

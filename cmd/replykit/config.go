package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/reply"
)

// DefaultBaseURL is the Reply API's base URL.
const DefaultBaseURL = reply.DefaultBaseURL

// Config is the resolved configuration of one run: flags win over environment variables, which win over the
// config file. Build it with newConfig and bind its flags with bindFlags; read it through its methods.
type Config struct {
	env    env
	stdout io.Writer
	stderr io.Writer

	// Flag values (global, persistent flags of the root command).
	ConfigFile string // --config
	APIKeyFile string // --api-key-file
	BaseURL    string // --base-url
	RPM        int    // --rpm: client requests per minute; 0 = no limit
	RPH        int    // --rph: client requests per hour; 0 = no limit
	LogLevel   string // --log-level: debug, info, warn, error
	LogFormat  string // --log-format: text, json

	root *cobra.Command // for Changed: which flags were given

	mu       sync.Mutex // guards what follows: commands may ask for the client or logger from several goroutines
	resolved bool
	apiKey   string
	file     configFile
	logger   *slog.Logger
	client   *reply.Client
}

// configFile is the JSON config file, ~/.config/replykit/config.json by default.
type configFile struct {
	APIKey  string `json:"apiKey"`
	BaseURL string `json:"baseUrl"`
	RPM     *int   `json:"rpm"`
	RPH     *int   `json:"rph"`
}

func newConfig(e env, stdout, stderr io.Writer) *Config {
	if e.Getenv == nil {
		e.Getenv = func(string) string { return "" }
	}
	return &Config{env: e, stdout: stdout, stderr: stderr}
}

// bindFlags adds the global flags to root.
func (cfg *Config) bindFlags(root *cobra.Command) {
	cfg.root = root
	f := root.PersistentFlags()
	f.StringVar(&cfg.ConfigFile, "config", "", "config file (default ~/.config/replykit/config.json)")
	f.StringVar(&cfg.APIKeyFile, "api-key-file", "", "file holding the Reply API key (default: $REPLY_API_KEY, then the config file)")
	f.StringVar(&cfg.BaseURL, "base-url", "", "Reply API base URL (default: $REPLY_BASE_URL, then the config file, then "+DefaultBaseURL+")")
	f.IntVar(&cfg.RPM, "rpm", 100, "client requests per minute (0 = no limit)")
	f.IntVar(&cfg.RPH, "rph", 3000, "client requests per hour (0 = no limit)")
	f.StringVar(&cfg.LogLevel, "log-level", "info", "log level: debug, info, warn, error")
	f.StringVar(&cfg.LogFormat, "log-format", "text", "log format on stderr: text or json")
}

// Getenv returns the environment variable of this run.
func (cfg *Config) Getenv(key string) string { return cfg.env.Getenv(key) }

// changed reports whether the global flag name was given on the command line.
func (cfg *Config) changed(name string) bool {
	if cfg.root == nil {
		return false
	}
	f := cfg.root.PersistentFlags().Lookup(name)
	return f != nil && f.Changed
}

// validate checks the flags that need no I/O. The root command runs it before every subcommand.
func (cfg *Config) validate() error {
	if _, err := parseLevel(cfg.LogLevel); err != nil {
		return err
	}
	switch cfg.LogFormat {
	case "text", "json":
	default:
		return fmt.Errorf("--log-format %q: want text or json", cfg.LogFormat)
	}
	if cfg.RPM < 0 || cfg.RPH < 0 {
		return errors.New("--rpm and --rph must be 0 (no limit) or positive")
	}
	return nil
}

// resolve reads the config file and the API key once.
func (cfg *Config) resolve() error {
	if cfg.resolved {
		return nil
	}
	if err := cfg.readFile(); err != nil {
		return err
	}
	if !cfg.changed("base-url") {
		cfg.BaseURL = firstNonEmpty(cfg.Getenv("REPLY_BASE_URL"), cfg.file.BaseURL, DefaultBaseURL)
	}
	if !cfg.changed("rpm") && cfg.file.RPM != nil {
		cfg.RPM = *cfg.file.RPM
	}
	if !cfg.changed("rph") && cfg.file.RPH != nil {
		cfg.RPH = *cfg.file.RPH
	}
	switch {
	case cfg.APIKeyFile != "":
		b, err := os.ReadFile(cfg.APIKeyFile)
		if err != nil {
			return fmt.Errorf("reading --api-key-file: %w", err)
		}
		cfg.apiKey = strings.TrimSpace(string(b))
		if cfg.apiKey == "" {
			return fmt.Errorf("--api-key-file %s is empty", cfg.APIKeyFile)
		}
	case cfg.Getenv("REPLY_API_KEY") != "":
		cfg.apiKey = strings.TrimSpace(cfg.Getenv("REPLY_API_KEY"))
	default:
		cfg.apiKey = strings.TrimSpace(cfg.file.APIKey)
	}
	cfg.resolved = true
	return nil
}

// configPath returns the config file to read and whether it was asked for explicitly.
func (cfg *Config) configPath() (string, bool) {
	if cfg.ConfigFile != "" {
		return cfg.ConfigFile, true
	}
	if p := cfg.Getenv("REPLYKIT_CONFIG"); p != "" {
		return p, true
	}
	if d := cfg.Getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "replykit", "config.json"), false
	}
	if h := cfg.Getenv("HOME"); h != "" {
		return filepath.Join(h, ".config", "replykit", "config.json"), false
	}
	return "", false
}

func (cfg *Config) readFile() error {
	p, explicit := cfg.configPath()
	if p == "" {
		return nil
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading config file: %w", err)
	}
	if err := json.Unmarshal(b, &cfg.file); err != nil {
		// The decoder's message can quote the file's content, which may hold the key: keep only the path.
		return fmt.Errorf("config file %s is not valid JSON (want {\"apiKey\": ..., \"baseUrl\": ..., \"rpm\": .., \"rph\": ..})", p)
	}
	return nil
}

// APIKey returns the resolved API key ("" when none is configured). Never print it.
func (cfg *Config) APIKey() (string, error) {
	cfg.mu.Lock()
	defer cfg.mu.Unlock()
	if err := cfg.resolve(); err != nil {
		return "", err
	}
	return cfg.apiKey, nil
}

// ResolvedBaseURL returns the API base URL after flags, environment and config file.
func (cfg *Config) ResolvedBaseURL() (string, error) {
	cfg.mu.Lock()
	defer cfg.mu.Unlock()
	if err := cfg.resolve(); err != nil {
		return "", err
	}
	return cfg.BaseURL, nil
}

// Logger returns the run's logger: slog to stderr, with --log-level and --log-format.
func (cfg *Config) Logger() *slog.Logger {
	cfg.mu.Lock()
	defer cfg.mu.Unlock()
	return cfg.loggerLocked()
}

func (cfg *Config) loggerLocked() *slog.Logger {
	if cfg.logger != nil {
		return cfg.logger
	}
	level, err := parseLevel(cfg.LogLevel)
	if err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(cfg.stderr, opts)
	} else {
		h = slog.NewTextHandler(cfg.stderr, opts)
	}
	cfg.logger = slog.New(h)
	return cfg.logger
}

// Client returns the run's Reply API client, built once from the resolved key, base URL and --rpm/--rph, so
// every command of a run shares one pacer. The error says what is missing; it never contains the key.
func (cfg *Config) Client(ctx context.Context) (*reply.Client, error) {
	cfg.mu.Lock()
	defer cfg.mu.Unlock()
	if cfg.client != nil {
		return cfg.client, nil
	}
	if err := cfg.resolve(); err != nil {
		return nil, err
	}
	if cfg.apiKey == "" {
		return nil, errors.New("no API key: set REPLY_API_KEY, pass --api-key-file, or put \"apiKey\" in the config file")
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("base URL %q: want http(s)://host[:port]", cfg.BaseURL)
	}
	c, err := cfg.newReplyClientLocked(cfg.apiKey, cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	cfg.client = c
	return c, nil
}

// newReplyClient builds a client of the API at baseURL with the run's pacing and logger.
func (cfg *Config) newReplyClient(apiKey, baseURL string, opts ...reply.Option) (*reply.Client, error) {
	cfg.mu.Lock()
	defer cfg.mu.Unlock()
	return cfg.newReplyClientLocked(apiKey, baseURL, opts...)
}

func (cfg *Config) newReplyClientLocked(apiKey, baseURL string, opts ...reply.Option) (*reply.Client, error) {
	base := []reply.Option{
		reply.WithBaseURL(baseURL),
		reply.WithRateLimits(cfg.RPM, cfg.RPH),
		reply.WithLogger(cfg.loggerLocked()),
	}
	opts = append(append(base, opts...), cfg.env.ClientOptions...)
	c, err := reply.NewClient(apiKey, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating the API client: %w", err)
	}
	return c, nil
}

// describeError returns err as one line for the user, naming the usual problems plainly and never containing
// the API key.
func (cfg *Config) describeError(err error) string {
	var msg string
	var opErr *net.OpError // connection refused, reset, timeout
	var dnsErr *net.DNSError
	var rerr *reply.Error
	switch {
	case errors.Is(err, reply.ErrUnauthorized):
		msg = "the API key was rejected (401): check REPLY_API_KEY, --api-key-file or the config file"
		if cfg.BaseURL != "" && cfg.BaseURL != DefaultBaseURL {
			msg += " (base URL " + cfg.BaseURL + ")"
		}
	case errors.Is(err, reply.ErrForbidden) && errors.As(err, &rerr):
		msg = "the API key may not do this (403)"
		if d := firstNonEmpty(rerr.Detail, rerr.Code); d != "" {
			msg += ": " + d
		}
	case errors.Is(err, context.Canceled):
		msg = "interrupted"
	case errors.As(err, &opErr) || errors.As(err, &dnsErr):
		cause := error(opErr)
		if opErr == nil {
			cause = dnsErr
		}
		msg = fmt.Sprintf("cannot reach the Reply API at %s: %v", cfg.BaseURL, cause)
	default:
		msg = err.Error()
	}
	msg = strings.Join(strings.Fields(msg), " ") // one line
	return cfg.redact(msg)
}

// redact removes the API key from s.
func (cfg *Config) redact(s string) string {
	if k := cfg.apiKey; len(k) >= 4 {
		s = strings.ReplaceAll(s, k, "[REDACTED]")
	}
	if k := strings.TrimSpace(cfg.Getenv("REPLY_API_KEY")); len(k) >= 4 {
		s = strings.ReplaceAll(s, k, "[REDACTED]")
	}
	return s
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("--log-level %q: want debug, info, warn or error", s)
	}
	return l, nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

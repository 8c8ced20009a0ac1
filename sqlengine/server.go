package sqlengine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"

	"github.com/dolthub/go-mysql-server/server"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
)

// ErrNoPassword is returned by NewServer when no password is given and insecure access was not asked for.
var ErrNoPassword = errors.New("refusing to serve without a password")

// ErrServing is returned by [Engine.NewServer] when the engine already has a server: an engine serves one.
var ErrServing = errors.New("sqlengine: this engine already has a server; make another engine for another server")

// ServerConfig configures the MySQL-wire server.
type ServerConfig struct {
	Listener net.Listener // where to accept connections (the caller opens it: cmd/replykit, or a test on :0)
	User     string       // the one account's user name
	Password string       // its password (mysql_native_password)
	// Insecure accepts any user and password. Without it, an empty Password is refused with ErrNoPassword.
	Insecure bool
}

// Server serves the engine over the MySQL wire protocol: the mysql and mariadb clients, go-sql-driver/mysql,
// BI tools. Connections start in database `reply`.
type Server struct {
	srv *server.Server
	lis net.Listener
}

// NewServer returns a server for e on cfg.Listener; an engine has at most one (the error wraps [ErrServing]
// otherwise), and [ErrNoPassword] without a password unless Insecure. Array literals ([1, 2]) in text queries are quoted for
// procedures, as in Query; prepared statements bind them as string parameters.
func (e *Engine) NewServer(cfg ServerConfig) (*Server, error) {
	if cfg.Listener == nil {
		return nil, errors.New("sqlengine: no listener")
	}
	if cfg.Password == "" && !cfg.Insecure {
		return nil, ErrNoPassword
	}
	// Each MySQL listener numbers its connections from 1, and the engine keeps one process list: two servers on
	// one engine would register the same connection ids and drop each other's connections.
	e.mu.Lock()
	if e.serving {
		e.mu.Unlock()
		return nil, ErrServing
	}
	e.serving = true
	e.mu.Unlock()
	scfg := server.Config{Protocol: "tcp", Address: cfg.Listener.Addr().String(), Listener: cfg.Listener}
	if !cfg.Insecure {
		users, err := json.Marshal(map[string][]mysql.AuthServerStaticEntry{cfg.User: {{Password: cfg.Password}}})
		if err != nil {
			return nil, err
		}
		auth := mysql.NewAuthServerStatic("", string(users), 0)
		scfg.ProtocolListenerFactory = func(c server.Config, l mysql.ListenerConfig, ev server.ServerEventListener) (server.ProtocolListener, error) {
			l.AuthServer = auth
			return server.MySQLProtocolListenerFactory(c, l, ev)
		}
	}
	sb := func(_ context.Context, c *mysql.Conn, addr string) (sql.Session, error) {
		s := sql.NewBaseSessionWithClientServer(addr, sql.Client{User: c.User, Address: c.RemoteAddr().String(), Capabilities: c.Capabilities}, c.ConnectionID)
		s.SetCurrentDatabase(DatabaseName)
		return s, nil
	}
	wrap := func(h mysql.Handler) (mysql.Handler, error) { return handler{Handler: h, e: e}, nil }
	srv, err := server.NewServerWithHandler(scfg, e.sqle, sql.NewContext, sb, nil, wrap)
	if err != nil {
		return nil, fmt.Errorf("sqlengine: server: %w", err)
	}
	return &Server{srv: srv, lis: cfg.Listener}, nil
}

// Addr returns the address the server listens on.
func (s *Server) Addr() net.Addr { return s.lis.Addr() }

// Serve accepts connections until Close.
func (s *Server) Serve() error { return s.srv.Start() }

// Close stops accepting connections.
func (s *Server) Close() error { return s.srv.Close() }

// handler quotes array literals in text queries and drops a connection's statement cache when it closes.
type handler struct {
	mysql.Handler
	e *Engine
}

func (h handler) ComQuery(ctx context.Context, c *mysql.Conn, q string, cb mysql.ResultSpoolFn) error {
	defer h.e.cache.endStatement(c.ConnectionID)
	h.e.writes.Delete(c.ConnectionID)
	return h.nameError(c, q, h.Handler.ComQuery(ctx, c, quoteArrays(q), cb))
}

func (h handler) ComMultiQuery(ctx context.Context, c *mysql.Conn, q string, cb mysql.ResultSpoolFn) (string, error) {
	defer h.e.cache.endStatement(c.ConnectionID)
	h.e.writes.Delete(c.ConnectionID)
	rest, err := h.Handler.ComMultiQuery(ctx, c, quoteArrays(q), cb)
	return rest, h.nameError(c, q, err)
}

func (h handler) ComStmtExecute(ctx context.Context, c *mysql.Conn, prepare *mysql.PrepareData, cb func(*sqltypes.Result) error) error {
	defer h.e.cache.endStatement(c.ConnectionID)
	h.e.writes.Delete(c.ConnectionID)
	return h.nameError(c, prepare.PrepareStmt, h.Handler.ComStmtExecute(ctx, c, prepare, cb))
}

// nameError names the table of a failed write (see Engine.nameWriteError) and an unknown table as q spells it,
// keeping the MySQL error number.
func (h handler) nameError(c *mysql.Conn, q string, err error) error {
	var se *mysql.SQLError
	if err == nil || !errors.As(err, &se) {
		return h.e.nameWriteError(c.ConnectionID, h.e.typedTableError(q, err))
	}
	msg, _ := h.e.typedTableMessage(q, se.Message)
	named := h.e.nameWriteError(c.ConnectionID, errors.New(msg))
	return &mysql.SQLError{Num: se.Num, State: se.State, Message: named.Error(), Query: se.Query}
}

func (h handler) ConnectionClosed(c *mysql.Conn) {
	h.e.cache.forget(c.ConnectionID)
	h.Handler.ConnectionClosed(c)
}

// quoteArrays quotes [..] literals outside quotes and comments; :name references are left to the server.
func quoteArrays(q string) string {
	var out []byte
	scan(q, func(code string) {
		out = append(out, bracketArr.ReplaceAllStringFunc(code, quote)...)
	}, func(l string) { out = append(out, l...) })
	return string(out)
}

package main

import (
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/spf13/cobra"

	"github.com/replykit/replykit/sqlengine"
)

func newServeCmd(cfg *Config) *cobra.Command {
	var (
		listen   string
		user     string
		password string
		insecure bool
		cacheTTL time.Duration
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve SQL over the MySQL protocol",
		Long: `Serve answers MySQL-protocol clients (mysql, mariadb, BI tools, any MySQL driver) with the same SQL as
replykit query: database reply, one table per Reply object, CALL for API actions.

  REPLYKIT_SQL_PASSWORD=secret replykit serve --user me
  mariadb -h 127.0.0.1 -P 3306 -u me -psecret reply

It listens on 127.0.0.1:3306 by default (loopback only) and refuses to start without a password
(--password or REPLYKIT_SQL_PASSWORD) unless --insecure, which accepts any user and password.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if password == "" {
				password = cfg.Getenv("REPLYKIT_SQL_PASSWORD")
			}
			if password == "" && !insecure {
				return errors.New("refusing to serve without a password: pass --password or set REPLYKIT_SQL_PASSWORD (or --insecure to accept anyone)")
			}
			_, e, err := newSQLEngine(cmd.Context(), cfg, cacheTTL)
			if err != nil {
				return err
			}
			defer e.Close()
			lis, err := net.Listen("tcp", listen)
			if err != nil {
				return err
			}
			srv, err := e.NewServer(sqlengine.ServerConfig{Listener: lis, User: user, Password: password, Insecure: insecure})
			if err != nil {
				lis.Close()
				return err
			}
			log := cfg.Logger()
			// go-mysql-server logs through logrus: per-connection lines at info, and warnings about file
			// privileges that do not apply here. Keep them for --log-level debug.
			if cfg.LogLevel == "debug" {
				logrus.SetLevel(logrus.DebugLevel)
			} else {
				logrus.SetLevel(logrus.ErrorLevel)
			}
			if host, _, err := net.SplitHostPort(lis.Addr().String()); err == nil {
				if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
					log.Warn("serving on a non-loopback address", "addr", lis.Addr().String())
				}
			}
			log.Info("serving SQL", "addr", lis.Addr().String(), "database", sqlengine.DatabaseName, "user", user, "insecure", insecure)
			done := make(chan error, 1)
			go func() { done <- srv.Serve() }()
			select {
			case <-cmd.Context().Done():
				srv.Close()
				<-done
				return nil
			case err := <-done:
				if err != nil {
					return fmt.Errorf("serve: %w", err)
				}
				return nil
			}
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&listen, "listen", "127.0.0.1:3306", "address to listen on")
	fl.StringVar(&user, "user", "replykit", "user name clients log in with")
	fl.StringVar(&password, "password", "", "password clients log in with (default $REPLYKIT_SQL_PASSWORD)")
	fl.BoolVar(&insecure, "insecure", false, "accept any user and password")
	fl.DurationVar(&cacheTTL, "cache-ttl", 0, "reuse complete reads across statements for this long (0 = off)")
	return cmd
}

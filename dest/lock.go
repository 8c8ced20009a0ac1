package dest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
)

// ErrLocked is returned by [Writer.Lock] when another session holds the destination's replication lock.
var ErrLocked = errors.New("another replicate run holds the lock")

// Lock takes the replication lock of the destination (one per state table, so per prefix and per
// schema/database) without waiting, on a connection of db that it keeps until unlock is called. The lock belongs
// to that database session: it goes away with the session, so a killed process leaves no stale lock. It returns
// an error wrapping [ErrLocked] when another session holds it. A dialect without a lock (nil TryLock) returns a
// no-op unlock.
func (w *Writer) Lock(ctx context.Context, db *sql.DB) (unlock func(), err error) {
	if w.D.TryLock == nil {
		return func() {}, nil
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("dest: connect: %w", err)
	}
	name := w.stateName()
	ok, err := w.D.TryLock(ctx, conn, name)
	if err != nil {
		discard(conn)
		return nil, fmt.Errorf("dest: lock %s: %w", name, err)
	}
	if !ok {
		discard(conn)
		return nil, fmt.Errorf("dest: %s: %w", name, ErrLocked)
	}
	return func() {
		// The run's context may be cancelled: unlock with a short context of its own, then drop the session,
		// which releases the lock in any case.
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if w.D.Unlock != nil {
			if err := w.D.Unlock(uctx, conn, name); err != nil {
				w.Log.DebugContext(uctx, "unlock", "table", name, "err", err)
			}
		}
		discard(conn)
	}, nil
}

// discard closes conn's session instead of returning it to the pool.
func discard(conn *sql.Conn) {
	conn.Raw(func(any) error { return driver.ErrBadConn })
	conn.Close()
}

// queryLock returns a TryLock running query (one bind parameter: the lock name), whose single result is true or
// 1 when the lock was taken.
func queryLock(query string) func(ctx context.Context, conn *sql.Conn, name string) (bool, error) {
	return func(ctx context.Context, conn *sql.Conn, name string) (bool, error) {
		var v any
		if err := conn.QueryRowContext(ctx, query, name).Scan(&v); err != nil {
			return false, err
		}
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			return x == 1, nil
		case []byte:
			return string(x) == "1", nil
		case string:
			return x == "1", nil
		}
		return false, fmt.Errorf("lock query returned %v", v) // NULL: an error on the server side (GET_LOCK)
	}
}

// queryUnlock returns an Unlock running query (one bind parameter: the lock name).
func queryUnlock(query string) func(ctx context.Context, conn *sql.Conn, name string) error {
	return func(ctx context.Context, conn *sql.Conn, name string) error {
		_, err := conn.ExecContext(ctx, query, name)
		return err
	}
}

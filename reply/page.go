package reply

import (
	"context"
	"iter"
	"net/url"
	"strconv"
)

// Page is one page of a list: its items, whether more follow and, where the endpoint reports it, the total
// number of matching items.
type Page[T any] struct {
	Items      []T  `json:"items"`
	HasMore    bool `json:"hasMore"`
	TotalCount *int `json:"totalCount,omitempty"`
}

// Paging holds the offset paging of a list call. Top is the page size (0: the endpoint's maximum when listing,
// the API default for ListPage); Skip the number of items to skip; Limit caps the total number of items List
// yields (0: no cap) and shrinks the last page requested accordingly.
type Paging struct {
	Top   int
	Skip  int
	Limit int
}

// query adds top and skip to q.
func (p Paging) query(q url.Values) url.Values {
	if q == nil {
		q = url.Values{}
	}
	if p.Top > 0 {
		q.Set("top", strconv.Itoa(p.Top))
	}
	if p.Skip > 0 {
		q.Set("skip", strconv.Itoa(p.Skip))
	}
	return q
}

// pages turns a page fetcher into a lazy iterator: it fetches one page at a time (page size min(Top or maxTop,
// rows still wanted)), stops at the end of the list, at Limit, when yield returns false, or after yielding an
// error.
func pages[T any](ctx context.Context, p Paging, maxTop int, fetch func(ctx context.Context, p Paging) (Page[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		size := p.Top
		if size <= 0 || size > maxTop {
			size = maxTop
		}
		skip := max(p.Skip, 0)
		left := p.Limit // 0: unlimited
		for {
			top := size
			if left > 0 && left < top {
				top = left
			}
			pg, err := fetch(ctx, Paging{Top: top, Skip: skip})
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range pg.Items {
				if !yield(it, nil) {
					return
				}
				if left > 0 {
					left--
					if left == 0 {
						return
					}
				}
			}
			if !pg.HasMore || len(pg.Items) == 0 {
				return
			}
			skip += len(pg.Items)
		}
	}
}

// all turns a bare-array (unpaged) fetch into an iterator capped at limit (0: no cap).
func all[T any](ctx context.Context, limit int, fetch func(ctx context.Context) ([]T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		items, err := fetch(ctx)
		if err != nil {
			var zero T
			yield(zero, err)
			return
		}
		for i, it := range items {
			if limit > 0 && i >= limit {
				return
			}
			if !yield(it, nil) {
				return
			}
		}
	}
}

// Collect drains an iterator into a slice, stopping at the first error.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

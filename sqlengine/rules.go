package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/expression/function/aggregation"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
)

const (
	ruleShieldLike analyzer.RuleId = 9001 + iota
	ruleCountStar
	ruleRoutines
)

// safeLike hides a LIKE from go-mysql-server v0.20.0's simplifyFilters, which turns `col LIKE 'G%'` into a
// range ending at 'G\xff' and so loses rows such as 'GĀbor'.
type safeLike struct{ *expression.Like }

func (s safeLike) WithChildren(ch ...sql.Expression) (sql.Expression, error) {
	e, err := s.Like.WithChildren(ch...)
	if err != nil {
		return nil, err
	}
	return safeLike{e.(*expression.Like)}, nil
}

func shieldLike(ctx *sql.Context, a *analyzer.Analyzer, n sql.Node, sc *plan.Scope, sel analyzer.RuleSelector, qf *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.NodeExprsWithOpaque(n, func(e sql.Expression) (sql.Expression, transform.TreeIdentity, error) {
		switch e := e.(type) {
		case *expression.Like:
			return safeLike{e}, transform.NewTree, nil
		case *plan.Subquery:
			q, same, err := shieldLike(ctx, a, e.Query, sc, sel, qf)
			if err != nil || same {
				return e, transform.SameTree, err
			}
			return e.WithQuery(q), transform.NewTree, nil
		}
		return e, transform.SameTree, nil
	})
}

// countStar marks the table under a bare `SELECT COUNT(*) FROM T` so that RowCount asks the catalog's Count
// (Contacts: one call for totalCount) and go-mysql-server answers without scanning.
func countStar(ctx *sql.Context, a *analyzer.Analyzer, n sql.Node, sc *plan.Scope, sel analyzer.RuleSelector, qf *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		gb, ok := n.(*plan.GroupBy)
		if !ok || len(gb.SelectedExprs) != 1 || len(gb.GroupByExprs) != 0 {
			return n, transform.SameTree, nil
		}
		e := gb.SelectedExprs[0]
		if al, ok := e.(*expression.Alias); ok {
			e = al.Child
		}
		cnt, ok := e.(*aggregation.Count)
		if !ok {
			return n, transform.SameTree, nil
		}
		switch cnt.Child.(type) {
		case *expression.Star, *expression.Literal:
		default:
			return n, transform.SameTree, nil
		}
		rt, ok := gb.Child.(*plan.ResolvedTable)
		if !ok {
			return n, transform.SameTree, nil
		}
		t, ok := rt.Table.(*Table)
		if !ok || t.countStar || t.t.Count == nil {
			return n, transform.SameTree, nil
		}
		c := *t
		c.countStar = true
		nrt, err := rt.WithTable(&c)
		if err != nil {
			return nil, transform.SameTree, err
		}
		ng, err := gb.WithChildren(nrt)
		if err != nil {
			return nil, transform.SameTree, err
		}
		return ng, transform.NewTree, nil
	})
}

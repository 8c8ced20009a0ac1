package catalog

import "reflect"

// Hooks for the external tests (compiled only into this package's tests).

// RowFrom is rowFrom: the conversion plan of v's type where it has one.
func RowFrom(t *Table, v any) (Row, error) { return rowFrom(t, v) }

// RowFromJSON is rowFrom's JSON path.
func RowFromJSON(t *Table, v any) (Row, error) { return rowFromJSON(t, v) }

// SetPlans turns t's conversion plans on (a new, empty cache) or off (every object converts through JSON).
func SetPlans(t *Table, on bool) {
	t.plans = nil
	if on {
		t.plans = &rowPlans{}
	}
}

// Planned reports whether rowFrom converts v to a row of t through a plan.
func Planned(t *Table, v any) bool { return t.planFor(reflect.ValueOf(v)) != nil }

// PlanTypes lists the Go types t has planned so far, with whether each has a plan (false: JSON path).
func PlanTypes(t *Table) map[string]bool {
	out := map[string]bool{}
	if t.plans == nil {
		return out
	}
	t.plans.m.Range(func(k, v any) bool {
		out[k.(reflect.Type).String()] = v.(*rowPlan).ok
		return true
	})
	return out
}

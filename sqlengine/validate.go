package sqlengine

import "github.com/replykit/replykit/catalog"

// validateRow checks a row before it is sent (types, required columns, enums, Steps per step type).
func validateRow(t *catalog.Table, r catalog.Row, insert bool) error {
	return catalog.ValidateRow(t, r, insert)
}

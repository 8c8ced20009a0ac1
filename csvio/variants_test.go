package csvio_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/csvio"
	"github.com/replykit/replykit/reply/replytest"
)

// TestImportVariantMessage: a variant's message is optional on a LinkedIn connect step (REFERENCE.md §2.14), so
// an exported empty cell re-imports there (the catalog used to reject it as required before any call); a LinkedIn
// message step requires a non-empty message and a connect message is at most 300 characters: errors.csv carries
// the API's pointer and reason. An email variant takes an empty message (the client sends "message": "", which
// the variants endpoint accepts). In the small account, step 1005 is a connect step, 1004 a LinkedIn message
// step and 1003 an email step (all of sequence 1001).
func TestImportVariantMessage(t *testing.T) {
	t.Parallel()
	_, c := mustServer(t, replytest.WithSeed(replytest.SmallAccount))
	input := "SequenceId,StepId,Subject,Message,IsEnabled\n" +
		"1001,1005,,,true\n" +
		"1001,1005,,Hi {{firstName}},false\n" +
		"1001,1005,,\"" + strings.Repeat("x", 301) + "\",false\n" +
		"1001,1004,,,true\n" +
		"1001,1003,,,true\n"
	im, err := csvio.NewImporter(c, mustTable(t, "SequenceStepVariants"), csvio.ImportOptions{Mode: csvio.Insert})
	if err != nil {
		t.Fatal(err)
	}
	before := c.Stats()
	got, err := runImport(t, im, input, nil, nil)
	var pe *catalog.PartialError
	if err != nil && (!errors.As(err, &pe) || pe.Err != nil) {
		t.Fatal(err)
	}
	golden(t, "variants_message.txt", []byte(strings.ReplaceAll(got, strings.Repeat("x", 301), "x×301")+
		calls(c, before)))
}

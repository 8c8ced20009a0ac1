package csvio_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/csvio"
)

// TestImportMembersAndUnchanged: Column.member columns and --set constants fill members of a JSON object column
// (the passwords an EmailAccounts export never carries), and an upsert matched by --key writes nothing for a row
// equal to the stored one (the default "Business hours" schedule of a new account).
func TestImportMembersAndUnchanged(t *testing.T) {
	t.Parallel()
	conn := `"{""email"":""%s"",""smtpHost"":""smtp.x.example"",""smtpPort"":587,""smtpSsl"":true,""imapHost"":""imap.x.example"",""imapPort"":993,""imapSsl"":true}"`
	steps := []importStep{
		{name: "email_accounts_passwords", table: "EmailAccounts", opts: csvio.ImportOptions{Mode: csvio.Insert,
			Set: map[string]string{"Connection.imapPassword": "imap-secret"}},
			input: "Email,SenderName,Connection,Connection.smtpPassword\n" +
				"one@x.example,One," + fmt.Sprintf(conn, "one@x.example") + ",smtp-secret\n" +
				"two@x.example,Two," + fmt.Sprintf(conn, "two@x.example") + ",\n" + // no smtp password: API 400
				"three@x.example,Three,[1],smtp-secret\n"}, // not an object: rejected before any call
		{name: "schedules_upsert_unchanged", table: "Schedules", opts: csvio.ImportOptions{Mode: csvio.Upsert, Key: "Name"},
			input: "Name,TimezoneId,ExcludeHolidays\n" +
				"Business hours,Eastern Standard Time,false\n" + // the default schedule, as it is: no call
				"BUSINESS HOURS,Eastern Standard Time,\n" + // matched case-insensitively; the name's case changes: updated
				"Night shift,Tokyo Standard Time,true\n"}, // inserted
		{name: "schedules_upsert_changed", table: "Schedules", opts: csvio.ImportOptions{Mode: csvio.Upsert, Key: "Name"},
			input: "Name,ExcludeHolidays\nNight shift,true\nBusiness hours,true\n"}, // one unchanged, one updated
	}
	_, c := mustServer(t)
	for _, st := range steps {
		im, err := csvio.NewImporter(c, mustTable(t, st.table), st.opts)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		before := c.Stats()
		got, err := runImport(t, im, st.input, nil, nil)
		var pe *catalog.PartialError
		if err != nil && (!errors.As(err, &pe) || pe.Err != nil) {
			t.Fatalf("%s: %v", st.name, err)
		}
		golden(t, "members_"+st.name+".txt", []byte(got+calls(c, before)))
	}
	for _, set := range []string{"Email.x", "Connection.", "Nope.x"} {
		if _, err := csvio.NewImporter(c, mustTable(t, "EmailAccounts"), csvio.ImportOptions{Mode: csvio.Insert,
			Set: map[string]string{set: "v"}}); !errors.Is(err, csvio.ErrBadOption) {
			t.Errorf("--set %s: err = %v, want ErrBadOption", set, err)
		}
	}
}

package catalog

import "strings"

// All returns every table, in DESIGN.md's order. Each call builds new values: callers may not share mutations.
func All() []*Table {
	tables := []*Table{
		accounts(),
		contactLists(),
		contacts(),
		customFields(),
		domainBlacklistRules(),
		emailAccounts(),
		emailBlacklistRules(),
		emailExceptionBlacklistRules(),
		emailTemplateFolders(),
		emailTemplates(),
		holidayCalendars(),
		schedules(),
		sequenceFolders(),
		sequences(),
		sequenceSteps(),
		sequenceStepVariants(),
		tasks(),
		webhooks(),
		sequenceEmailAccounts(),
		sequenceLinkedInAccounts(),
		sequenceContacts(),
		sequencesInFolder(),
		linkedInAccounts(),
	}
	for _, t := range tables {
		t.List = rechecked(t, t.List)
		t.plans = &rowPlans{}
	}
	return tables
}

// Lookup returns the table with the given name, matched case-insensitively.
func Lookup(name string) (*Table, bool) {
	for _, t := range All() {
		if strings.EqualFold(t.Name, name) {
			return t, true
		}
	}
	return nil, false
}

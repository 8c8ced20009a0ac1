package reply

// BlacklistRulesService provides the calls of one of the three blacklist rule resources (domains, emails,
// email exceptions); they share their operations.
type BlacklistRulesService struct {
	c    *Client
	kind string // path segment: "domains", "emails", "email-exceptions"
}

package reply

import "context"

// WhoAmIService provides /v3/whoami (REFERENCE.md §2.22).
type WhoAmIService service

// User is the user an API key acts for.
type User struct {
	UserID   ID     `json:"userId"`
	Username string `json:"username"`
	TeamID   ID     `json:"teamId"`
}

// TeamUser is a member of the caller's team or organization.
type TeamUser struct {
	TeamID    ID     `json:"teamId"`
	TeamName  string `json:"teamName"`
	UserID    ID     `json:"userId"`
	UserName  string `json:"userName"`
	UserEmail string `json:"userEmail"`
}

// Get returns the calling user. A bad key wraps [ErrUnauthorized].
func (s *WhoAmIService) Get(ctx context.Context) (User, error) {
	return getJSON[User](ctx, s.c, "/v3/whoami", nil)
}

// TeamUsers returns the members of the caller's team or organization.
// A failure is an [*Error] (e.g. [ErrForbidden] without the scope).
func (s *WhoAmIService) TeamUsers(ctx context.Context) ([]TeamUser, error) {
	return getArray[TeamUser](ctx, s.c, "/v3/whoami/team-users", nil)
}

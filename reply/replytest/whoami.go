package replytest

import "net/http"

func (e *Emulator) registerWhoamiRoutes() {
	e.route("GET /v3/whoami", "whoami.get", func(c *call) {
		u := c.user()
		c.json(http.StatusOK, map[string]any{"userId": u.ID, "username": u.Name, "teamId": u.TeamID})
	})
	e.route("GET /v3/whoami/team-users", "whoami.teamUsers", func(c *call) {
		type item struct {
			TeamID    int64  `json:"teamId"`
			TeamName  string `json:"teamName"`
			UserID    int64  `json:"userId"`
			UserName  string `json:"userName"`
			UserEmail string `json:"userEmail"`
		}
		out := []item{}
		for _, u := range e.teamUsers() {
			out = append(out, item{u.TeamID, u.TeamName, u.ID, u.Name, u.Email})
		}
		c.json(http.StatusOK, out)
	})
}

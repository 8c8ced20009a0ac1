package replytest

import (
	"net/http"
	"strings"
	"time"
)

// linkedInAccountRec is a stored LinkedIn account (created only by seeds).
type linkedInAccountRec struct {
	ID           int64
	Name         string
	Status       string
	ProfileURL   nstr
	PhotoURL     nstr
	OwnerUserID  int64
	AccountType  nstr
	AuthType     string
	CookieStatus string
	RevokeOn     bool
	RevokeDays   int
}

// pendingLinkedInRec is a connection link not yet used.
type pendingLinkedInRec struct {
	ID        int64
	Name      string
	Link      string
	ExpiresAt time.Time
}

// linkedInAccount returns the LinkedIn account with the given id.
func (e *Emulator) linkedInAccount(id int64) (*linkedInAccountRec, bool) {
	return e.linkedInAccounts.get(id)
}

type liLimits struct {
	DailyDetectCount                              int `json:"dailyDetectCount"`
	DailySendConnectionRequestCount               int `json:"dailySendConnectionRequestCount"`
	DailySendMessageCount                         int `json:"dailySendMessageCount"`
	DailySendSalesNavigatorConnectionRequestCount int `json:"dailySendSalesNavigatorConnectionRequestCount"`
	DailyInMailCount                              int `json:"dailyInMailCount"`
	DailyViewProfileCount                         int `json:"dailyViewProfileCount"`
	DailyLikeRecentPostsCount                     int `json:"dailyLikeRecentPostsCount"`
}

func (e *Emulator) liJSON(a *linkedInAccountRec) map[string]any {
	usage := map[string]int{"connectionRequests": 0, "messages": 0, "salesNavigatorConnectionRequests": 0,
		"inMails": 0, "viewProfiles": 0, "likeRecentPosts": 0, "detects": 0, "revokeConnections": 0,
		"endorseSkills": 0, "followProfile": 0}
	lo := liLimits{20, 10, 30, 10, 5, 40, 10}
	hi := liLimits{40, 20, 60, 20, 10, 80, 20}
	return map[string]any{
		"id": a.ID, "name": a.Name, "status": a.Status, "profileUrl": a.ProfileURL, "photoUrl": a.PhotoURL,
		"ownerUserId": a.OwnerUserID, "accountType": a.AccountType, "authType": a.AuthType,
		"cookieStatus": a.CookieStatus, "usage": usage,
		"limits":          map[string]any{"limitsMode": "Fixed", "rangeMin": lo, "rangeMax": hi, "fixedMax": hi},
		"revokeSettings":  map[string]any{"enabled": a.RevokeOn, "periodDays": a.RevokeDays},
		"userLimitValues": map[string]any{}, "voiceProfile": map[string]any{},
	}
}

func (e *Emulator) registerLinkedInAccountRoutes() {
	e.route("GET /v3/linkedin-accounts", "linkedInAccounts.list", func(c *call) {
		out := []map[string]any{}
		for _, a := range e.linkedInAccounts.all() {
			out = append(out, e.liJSON(a))
		}
		c.json(http.StatusOK, out)
	})
	e.route("GET /v3/linkedin-accounts/{id}", "linkedInAccounts.get", func(c *call) {
		if a, ok := e.liByPath(c); ok {
			c.json(http.StatusOK, e.liJSON(a))
		}
	})
	e.route("GET /v3/linkedin-accounts/pending", "linkedInAccounts.pending", func(c *call) {
		out := []map[string]any{}
		now := c.now()
		for _, p := range e.pendingLinkedIn.all() {
			out = append(out, map[string]any{"id": p.ID, "name": p.Name, "connectionLink": p.Link,
				"expiresAtUtc": tZ(p.ExpiresAt), "isExpired": !now.Before(p.ExpiresAt)})
		}
		c.json(http.StatusOK, out)
	})
	e.route("POST /v3/linkedin-accounts/connection-link", "linkedInAccounts.connectionLink", func(c *call) {
		var b struct {
			Name *string `json:"name"`
		}
		if !c.decode(&b) {
			return
		}
		if b.Name == nil || strings.TrimSpace(*b.Name) == "" {
			c.invalid(fieldError{"/name", "Field is required."})
			return
		}
		if e.pendingLinkedIn.len()+e.linkedInAccounts.len() >= 50 {
			c.problem(http.StatusConflict, "linkedInAccount.limitReached", "The LinkedIn account limit is reached.")
			return
		}
		p := &pendingLinkedInRec{ID: e.nextID("linkedInPending"), Name: strings.TrimSpace(*b.Name), ExpiresAt: c.now().Add(7 * 24 * time.Hour)}
		p.Link = "https://connect.reply.example/linkedin/" + e.newUUID()
		e.pendingLinkedIn.put(p.ID, p)
		c.created(map[string]any{"connectionLink": p.Link, "pendingAccountId": p.ID})
	})
	e.route("POST /v3/linkedin-accounts/connect", "linkedInAccounts.connect", func(c *call) {
		c.json(http.StatusOK, map[string]any{"connectionLink": "https://connect.reply.example/linkedin/" + e.newUUID()})
	})
	e.route("POST /v3/linkedin-accounts/{id}/reconnect", "linkedInAccounts.reconnect", func(c *call) {
		if _, ok := e.liByPath(c); ok {
			c.json(http.StatusOK, map[string]any{"connectionLink": "https://connect.reply.example/linkedin/" + e.newUUID()})
		}
	})
	e.route("PUT /v3/linkedin-accounts/{id}/revoke-settings", "linkedInAccounts.revokeSettings", func(c *call) {
		a, ok := e.liByPath(c)
		if !ok {
			return
		}
		var b struct {
			Enabled    *bool `json:"enabled"`
			PeriodDays *int  `json:"periodDays"`
		}
		if !c.decode(&b) {
			return
		}
		var errs []fieldError
		if b.Enabled == nil {
			errs = append(errs, fieldError{"/enabled", "Field is required."})
		}
		if b.PeriodDays == nil {
			errs = append(errs, fieldError{"/periodDays", "Field is required."})
		} else if *b.PeriodDays < 1 {
			errs = append(errs, fieldError{"/periodDays", "The field periodDays must be positive."})
		}
		if len(errs) > 0 {
			c.invalid(errs...)
			return
		}
		a.RevokeOn, a.RevokeDays = *b.Enabled, *b.PeriodDays
		c.noContent()
	})
	e.route("DELETE /v3/linkedin-accounts/{id}", "linkedInAccounts.delete", func(c *call) {
		a, ok := e.liByPath(c)
		if !ok {
			return
		}
		e.unlinkLinkedInAccountFromSequences(a.ID)
		e.linkedInAccounts.del(a.ID)
		c.noContent()
	})
}

func (e *Emulator) liByPath(c *call) (*linkedInAccountRec, bool) {
	id, ok := c.pathID64("id")
	if !ok {
		return nil, false
	}
	a, ok := e.linkedInAccounts.get(id)
	if !ok {
		c.problem(http.StatusNotFound, "linkedInAccount.notFound", "LinkedIn account with ID "+itoa(id)+" not found.")
	}
	return a, ok
}

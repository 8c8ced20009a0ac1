package reply

// Client is a stub replaced by the real client.
type Client struct{}

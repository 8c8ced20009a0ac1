package reply

// WebhooksService provides the API calls of its resource.
type WebhooksService service

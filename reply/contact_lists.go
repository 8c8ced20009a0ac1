package reply

// ContactListsService provides the API calls of its resource.
type ContactListsService service

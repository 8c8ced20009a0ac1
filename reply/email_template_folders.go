package reply

// EmailTemplateFoldersService provides the API calls of its resource.
type EmailTemplateFoldersService service

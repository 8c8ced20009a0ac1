package replytest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Sequence folders (REFERENCE.md §2.11), the sequences in a folder (§2.12) and folder sequence links
// (§3.5). Folder ids are UUIDs; a sequence belongs to at most one folder.

func renderFolder(f *seqFolder) seqObj { return seqObj{}.add("id", f.ID).add("name", f.Name) }

// pathFolder loads the path folder (404 with code when missing).
func (c *call) pathFolder(code string) (*seqFolder, bool) {
	id, ok := c.pathUUID("id")
	if !ok {
		return nil, false
	}
	f := c.e.seq.folders[id]
	if f == nil || f.OwnerUserID != c.user().ID {
		c.problem(http.StatusNotFound, code, fmt.Sprintf("Sequence folder %s not found.", id))
		return nil, false
	}
	return f, true
}

// folderName validates a folder name body and checks uniqueness (except against self).
func (c *call) folderName(self string) (string, bool) {
	var in struct {
		Name *string `json:"name"`
	}
	if !c.decode(&in) {
		return "", false
	}
	if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
		c.invalid(seqRequired("/name"))
		return "", false
	}
	name := strings.TrimSpace(*in.Name)
	if len([]rune(name)) > 128 {
		c.invalid(fieldError{"/name", "The name must be at most 128 characters."})
		return "", false
	}
	for _, f := range c.e.seq.folders {
		if f.ID != self && f.OwnerUserID == c.user().ID && strings.EqualFold(f.Name, name) {
			c.problem(http.StatusConflict, "sequenceFolder.duplicateName", fmt.Sprintf("A folder named '%s' already exists.", name))
			return "", false
		}
	}
	return name, true
}

// sortedFolders returns the acting user's folders (folders are personal) in case-insensitive name order
// (then id).
func (e *Emulator) sortedFolders() []*seqFolder {
	var out []*seqFolder
	for _, f := range e.seq.folders {
		if f.OwnerUserID == e.currentUser().ID {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b *seqFolder) int {
		if r := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); r != 0 {
			return r
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// peopleCount is the number of contacts in a sequence.
func (e *Emulator) peopleCount(s *sequence) int { return len(e.seq.members[s.ID]) }

func (e *Emulator) registerSequenceFolderRoutes() {
	e.route("GET /v3/sequence-folders", "sequenceFolders.list", func(c *call) {
		out := []seqObj{}
		for _, f := range e.sortedFolders() {
			out = append(out, renderFolder(f))
		}
		c.json(http.StatusOK, out)
	})
	e.route("POST /v3/sequence-folders", "sequenceFolders.create", func(c *call) {
		name, ok := c.folderName("")
		if !ok {
			return
		}
		f := &seqFolder{ID: e.newUUID(), Name: name, OwnerUserID: c.user().ID}
		e.seq.folders[f.ID] = f
		c.created(renderFolder(f))
	})
	e.route("GET /v3/sequence-folders/{id}", "sequenceFolders.get", func(c *call) {
		if f, ok := c.pathFolder("sequenceFolder.notFound"); ok {
			c.json(http.StatusOK, renderFolder(f))
		}
	})
	e.route("PUT /v3/sequence-folders/{id}", "sequenceFolders.update", func(c *call) {
		f, ok := c.pathFolder("sequenceFolder.notFound")
		if !ok {
			return
		}
		name, ok := c.folderName(f.ID)
		if !ok {
			return
		}
		f.Name = name
		c.json(http.StatusOK, renderFolder(f))
	})
	e.route("DELETE /v3/sequence-folders/{id}", "sequenceFolders.delete", func(c *call) {
		f, ok := c.pathFolder("sequenceFolder.notFound")
		if !ok {
			return
		}
		for _, s := range e.seq.sequences {
			if s.FolderID == f.ID {
				s.FolderID = ""
			}
		}
		delete(e.seq.folders, f.ID)
		c.noContent()
	})
	e.route("GET /v3/sequence-folders/{id}/sequences", "sequencesInFolder.list", func(c *call) {
		top, skip, ok := c.page(25, 1000, "sequenceFolderSequenceLink.invalidPagination")
		if !ok {
			return
		}
		f, ok := c.pathFolder("sequenceFolderSequenceLink.notFound")
		if !ok {
			return
		}
		by, dir := strings.ToLower(c.query("sort_by")), strings.ToLower(c.query("sort_direction"))
		if by == "" {
			by = "created"
		}
		if by == "name" {
			by = "title"
		}
		if by != "created" && by != "title" && by != "people" {
			c.problem(http.StatusBadRequest, "sequenceFolderSequenceLink.invalidSort", "sort_by must be one of title, created, people.")
			return
		}
		desc := by == "created"
		switch dir {
		case "":
		case "asc":
			desc = false
		case "desc":
			desc = true
		default:
			c.problem(http.StatusBadRequest, "sequenceFolderSequenceLink.invalidSort", "sort_direction must be asc or desc.")
			return
		}
		var seqs []*sequence
		for _, s := range e.sortedSequences() {
			if s.FolderID == f.ID {
				seqs = append(seqs, s)
			}
		}
		slices.SortStableFunc(seqs, func(a, b *sequence) int {
			var r int
			switch by {
			case "created":
				r = a.Created.Compare(b.Created)
			case "title":
				r = strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
			case "people":
				r = e.peopleCount(a) - e.peopleCount(b)
			}
			if r == 0 {
				r = cmpInt(a.ID, b.ID)
			}
			if desc {
				r = -r
			}
			return r
		})
		writeSeqPage(c, seqs, top, skip, renderSequenceItem)
	})
	links := func(assign bool) func(c *call) {
		return func(c *call) {
			f, ok := c.pathFolder("sequenceFolderSequenceLink.notFound")
			if !ok {
				return
			}
			var in struct {
				SequenceIDs json.RawMessage `json:"sequenceIds"`
			}
			if !c.decode(&in) {
				return
			}
			ids, errs := parseIDList(in.SequenceIDs, "/sequenceIds", 1000, false)
			if len(errs) > 0 {
				c.invalid(errs...)
				return
			}
			res := seqB1{}
			for _, id := range ids {
				s := e.seq.sequences[id]
				switch {
				case s == nil:
					res.fail(id, "notFound", fmt.Sprintf("Sequence %d does not exist.", id))
				case assign:
					s.FolderID = f.ID
				case s.FolderID != f.ID:
					res.fail(id, "notFound", fmt.Sprintf("Sequence %d is not in this folder.", id))
				default:
					s.FolderID = ""
				}
			}
			c.json(http.StatusOK, res)
		}
	}
	e.route("POST /v3/sequence-folders/{id}/sequence-links/bulk", "sequenceFolders.assignSequences", links(true))
	e.route("POST /v3/sequence-folders/{id}/sequence-links/bulk-delete", "sequenceFolders.unassignSequences", links(false))
}

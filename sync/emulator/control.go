package emulator

import (
	"encoding/json"
	"io"
	"net/http"
)

// serveControl serves the control API under /_emulator/ (see README.md).
// It is not part of WorkOS and needs no API key.
func (e *Emulator) serveControl(w http.ResponseWriter, r *http.Request, segs []string) {
	if len(segs) == 1 && segs[0] == "" {
		segs = nil
	}
	m := r.Method
	route := func(method string, parts ...string) bool {
		if m != method || len(parts) != len(segs) {
			return false
		}
		for i, p := range parts {
			if p != "*" && p != segs[i] {
				return false
			}
		}
		return true
	}
	arg := func(i int) string { return segs[i] }
	switch {
	case route(http.MethodGet):
		e.ctlState(w)
	case route(http.MethodPost, "organizations"):
		var o Organization
		e.ctl(w, r, &o, func() (any, error) { return e.CreateOrganization(o) }, http.StatusCreated)
	case route(http.MethodPost, "directories"):
		var d Directory
		e.ctl(w, r, &d, func() (any, error) { return e.CreateDirectory(d) }, http.StatusCreated)
	case route(http.MethodGet, "directories", "*"):
		e.ctl(w, r, nil, func() (any, error) { return e.Directory(arg(1)) }, http.StatusOK)
	case route(http.MethodPatch, "directories", "*"):
		var d Directory
		e.ctl(w, r, &d, func() (any, error) { return e.UpdateDirectory(arg(1), d) }, http.StatusOK)
	case route(http.MethodDelete, "directories", "*"):
		e.ctl(w, r, nil, func() (any, error) { return nil, e.DeleteDirectory(arg(1)) }, http.StatusNoContent)
	case route(http.MethodPost, "directories", "*", "users"):
		var u User
		e.ctl(w, r, &u, func() (any, error) { return e.putUserJSON(arg(1), u) }, http.StatusOK)
	case route(http.MethodPost, "directories", "*", "generate"):
		var g GenerateOptions
		e.ctl(w, r, &g, func() (any, error) {
			if err := e.GenerateUsersWith(arg(1), g); err != nil {
				return nil, err
			}
			return e.Directory(arg(1))
		}, http.StatusOK)
	case route(http.MethodPost, "directories", "*", "groups"):
		var g Group
		e.ctl(w, r, &g, func() (any, error) { return e.PutGroup(arg(1), g) }, http.StatusOK)
	case route(http.MethodGet, "directories", "*", "faults"):
		e.ctl(w, r, nil, func() (any, error) { return e.Faults(arg(1)) }, http.StatusOK)
	case route(http.MethodPut, "directories", "*", "faults"), route(http.MethodPatch, "directories", "*", "faults"):
		e.ctlFaults(w, r, arg(1))
	case route(http.MethodPut, "users", "*"):
		var u User
		e.ctl(w, r, &u, func() (any, error) {
			cur, err := e.User(arg(1))
			if err != nil {
				return nil, err
			}
			u.ID = arg(1)
			return e.putUserJSON(cur.DirectoryID, u)
		}, http.StatusOK)
	case route(http.MethodDelete, "users", "*"):
		e.ctl(w, r, nil, func() (any, error) { return nil, e.RemoveUser(arg(1)) }, http.StatusNoContent)
	case route(http.MethodPost, "users", "*", "state"):
		var s struct {
			State string `json:"state"`
		}
		e.ctl(w, r, &s, func() (any, error) {
			out, err := e.SetUserState(arg(1), s.State)
			if err != nil {
				return nil, err
			}
			return e.userJSON(out.ID), nil
		}, http.StatusOK)
	case route(http.MethodPut, "groups", "*"):
		var g Group
		e.ctl(w, r, &g, func() (any, error) {
			cur, err := e.group(arg(1))
			if err != nil {
				return nil, err
			}
			g.ID = arg(1)
			return e.PutGroup(cur.DirectoryID, g)
		}, http.StatusOK)
	case route(http.MethodDelete, "groups", "*"):
		e.ctl(w, r, nil, func() (any, error) { return nil, e.RemoveGroup(arg(1)) }, http.StatusNoContent)
	case route(http.MethodPut, "groups", "*", "users", "*"):
		e.ctl(w, r, nil, func() (any, error) { return nil, e.AddUserToGroup(arg(1), arg(3)) }, http.StatusNoContent)
	case route(http.MethodDelete, "groups", "*", "users", "*"):
		e.ctl(w, r, nil, func() (any, error) { return nil, e.RemoveUserFromGroup(arg(1), arg(3)) }, http.StatusNoContent)
	case route(http.MethodPut, "webhook"):
		var h struct {
			URL    string `json:"url"`
			Secret string `json:"secret"`
			WebhookFaults
		}
		e.ctl(w, r, &h, func() (any, error) {
			if err := e.SetWebhookFaults(h.WebhookFaults); err != nil {
				return nil, err
			}
			e.SetWebhook(h.URL, h.Secret)
			return nil, nil
		}, http.StatusNoContent)
	case route(http.MethodPut, "groups", "*", "role"):
		var g struct {
			Role string `json:"role"`
		}
		e.ctl(w, r, &g, func() (any, error) { return e.SetGroupRole(arg(1), g.Role) }, http.StatusOK)
	case route(http.MethodPost, "fleet"):
		var f FleetOptions
		e.ctl(w, r, &f, func() (any, error) { return e.GenerateFleet(f) }, http.StatusCreated)
	case route(http.MethodGet, "stats"):
		e.ctl(w, r, nil, func() (any, error) { return e.Stats(), nil }, http.StatusOK)
	case route(http.MethodDelete, "stats"):
		e.ctl(w, r, nil, func() (any, error) { e.ResetStats(); return nil, nil }, http.StatusNoContent)
	case route(http.MethodPost, "seed"):
		e.ctlSeed(w, r)
	default:
		writeError(w, http.StatusNotFound, "Not found: "+r.Method+" "+r.URL.Path, "not_found")
	}
}

// ctl decodes the body into in (when non-nil), runs do and writes its
// result as JSON (or status without a body for nil results).
func (e *Emulator) ctl(w http.ResponseWriter, r *http.Request, in any, do func() (any, error), status int) {
	if in != nil {
		if err := decodeBody(r, in); err != nil {
			writeGoError(w, err)
			return
		}
	}
	out, err := do()
	if err != nil {
		writeGoError(w, err)
		return
	}
	switch v := out.(type) {
	case nil:
		w.WriteHeader(status)
	case json.RawMessage:
		writeJSON(w, status, v)
	default:
		b, err := json.Marshal(v)
		if err != nil {
			writeGoError(w, err)
			return
		}
		writeJSON(w, status, b)
	}
}

// putUserJSON puts a user and returns its WorkOS rendering (with groups),
// or {"id","state":"inactive","deleted":true} when the secure flow deleted it.
func (e *Emulator) putUserJSON(dirID string, u User) (any, error) {
	out, err := e.PutUser(dirID, u)
	if err != nil {
		return nil, err
	}
	return e.userJSON(out.ID), nil
}

// userJSON renders a user as WorkOS does, or {"id","state":"inactive",
// "deleted":true} when the secure flow deleted it.
func (e *Emulator) userJSON(id string) json.RawMessage {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if rec, ok := e.users[id]; ok {
		return rec.appendWithGroups(nil)
	}
	return appendJSON(nil, obj{{"id", id}, {"state", StateInactive}, {"deleted", true}})
}

// group returns a group by id.
func (e *Emulator) group(id string) (Group, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	g, ok := e.groups[id]
	if !ok {
		return Group{}, notFound("group", id)
	}
	return g.toGroup(), nil
}

// ctlFaults replaces (PUT) or merges (PATCH) a directory's faults.
func (e *Emulator) ctlFaults(w http.ResponseWriter, r *http.Request, dirID string) {
	f, err := e.Faults(dirID)
	if err != nil {
		writeGoError(w, err)
		return
	}
	if r.Method == http.MethodPut {
		f = Faults{}
	}
	if err := decodeBody(r, &f); err != nil {
		writeGoError(w, err)
		return
	}
	if err := e.SetFaults(dirID, f); err != nil {
		writeGoError(w, err)
		return
	}
	e.ctl(w, r, nil, func() (any, error) { return e.Faults(dirID) }, http.StatusOK)
}

// ctlSeed loads a fixture document from the body.
func (e *Emulator) ctlSeed(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 64<<20))
	if err != nil {
		writeError(w, http.StatusBadRequest, "reading body: "+err.Error(), "invalid_request")
		return
	}
	if _, err := e.LoadFixture(data); err != nil {
		writeGoError(w, err)
		return
	}
	e.ctlState(w)
}

// ctlState writes a summary of all organizations and directories.
func (e *Emulator) ctlState(w http.ResponseWriter) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	orgs := make([]obj, 0, len(e.orgList))
	for _, o := range e.orgList {
		var dirs []obj
		for _, d := range e.dirList {
			if d.orgID == o.ID {
				dirs = append(dirs, obj{{"id", d.id}, {"name", d.name}, {"type", d.typ}, {"state", d.state},
					{"raw_attributes", string(d.raw)}, {"inactive_users", string(d.flow)},
					{"users", len(d.users)}, {"groups", len(d.groups)}})
			}
		}
		orgs = append(orgs, obj{{"id", o.ID}, {"name", o.Name}, {"domains", o.Domains}, {"directories", dirs}})
	}
	writeJSON(w, http.StatusOK, appendJSON(nil, obj{{"organizations", orgs}, {"events", len(e.events)},
		{"webhook_url", nullable(e.webhook.url)}}))
}

package emulator

import (
	"net/http"
	"strings"
	"sync"
)

// bufPool recycles response buffers of list pages.
type bufPool struct{ p sync.Pool }

func (bp *bufPool) get() []byte {
	if b, ok := bp.p.Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return make([]byte, 0, 64<<10)
}

func (bp *bufPool) put(b []byte) {
	if cap(b) <= 4<<20 {
		bp.p.Put(&b)
	}
}

func (e *Emulator) listDirectories(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, ok := parseList(w, q)
	if !ok {
		return
	}
	org, search, domain := q.Get("organization_id"), strings.ToLower(q.Get("search")), strings.ToLower(q.Get("domain"))
	e.mu.RLock()
	defer e.mu.RUnlock()
	var dirs []*dirRec
	for _, d := range e.dirList {
		if (org == "" || d.orgID == org) && (search == "" || strings.Contains(strings.ToLower(d.name), search)) &&
			(domain == "" || strings.ToLower(d.domain) == domain) {
			dirs = append(dirs, d)
		}
	}
	win := paginate(dirs, p)
	writeJSON(w, http.StatusOK, appendList(nil, dirs, win, func(b []byte, d *dirRec) []byte { return d.encode(b) }))
}

// dirFaults returns the fault state of a directory, or nil.
func (e *Emulator) dirFaults(dirID string) *faultState {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if d, ok := e.dirs[dirID]; ok {
		return d.faults
	}
	return nil
}

func (e *Emulator) getDirectory(w http.ResponseWriter, r *http.Request, id string) {
	fs := e.dirFaults(id)
	if fs == nil {
		writeError(w, http.StatusNotFound, "Directory not found", "entity_not_found")
		return
	}
	if e.injectFaults(w, r, fs, false) {
		return
	}
	e.mu.RLock()
	d, ok := e.dirs[id]
	var body []byte
	if ok {
		body = d.encode(nil)
	}
	e.mu.RUnlock()
	if !ok {
		writeError(w, http.StatusNotFound, "Directory not found", "entity_not_found")
		return
	}
	writeData(w, http.StatusOK, body, fs)
}

func (e *Emulator) deleteDirectory(w http.ResponseWriter, _ *http.Request, id string) {
	if err := e.DeleteDirectory(id); err != nil {
		writeError(w, http.StatusNotFound, "Directory not found", "entity_not_found")
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// userScope resolves the directory whose faults apply to a user listing.
func (e *Emulator) userScope(dirID, groupID string) (*faultState, string) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if groupID != "" {
		g, ok := e.groups[groupID]
		if !ok {
			return nil, "Directory Group not found"
		}
		return g.dir.faults, ""
	}
	d, ok := e.dirs[dirID]
	if !ok {
		return nil, "Directory not found"
	}
	return d.faults, ""
}

func (e *Emulator) listUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, ok := parseList(w, q)
	if !ok {
		return
	}
	dirID, groupID := q.Get("directory"), q.Get("group")
	idpID, email := q.Get("idp_id"), q.Get("email")
	if dirID == "" && groupID == "" {
		writeValidation(w, "Validation failed: directory or group is required", fieldError{Field: "directory", Code: "required"})
		return
	}
	if dirID == "" && (idpID != "" || email != "") {
		field := "idp_id"
		if idpID == "" {
			field = "email"
		}
		writeValidation(w, "Validation failed: "+field+" requires the directory parameter", fieldError{Field: "directory", Code: "required"})
		return
	}
	fs, msg := e.userScope(dirID, groupID)
	if fs == nil {
		writeError(w, http.StatusNotFound, msg, "entity_not_found")
		return
	}
	if e.injectFaults(w, r, fs, true) {
		return
	}
	buf := e.bufs.get()
	defer func() { e.bufs.put(buf) }()
	e.mu.RLock()
	var src []*userRec
	switch {
	case groupID != "":
		if g, ok := e.groups[groupID]; ok && (dirID == "" || g.dir.id == dirID) {
			src = g.members
		}
	default:
		if d, ok := e.dirs[dirID]; ok {
			src = d.users
		}
	}
	if idpID != "" || email != "" {
		src = filterUsers(src, idpID, email)
	}
	win := paginate(src, p)
	if fs.failPage(win.page) {
		e.mu.RUnlock()
		writeError(w, http.StatusInternalServerError, "Internal Server Error", "server_error")
		return
	}
	buf = appendList(buf, src, win, func(b []byte, u *userRec) []byte { return u.appendWithGroups(b) })
	e.mu.RUnlock()
	writeData(w, http.StatusOK, buf, fs)
}

func (e *Emulator) getUser(w http.ResponseWriter, r *http.Request, id string) {
	e.mu.RLock()
	u, ok := e.users[id]
	var fs *faultState
	if ok {
		fs = u.dir.faults
	}
	e.mu.RUnlock()
	if !ok {
		writeError(w, http.StatusNotFound, "Directory User not found", "entity_not_found")
		return
	}
	if e.injectFaults(w, r, fs, true) {
		return
	}
	e.mu.RLock()
	u, ok = e.users[id]
	var body []byte
	if ok {
		body = u.appendWithGroups(nil)
	}
	e.mu.RUnlock()
	if !ok {
		writeError(w, http.StatusNotFound, "Directory User not found", "entity_not_found")
		return
	}
	writeData(w, http.StatusOK, body, fs)
}

func (e *Emulator) listGroups(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, ok := parseList(w, q)
	if !ok {
		return
	}
	dirID, userID := q.Get("directory"), q.Get("user")
	if dirID == "" && userID == "" {
		writeValidation(w, "Validation failed: directory or user is required", fieldError{Field: "directory", Code: "required"})
		return
	}
	e.mu.RLock()
	var fs *faultState
	if userID != "" {
		if u, ok := e.users[userID]; ok {
			fs = u.dir.faults
		}
	} else if d, ok := e.dirs[dirID]; ok {
		fs = d.faults
	}
	e.mu.RUnlock()
	if fs == nil {
		msg := "Directory not found"
		if userID != "" {
			msg = "Directory User not found"
		}
		writeError(w, http.StatusNotFound, msg, "entity_not_found")
		return
	}
	if e.injectFaults(w, r, fs, false) {
		return
	}
	e.mu.RLock()
	var src []*groupRec
	if userID != "" {
		if u, ok := e.users[userID]; ok && (dirID == "" || u.dir.id == dirID) {
			src = u.groups
		}
	} else if d, ok := e.dirs[dirID]; ok {
		src = d.groups
	}
	win := paginate(src, p)
	if fs.failGroupPage(win.page) {
		e.mu.RUnlock()
		writeError(w, http.StatusInternalServerError, "Internal Server Error", "server_error")
		return
	}
	body := appendList(nil, src, win, func(b []byte, g *groupRec) []byte { return append(b, g.core...) })
	e.mu.RUnlock()
	writeData(w, http.StatusOK, body, fs)
}

func (e *Emulator) getGroup(w http.ResponseWriter, r *http.Request, id string) {
	e.mu.RLock()
	g, ok := e.groups[id]
	var fs *faultState
	var body []byte
	if ok {
		fs, body = g.dir.faults, g.core
	}
	e.mu.RUnlock()
	if !ok {
		writeError(w, http.StatusNotFound, "Directory Group not found", "entity_not_found")
		return
	}
	if e.injectFaults(w, r, fs, false) {
		return
	}
	writeData(w, http.StatusOK, body, fs)
}

// filterUsers keeps the users with this idp_id (exact) and email
// (case-insensitive); an empty criterion matches all.
func filterUsers(src []*userRec, idpID, email string) []*userRec {
	var out []*userRec
	for _, u := range src {
		if (idpID == "" || u.idpID == idpID) && (email == "" || strings.EqualFold(u.email, email)) {
			out = append(out, u)
		}
	}
	return out
}

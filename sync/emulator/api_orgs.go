package emulator

import (
	"net/http"
	"strings"
)

// orgBody is the body of POST and PUT /organizations; encoding/json matches
// keys case-insensitively, so the SDK's untagged "Name" works too.
type orgBody struct {
	Name       string   `json:"name"`
	Domains    []string `json:"domains"`
	DomainData []struct {
		Domain string `json:"domain"`
	} `json:"domain_data"`
	ExternalID *string           `json:"external_id"`
	Metadata   map[string]string `json:"metadata"`
}

func (b *orgBody) domains() []string {
	out := append([]string(nil), b.Domains...)
	for _, d := range b.DomainData {
		out = append(out, d.Domain)
	}
	return out
}

// serveOrganizations routes /organizations[/...] (any case).
func (e *Emulator) serveOrganizations(w http.ResponseWriter, r *http.Request, rest []string) {
	switch {
	case len(rest) == 0 && r.Method == http.MethodGet:
		e.listOrganizations(w, r)
	case len(rest) == 0 && r.Method == http.MethodPost:
		e.createOrganization(w, r)
	case len(rest) == 2 && rest[0] == "external_id" && r.Method == http.MethodGet:
		e.mu.RLock()
		defer e.mu.RUnlock()
		for _, o := range e.orgList {
			if o.ExternalID != "" && o.ExternalID == rest[1] {
				writeJSON(w, http.StatusOK, o.encode(nil))
				return
			}
		}
		writeError(w, http.StatusNotFound, "Organization not found", "entity_not_found")
	case len(rest) == 1 && r.Method == http.MethodGet:
		e.mu.RLock()
		defer e.mu.RUnlock()
		o, ok := e.orgs[rest[0]]
		if !ok {
			writeError(w, http.StatusNotFound, "Organization not found: '"+rest[0]+"'.", "entity_not_found")
			return
		}
		writeJSON(w, http.StatusOK, o.encode(nil))
	case len(rest) == 1 && r.Method == http.MethodPut:
		e.updateOrganization(w, r, rest[0])
	case len(rest) == 1 && r.Method == http.MethodDelete:
		if err := e.DeleteOrganization(rest[0]); err != nil {
			writeError(w, http.StatusNotFound, "Organization not found: '"+rest[0]+"'.", "entity_not_found")
			return
		}
		w.WriteHeader(http.StatusAccepted)
	default:
		writeError(w, http.StatusNotFound, "Not found: "+r.Method+" "+r.URL.Path, "not_found")
	}
}

func (e *Emulator) listOrganizations(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, ok := parseList(w, q)
	if !ok {
		return
	}
	want := map[string]bool{}
	for _, d := range append(q["domains[]"], q["domains"]...) {
		want[strings.ToLower(d)] = true
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	var orgs []*orgRec
	for _, o := range e.orgList {
		match := len(want) == 0
		for _, d := range o.Domains {
			match = match || want[strings.ToLower(d)]
		}
		if match {
			orgs = append(orgs, o)
		}
	}
	win := paginate(orgs, p)
	writeJSON(w, http.StatusOK, appendList(nil, orgs, win, func(b []byte, o *orgRec) []byte { return o.encode(b) }))
}

// createOrganization serves POST /organizations, honouring Idempotency-Key:
// a repeated key returns the organization created by the first request.
func (e *Emulator) createOrganization(w http.ResponseWriter, r *http.Request) {
	var body orgBody
	if err := decodeBody(r, &body); err != nil {
		writeGoError(w, err)
		return
	}
	key := r.Header.Get("Idempotency-Key")
	e.mu.Lock()
	defer e.mu.Unlock()
	if id, ok := e.idem[key]; ok && key != "" {
		if o, ok := e.orgs[id]; ok {
			writeJSON(w, http.StatusCreated, o.encode(nil))
			return
		}
	}
	o := Organization{Name: body.Name, Domains: body.domains(), Metadata: body.Metadata}
	if body.ExternalID != nil {
		o.ExternalID = *body.ExternalID
	}
	rec, err := e.createOrgLocked(o)
	if err != nil {
		writeGoError(w, err)
		return
	}
	if key != "" {
		e.idem[key] = rec.ID
	}
	writeJSON(w, http.StatusCreated, rec.encode(nil))
}

func (e *Emulator) updateOrganization(w http.ResponseWriter, r *http.Request, id string) {
	var body orgBody
	if err := decodeBody(r, &body); err != nil {
		writeGoError(w, err)
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	o, ok := e.orgs[id]
	if !ok {
		writeError(w, http.StatusNotFound, "Organization not found: '"+id+"'.", "entity_not_found")
		return
	}
	if body.Name != "" {
		o.Name = body.Name
	}
	if doms := body.domains(); len(doms) > 0 {
		o.Domains, o.domainIDs = doms, nil
		for range doms {
			o.domainIDs = append(o.domainIDs, e.ids.next("org_domain_", e.now()))
		}
	}
	if body.ExternalID != nil {
		o.ExternalID = *body.ExternalID
	}
	if body.Metadata != nil {
		o.Metadata = body.Metadata
	}
	o.updatedAt = e.now()
	writeJSON(w, http.StatusOK, o.encode(nil))
}

package emulator

import (
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// portalTTL is how long a portal link stays valid, as in WorkOS.
const portalTTL = 5 * time.Minute

// portalDemoUsers is how many users a directory set up in the portal gets.
const portalDemoUsers = 25

// portalSession is an issued Admin Portal link.
type portalSession struct {
	orgID, intent, returnURL, successURL string
	expires                              time.Time
}

// portalIntents are the intents SDK v4 can send.
func portalIntents() []string {
	return []string{"sso", "dsync", "audit_logs", "log_streams", "certificate_renewal", "domain_verification", "bring_your_own_key"}
}

// PortalLinkRequest is a POST /portal/generate_link the emulator received.
type PortalLinkRequest struct {
	Organization, Intent, ReturnURL, SuccessURL string
	// Fields are the JSON keys the body had, sorted: WorkOS's GenerateLinkDto knows
	// organization, intent, return_url, success_url and it_contact_emails, and no
	// provider (the IT admin picks one in the portal).
	Fields []string
}

// PortalLinkRequests returns the generate_link requests received, oldest first.
func (e *Emulator) PortalLinkRequests() []PortalLinkRequest {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return append([]PortalLinkRequest(nil), e.portalLinks...)
}

// generateLink serves POST /portal/generate_link: 201 {"link": ...}.
func (e *Emulator) generateLink(w http.ResponseWriter, r *http.Request) {
	var raw map[string]json.RawMessage
	if err := decodeBody(r, &raw); err != nil {
		writeGoError(w, err)
		return
	}
	var body struct {
		Intent       string `json:"intent"`
		Organization string `json:"organization"`
		ReturnURL    string `json:"return_url"`
		SuccessURL   string `json:"success_url"`
	}
	fields := make([]string, 0, len(raw))
	for k := range raw {
		fields = append(fields, k)
	}
	sort.Strings(fields)
	if b, err := json.Marshal(raw); err != nil || json.Unmarshal(b, &body) != nil {
		writeValidation(w, "Validation failed", fieldError{Field: "body", Code: "invalid"})
		return
	}
	e.mu.Lock()
	e.portalLinks = append(e.portalLinks, PortalLinkRequest{Organization: body.Organization, Intent: body.Intent,
		ReturnURL: body.ReturnURL, SuccessURL: body.SuccessURL, Fields: fields})
	e.mu.Unlock()
	var errs []fieldError
	if body.Organization == "" {
		errs = append(errs, fieldError{Field: "organization", Code: "required"})
	}
	known := false
	for _, in := range portalIntents() {
		known = known || in == body.Intent
	}
	if !known {
		errs = append(errs, fieldError{Field: "intent", Code: "invalid"})
	}
	if len(errs) > 0 {
		writeValidation(w, "Validation failed", errs...)
		return
	}
	e.mu.Lock()
	if _, ok := e.orgs[body.Organization]; !ok {
		e.mu.Unlock()
		writeError(w, http.StatusNotFound, "Organization not found: '"+body.Organization+"'.", "entity_not_found")
		return
	}
	token := randomKey(e.rng, 32)
	e.portal[token] = &portalSession{
		orgID: body.Organization, intent: body.Intent, returnURL: body.ReturnURL, successURL: body.SuccessURL,
		expires: e.opts.Now().Add(portalTTL),
	}
	e.mu.Unlock()
	link := e.baseURL(r) + "/portal/setup?token=" + url.QueryEscape(token)
	writeJSON(w, http.StatusCreated, appendJSON(nil, obj{{"link", link}}))
}

// baseURL is the absolute URL of the emulator's root for links: BaseURL,
// else scheme + host + prefix (X-Forwarded-Prefix, PathPrefix, or what
// http.StripPrefix removed from the request URI).
func (e *Emulator) baseURL(r *http.Request) string {
	if e.opts.BaseURL != "" {
		return strings.TrimRight(e.opts.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := r.Header.Get("X-Forwarded-Proto"); p != "" {
		scheme = p
	}
	host := r.Host
	if h := r.Header.Get("X-Forwarded-Host"); h != "" {
		host = h
	}
	prefix := r.Header.Get("X-Forwarded-Prefix")
	if prefix == "" {
		prefix = e.opts.PathPrefix
	}
	if prefix == "" {
		// Under http.StripPrefix the original RequestURI keeps the prefix.
		if full, _, _ := strings.Cut(r.RequestURI, "?"); strings.HasSuffix(full, r.URL.Path) {
			prefix = strings.TrimSuffix(full, r.URL.Path)
		}
	}
	if prefix = strings.Trim(prefix, "/"); prefix != "" {
		prefix = "/" + prefix
	}
	return scheme + "://" + host + prefix
}

// session returns a valid session for token.
func (e *Emulator) session(token string) (*portalSession, bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	s, ok := e.portal[token]
	if !ok || e.opts.Now().After(s.expires) {
		return nil, false
	}
	return s, true
}

// servePortalPage serves the Admin Portal: GET shows the provider form,
// POST completes setup.
func (e *Emulator) servePortalPage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	token := r.Form.Get("token")
	s, ok := e.session(token)
	if !ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		_ = e.pages.ExecuteTemplate(w, "expired", nil)
		return
	}
	switch r.Method {
	case http.MethodGet:
		e.mu.RLock()
		org := e.orgs[s.orgID]
		data := map[string]any{"Token": token, "Org": org.Name, "Providers": ProviderTypes(), "ReturnURL": s.returnURL}
		e.mu.RUnlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = e.pages.ExecuteTemplate(w, "setup", data)
	case http.MethodPost:
		e.completeSetup(w, r, token, s)
	default:
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// SetPortalPeople makes each directory set up in the Admin Portal from now on hold
// some of these people (two in five of its users, see GenerateOptions.Known), so that an
// application which already has these people sees its first sync link them by email.
// `dirsync dev` hands it a part of its demo company.
func (e *Emulator) SetPortalPeople(people []KnownPerson) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.portalPeople = append([]KnownPerson(nil), people...)
}

// completeSetup creates the organization's directory with demo users.
// As in WorkOS's portal, the IT admin must choose the provider: nothing is preselected.
func (e *Emulator) completeSetup(w http.ResponseWriter, r *http.Request, token string, s *portalSession) {
	if strings.TrimSpace(r.Form.Get("provider")) == "" {
		http.Error(w, "choose the directory provider", http.StatusUnprocessableEntity)
		return
	}
	e.mu.Lock()
	d, err := e.createDirectoryLocked(Directory{OrganizationID: s.orgID, Type: r.Form.Get("provider"),
		Name: strings.TrimSpace(r.Form.Get("name")), RawAttributes: RawMode(r.Form.Get("raw_attributes"))})
	if err == nil {
		e.generateLocked(d, GenerateOptions{Count: portalDemoUsers, Seed: uint64(len(e.events)), Known: e.portalPeople})
		delete(e.portal, token)
	}
	e.mu.Unlock()
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	if s.successURL != "" {
		http.Redirect(w, r, s.successURL, http.StatusSeeOther)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = e.pages.ExecuteTemplate(w, "done", map[string]any{"Directory": d.name, "ID": d.id, "ReturnURL": s.returnURL})
}

// portalTemplates parses the portal pages.
func portalTemplates() *template.Template {
	return template.Must(template.New("portal").Parse(`
{{define "head"}}<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{.}}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;color:#222}label{display:block;margin:1rem 0 .25rem}
select,input,button{font-size:1rem;padding:.4rem}button{margin-top:1rem}</style></head><body>{{end}}
{{define "setup"}}{{template "head" "Set up Directory Sync"}}
<h1>Set up Directory Sync</h1><p>Organization: <strong>{{.Org}}</strong></p>
<form method="post" action="setup">
<input type="hidden" name="token" value="{{.Token}}">
<label for="provider">Directory provider</label>
<select id="provider" name="provider" required><option value="" selected disabled>Choose your directory provider</option>{{range .Providers}}<option value="{{index . 0}}">{{index . 1}}</option>{{end}}</select>
<label for="name">Directory name (optional)</label>
<input id="name" name="name" type="text">
<label for="raw_attributes">Raw attributes</label>
<select id="raw_attributes" name="raw_attributes"><option value="empty">Empty (current WorkOS)</option><option value="legacy">Legacy provider payload</option></select>
<div><button type="submit">Complete setup</button></div>
</form>{{if .ReturnURL}}<p><a href="{{.ReturnURL}}">Back to the application</a></p>{{end}}</body></html>{{end}}
{{define "done"}}{{template "head" "Directory Sync is set up"}}
<h1>Directory Sync is set up</h1><p>Directory <strong>{{.Directory}}</strong> ({{.ID}}) is linked.</p>
{{if .ReturnURL}}<p><a href="{{.ReturnURL}}">Back to the application</a></p>{{end}}</body></html>{{end}}
{{define "expired"}}{{template "head" "Link expired"}}<h1>This setup link is invalid or has expired</h1>
<p>Ask the application for a new link.</p></body></html>{{end}}`))
}

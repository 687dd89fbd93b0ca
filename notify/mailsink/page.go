package mailsink

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
)

var page = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>dirsync dev: caught mail</title>
<style>body{font-family:sans-serif;margin:2em;max-width:60em}article{border-top:1px solid #ccc;padding:1em 0}
pre{white-space:pre-wrap;background:#f5f5f5;padding:1em}.meta{color:#555}</style></head>
<body><h1>Caught mail</h1>
<p class="meta">Every mail dirsync dev sent, newest first (SMTP {{.Addr}}; nothing leaves this machine).</p>
{{if not .Mails}}<p>No mail yet.</p>{{end}}
{{range .Mails}}<article><h2>{{.Subject}}</h2>
<p class="meta">To {{.To}} · {{.Date}} · <a href="?raw={{.Index}}">raw</a></p>
<pre>{{.Text}}</pre></article>
{{end}}</body></html>`))

type pageMail struct {
	Index             int
	Subject, To, Date string
	Text              string
}

// Handler serves the list of caught mail (newest first); ?raw=N shows the N-th mail as
// received. For `dirsync dev` only: it has no authentication.
func (s *Sink) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mails := s.Mails()
		if v := r.URL.Query().Get("raw"); v != "" {
			i, err := strconv.Atoi(v)
			if err != nil || i < 0 || i >= len(mails) {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			_, _ = w.Write(mails[i].Raw)
			return
		}
		var list []pageMail
		for i, m := range mails {
			p, err := Parse(m.Raw)
			pm := pageMail{Index: i, Subject: p.Subject, To: p.Header.Get("To"), Date: p.Header.Get("Date"), Text: p.Text}
			if err != nil {
				pm.Subject, pm.Text = "(unreadable mail)", err.Error()
			}
			list = append(list, pm)
		}
		slices.Reverse(list)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = page.Execute(w, struct {
			Addr  string
			Mails []pageMail
		}{s.Addr(), list})
	})
}

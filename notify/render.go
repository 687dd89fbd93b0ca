package notify

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	htmltemplate "html/template"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"strings"
	texttemplate "text/template"
	"time"
)

var textBody = texttemplate.Must(texttemplate.New("text").Parse(`{{range .Paragraphs}}{{.}}

{{end}}{{range .Lists}}{{.Title}}
{{range .Items}}  {{.}}
{{end}}
{{end}}{{range .After}}{{.}}

{{end}}{{if .ActionURL}}{{.ActionLabel}}: {{.ActionURL}}

{{end}}--
Directory sync alerts for {{.Company}} from OfficeTogether.{{if .Listed}}
This address is in the company's notification settings.{{else if .SettingsURL}}
Turn them off for yourself: {{.SettingsURL}}{{end}}
`))

var htmlBody = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1f2933; max-width: 40em;">
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}{{range .Lists}}<p><strong>{{.Title}}</strong>{{range .Items}}<br>{{.}}{{end}}</p>
{{end}}{{range .After}}<p>{{.}}</p>
{{end}}{{if .ActionURL}}<p><a href="{{.ActionURL}}" style="display: inline-block; padding: 0.5em 1em; background: #1d4ed8; color: #ffffff; text-decoration: none; border-radius: 4px;">{{.ActionLabel}}</a></p>
{{end}}<p style="color: #616e7c; font-size: 0.85em;">Directory sync alerts for {{.Company}} from OfficeTogether.{{if .Listed}}
This address is in the company's notification settings.{{else if .SettingsURL}}
<a href="{{.SettingsURL}}">Turn them off for yourself</a>.{{end}}</p>
</body></html>
`))

// Mail is one rendered message, ready for SMTP.
type Mail struct {
	From    string
	To      string
	Subject string
	// Body is the whole RFC 5322 message: headers, then a multipart/alternative body.
	Body []byte
}

// render writes c as a MIME message (plain text plus simple HTML) from from to to.
func render(c content, from, to string, now time.Time) (Mail, error) {
	var text, html bytes.Buffer
	if err := textBody.Execute(&text, c); err != nil {
		return Mail{}, fmt.Errorf("render text: %w", err)
	}
	if err := htmlBody.Execute(&html, c); err != nil {
		return Mail{}, fmt.Errorf("render html: %w", err)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, part := range []struct {
		ctype string
		data  []byte
	}{{"text/plain; charset=utf-8", text.Bytes()}, {"text/html; charset=utf-8", html.Bytes()}} {
		w, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {part.ctype}, "Content-Transfer-Encoding": {"quoted-printable"}})
		if err != nil {
			return Mail{}, fmt.Errorf("start mail part: %w", err)
		}
		qp := quotedprintable.NewWriter(w)
		if _, err := qp.Write(part.data); err != nil {
			return Mail{}, fmt.Errorf("encode mail part: %w", err)
		}
		if err := qp.Close(); err != nil {
			return Mail{}, fmt.Errorf("encode mail part: %w", err)
		}
	}
	if err := mw.Close(); err != nil {
		return Mail{}, fmt.Errorf("close mail body: %w", err)
	}
	var msg bytes.Buffer
	domain := from[strings.LastIndexByte(from, '@')+1:]
	headers := [][2]string{
		{"From", mime.QEncoding.Encode("utf-8", "OfficeTogether Directory Sync") + " <" + from + ">"},
		{"To", to},
		{"Subject", mime.QEncoding.Encode("utf-8", c.Subject)},
		{"Date", now.UTC().Format(time.RFC1123Z)},
		{"Message-ID", "<" + randomID() + "@" + domain + ">"},
		{"Auto-Submitted", "auto-generated"},
		{"MIME-Version", "1.0"},
		{"Content-Type", "multipart/alternative; boundary=" + mw.Boundary()},
	}
	for _, h := range headers {
		fmt.Fprintf(&msg, "%s: %s\r\n", h[0], h[1])
	}
	msg.WriteString("\r\n")
	msg.Write(body.Bytes())
	return Mail{From: from, To: to, Subject: c.Subject, Body: msg.Bytes()}, nil
}

func randomID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

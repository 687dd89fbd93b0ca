package main

import (
	"net/http"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/notify/mailsink"
)

// devMailFrom is the sender address of `dirsync dev`'s alert mail.
const devMailFrom = "dirsync@officetogether.localhost"

// devMail is where `dirsync dev` sends alert mail: its own in-process SMTP sink (shown at
// /dev/mail) unless DIRSYNC_SMTP_URL names a server.
type devMail struct {
	sink *mailsink.Sink
	url  string
}

// devMailSink starts the sink on a free loopback port and points cfg at it, unless cfg
// already names an SMTP server; the sink's page is served at GET /dev/mail.
func devMailSink(cfg *config, devMux *http.ServeMux) (*devMail, error) {
	if cfg.MailFrom == "" {
		cfg.MailFrom = devMailFrom
	}
	if cfg.SMTPURL != "" {
		return &devMail{url: cfg.SMTPURL}, nil
	}
	sink, err := mailsink.Start("127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	cfg.SMTPURL = sink.URL()
	devMux.Handle("GET /dev/mail", sink.Handler())
	return &devMail{sink: sink}, nil
}

// describe is the banner's Mail line.
func (m *devMail) describe(baseURL string) string {
	if m.sink == nil {
		return db.RedactURL(m.url) + " (DIRSYNC_SMTP_URL)"
	}
	return baseURL + "/dev/mail   (caught mail; SMTP " + m.sink.Addr() + ")"
}

func (m *devMail) close() {
	if m.sink != nil {
		_ = m.sink.Close()
	}
}

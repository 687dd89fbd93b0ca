// Package mailsink is an SMTP server that keeps every mail it receives in memory and
// lists them on a web page: the mail catcher of `dirsync dev` and the SMTP server of
// the notification tests. It is built on github.com/emersion/go-smtp.
package mailsink

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
)

// maxMails is how many mails the sink keeps (the oldest are dropped).
const maxMails = 500

// Mail is one received message.
type Mail struct {
	From string
	To   []string
	// Raw is the message as received (headers and body).
	Raw        []byte
	ReceivedAt time.Time
}

// Sink is a running SMTP server that catches mail.
type Sink struct {
	server *smtp.Server
	ln     net.Listener

	mu     sync.Mutex
	mails  []Mail
	refuse int
	now    func() time.Time
}

// Start listens on addr (e.g. "127.0.0.1:0" for a free port) and serves SMTP until Close.
// It accepts any sender and recipient, without TLS or AUTH: listen on loopback only.
func Start(addr string) (*Sink, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("mail sink: listen on %s: %w", addr, err)
	}
	s := &Sink{ln: ln, now: time.Now}
	s.server = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{sink: s}, nil }))
	s.server.Domain = "localhost"
	s.server.MaxMessageBytes = 1 << 20
	s.server.MaxRecipients = 50
	s.server.ReadTimeout = 30 * time.Second
	s.server.WriteTimeout = 30 * time.Second
	go func() { _ = s.server.Serve(ln) }()
	return s, nil
}

// Addr is the host:port the sink listens on.
func (s *Sink) Addr() string { return s.ln.Addr().String() }

// URL is the DIRSYNC_SMTP_URL that reaches the sink.
func (s *Sink) URL() string { return "smtp://" + s.Addr() }

// Close stops the server.
func (s *Sink) Close() error { return s.server.Close() }

// Mails returns the mails received so far, oldest first.
func (s *Sink) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mails...)
}

// RefuseNext makes the next n messages fail at DATA with a temporary 451 answer, as a
// busy or greylisting server does.
func (s *Sink) RefuseNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse = n
}

func (s *Sink) receive(m Mail) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refuse > 0 {
		s.refuse--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
	}
	m.ReceivedAt = s.now()
	s.mails = append(s.mails, m)
	if len(s.mails) > maxMails {
		s.mails = s.mails[len(s.mails)-maxMails:]
	}
	return nil
}

type session struct {
	sink *Sink
	from string
	to   []string
}

func (ss *session) Reset()        { ss.from, ss.to = "", nil }
func (ss *session) Logout() error { return nil }

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("read message: %w", err)
	}
	return ss.sink.receive(Mail{From: ss.from, To: append([]string(nil), ss.to...), Raw: raw})
}

// Parsed is a received mail's headers and its text and HTML parts, decoded.
type Parsed struct {
	Header mail.Header
	// Subject is the decoded Subject header.
	Subject string
	Text    string
	HTML    string
}

// Parse decodes a mail built as dirsync builds them: a single part or a
// multipart/alternative of text/plain and text/html, quoted-printable or not.
func Parse(raw []byte) (Parsed, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Parsed{}, fmt.Errorf("parse mail: %w", err)
	}
	p := Parsed{Header: msg.Header}
	dec := new(mime.WordDecoder)
	if p.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return p, fmt.Errorf("decode subject: %w", err)
	}
	ctype, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		ctype = "text/plain"
	}
	if !strings.HasPrefix(ctype, "multipart/") {
		body, err := decodePart(msg.Body, msg.Header.Get("Content-Transfer-Encoding"))
		p.Text = body
		return p, err
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return p, nil
		}
		if err != nil {
			return p, fmt.Errorf("read mail part: %w", err)
		}
		body, err := decodePart(part, part.Header.Get("Content-Transfer-Encoding"))
		if err != nil {
			return p, err
		}
		switch pt, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type")); pt {
		case "text/plain":
			p.Text = body
		case "text/html":
			p.HTML = body
		}
	}
}

func decodePart(r io.Reader, encoding string) (string, error) {
	if strings.EqualFold(encoding, "quoted-printable") {
		r = quotedprintable.NewReader(r)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return "", fmt.Errorf("decode mail part: %w", err)
	}
	return string(b), nil
}

package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Mailer delivers one rendered mail. *SMTP is the real one.
type Mailer interface {
	Send(ctx context.Context, m Mail) error
}

var _ Mailer = (*SMTP)(nil)

// SMTP delivers mail to one SMTP server (a provider's submission port or a relay).
type SMTP struct {
	addr     string
	host     string
	implicit bool // smtps://: TLS from the first byte
	user     string
	password string
	tls      *tls.Config
	timeout  time.Duration
}

// SMTPConfig is how to reach the SMTP server.
type SMTPConfig struct {
	// URL is smtp://[user:password@]host[:port] (STARTTLS required, port 587 by default)
	// or smtps://[user:password@]host[:port] (implicit TLS, port 465). Without a user there
	// is no AUTH. smtp:// to a loopback host (a local relay, the dev sink) is plain SMTP:
	// the mail never leaves the machine.
	URL string
	// TLS is the TLS configuration (e.g. RootCAs); nil verifies against the system pool.
	TLS *tls.Config
	// Timeout bounds one delivery (dial to QUIT); default 30 seconds.
	Timeout time.Duration
}

// NewSMTP parses the configuration; the error never repeats the password.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil {
		return nil, errors.New("DIRSYNC_SMTP_URL is not a URL such as smtp://user:password@smtp.example.com:587")
	}
	s := &SMTP{host: u.Hostname(), timeout: cfg.Timeout}
	port := u.Port()
	switch u.Scheme {
	case "smtp":
		if port == "" {
			port = "587"
		}
	case "smtps":
		s.implicit = true
		if port == "" {
			port = "465"
		}
	default:
		return nil, fmt.Errorf("DIRSYNC_SMTP_URL must start with smtp:// (STARTTLS) or smtps:// (TLS), not %q", u.Scheme+"://")
	}
	if s.host == "" {
		return nil, errors.New("DIRSYNC_SMTP_URL names no host")
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.password, _ = u.User.Password()
	}
	s.addr = net.JoinHostPort(s.host, port)
	s.tls = &tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12}
	if cfg.TLS != nil {
		s.tls = cfg.TLS.Clone()
		s.tls.ServerName = s.host
	}
	if s.timeout <= 0 {
		s.timeout = 30 * time.Second
	}
	return s, nil
}

// String describes the server without credentials, for logs and the dev banner.
func (s *SMTP) String() string {
	scheme := "smtp"
	if s.implicit {
		scheme = "smtps"
	}
	if s.user != "" {
		return fmt.Sprintf("%s://%s@%s", scheme, s.user, s.addr)
	}
	return fmt.Sprintf("%s://%s", scheme, s.addr)
}

// Send delivers m. An *smtp.SMTPError in the chain carries the server's answer
// (Permanent reports a 5xx one).
func (s *SMTP) Send(ctx context.Context, m Mail) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	dialer := &net.Dialer{}
	var conn net.Conn
	var err error
	if s.implicit {
		conn, err = (&tls.Dialer{NetDialer: dialer, Config: s.tls}).DialContext(ctx, "tcp", s.addr)
	} else {
		conn, err = dialer.DialContext(ctx, "tcp", s.addr)
	}
	if err != nil {
		return fmt.Errorf("connect to %s: %w", s.addr, err)
	}
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Now()) })
	defer stop()
	var c *smtp.Client
	if s.implicit || isLoopback(s.host) {
		c = smtp.NewClient(conn)
	} else if c, err = smtp.NewClientStartTLS(conn, s.tls); err != nil {
		_ = conn.Close()
		return fmt.Errorf("STARTTLS with %s (smtp:// requires it; smtps:// is implicit TLS): %w", s.addr, err)
	}
	defer c.Close()
	if s.user != "" {
		if err := c.Auth(sasl.NewPlainClient("", s.user, s.password)); err != nil {
			return fmt.Errorf("authenticate to %s as %s: %w", s.addr, s.user, err)
		}
	}
	if err := c.SendMail(m.From, []string{m.To}, bytes.NewReader(m.Body)); err != nil {
		return fmt.Errorf("send mail through %s: %w", s.addr, err)
	}
	if err := c.Quit(); err != nil {
		return fmt.Errorf("end session with %s: %w", s.addr, err)
	}
	return nil
}

// Permanent reports whether err is an SMTP answer that a retry cannot change (5xx).
func Permanent(err error) bool {
	var se *smtp.SMTPError
	return errors.As(err, &se) && se.Code >= 500
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

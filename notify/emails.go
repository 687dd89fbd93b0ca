package notify

import (
	"fmt"
	"net/mail"
	"strings"
)

// MaxNotificationEmails is how many extra addresses a company may configure.
const MaxNotificationEmails = 20

// InvalidEmailError names a notification address that is not a plain email address.
type InvalidEmailError struct {
	// Value is the address as given.
	Value string
	// Reason says what is wrong.
	Reason string
}

// Error implements error.
func (e *InvalidEmailError) Error() string { return fmt.Sprintf("%q %s", e.Value, e.Reason) }

// NormalizeEmails validates addresses (a bare addr-spec, no display name), lower-cases
// them and drops duplicates, keeping the order.
func NormalizeEmails(in []string) ([]string, error) {
	out := make([]string, 0, len(in))
	seen := make(map[string]bool, len(in))
	for _, raw := range in {
		v := strings.ToLower(strings.TrimSpace(raw))
		a, err := mail.ParseAddress(v)
		if v == "" || err != nil || a.Name != "" || a.Address != v || !strings.Contains(v[strings.LastIndexByte(v, '@')+1:], ".") {
			return nil, &InvalidEmailError{Value: raw, Reason: "is not an email address such as it@example.com"}
		}
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	if len(out) > MaxNotificationEmails {
		return nil, &InvalidEmailError{Value: out[MaxNotificationEmails], Reason: fmt.Sprintf("is one more than the %d addresses allowed", MaxNotificationEmails)}
	}
	return out, nil
}

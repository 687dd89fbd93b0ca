package engine

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/officetogether/dirsync/sync/workos"
)

// UpstreamText is a WorkOS failure in words for the admin: what happened, that
// nothing was changed, and what to do. It never contains WorkOS's answer itself (the
// caller logs that), only its request id for a support ticket. ok is false when err
// is not a WorkOS failure.
func UpstreamText(err error) (text string, ok bool) {
	var se *workos.StatusError
	switch {
	case errors.As(err, &se):
		return statusText(se.Status) + requestIDText(se.RequestID), true
	case errors.Is(err, workos.ErrUnauthorized):
		return statusText(http.StatusUnauthorized), true
	case errors.Is(err, workos.ErrNotFound):
		return statusText(http.StatusNotFound), true
	case errors.Is(err, workos.ErrInvalidRequest):
		return statusText(http.StatusBadRequest), true
	case !errors.Is(err, workos.ErrUpstream):
		return "", false
	case isTimeout(err):
		return timeoutText, true
	case isNetwork(err):
		return networkText, true
	}
	return unreadableText, true
}

// Texts of WorkOS failures without an HTTP status.
const (
	timeoutText = "WorkOS did not answer in time. Nothing was changed. Try again in a few minutes; " +
		"if it keeps happening, check status.workos.com."
	networkText = "OfficeTogether could not reach WorkOS (a network error). Nothing was changed. " +
		"Check the server's network connection and its WorkOS address, then try again."
	unreadableText = "WorkOS sent an incomplete or unreadable answer. Nothing was changed. Try again in a few minutes."
)

// statusText explains a WorkOS HTTP status.
func statusText(status int) string {
	switch {
	case status == http.StatusUnauthorized:
		return "WorkOS rejected the API key. Nothing was changed. Check that the server's WorkOS API key " +
			"(WORKOS_API_KEY) is a current secret key of the WorkOS environment where the directory was set up, then try again."
	case status == http.StatusForbidden:
		return "WorkOS refused access with this API key. Nothing was changed. The key may lack permission for " +
			"Directory Sync or belong to another WorkOS environment: check WORKOS_API_KEY in the WorkOS dashboard, then try again."
	case status == http.StatusNotFound:
		return "WorkOS does not know the connected directory or organization. Nothing was changed. It may have been " +
			"deleted in WorkOS, or the server uses the API key of another WorkOS environment: check WORKOS_API_KEY, " +
			"or reconnect the directory."
	case status == http.StatusTooManyRequests:
		return "WorkOS is limiting how often OfficeTogether may call it (too many requests). Nothing was changed. " +
			"The next scheduled sync tries again; you can also run Sync now in a few minutes."
	case status == http.StatusRequestTimeout || status >= 500:
		return fmt.Sprintf("WorkOS had a problem on its side (status %d). Nothing was changed. Try again in a few "+
			"minutes; if it keeps failing, check status.workos.com.", status)
	}
	return fmt.Sprintf("WorkOS refused the request (status %d). Nothing was changed. This needs a fix in "+
		"OfficeTogether: contact support with the time it happened (the server log has the details).", status)
}

func requestIDText(id string) string {
	if id == "" {
		return ""
	}
	return " WorkOS request id: " + id + "."
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) ||
		strings.Contains(err.Error(), "attempt timed out")
}

// legacyNetwork matches the Go network errors earlier versions stored in a run's error.
var legacyNetwork = regexp.MustCompile(`connection refused|no such host|dial tcp|connection reset|network is unreachable`)

func isNetwork(err error) bool {
	var oe *net.OpError
	var de *net.DNSError
	return errors.As(err, &oe) || errors.As(err, &de)
}

// legacyUpstream matches the run errors stored before UpstreamText existed: a prefix
// followed by the WorkOS client's raw message, e.g. "WorkOS is unavailable, nothing was
// changed: ... HTTP 429 Too Many Requests: ...".
var legacyUpstream = regexp.MustCompile(`^(WorkOS is unavailable|WorkOS rejected the API key|the directory was not found in WorkOS|WorkOS rejected the request), nothing was changed: `)

var legacyStatus = regexp.MustCompile(`HTTP (\d{3})\b`)

// StoredErrorText is a stored run or connection error as the API shows it: errors stored
// by earlier versions with WorkOS's raw answer appended are told as UpstreamText tells
// them; any other text is returned as it is.
func StoredErrorText(stored string) string {
	m := legacyUpstream.FindStringSubmatch(stored)
	if m == nil {
		return stored
	}
	if s := legacyStatus.FindStringSubmatch(stored[len(m[0]):]); s != nil {
		status, _ := strconv.Atoi(s[1])
		return statusText(status)
	}
	switch m[1] {
	case "WorkOS rejected the API key":
		return statusText(http.StatusUnauthorized)
	case "the directory was not found in WorkOS":
		return statusText(http.StatusNotFound)
	case "WorkOS rejected the request":
		return statusText(http.StatusBadRequest)
	}
	rest := stored[len(m[0]):]
	switch {
	case strings.Contains(rest, "timed out") || strings.Contains(rest, "deadline exceeded"):
		return timeoutText
	case legacyNetwork.MatchString(rest):
		return networkText
	}
	return unreadableText
}

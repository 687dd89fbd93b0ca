package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
)

// Viewer is the signed-in user of a request, as the database has them now.
type Viewer struct {
	UserID    string
	CompanyID string
	Email     string
	Role      string
}

// IsCompanyAdmin tells whether the viewer may see and change directory sync.
func (v Viewer) IsCompanyAdmin() bool { return v.Role == db.RoleCompanyAdmin }

type viewerKey struct{}

type viewerResult struct {
	viewer Viewer
	err    error
}

// WithViewer returns a context carrying the viewer.
func WithViewer(ctx context.Context, v Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, viewerResult{viewer: v})
}

// FromContext returns the request's viewer, or ErrUnauthenticated.
func FromContext(ctx context.Context) (Viewer, error) {
	r, ok := ctx.Value(viewerKey{}).(viewerResult)
	if !ok {
		return Viewer{}, ErrUnauthenticated
	}
	if r.err != nil {
		return Viewer{}, r.err
	}
	return r.viewer, nil
}

// RequireAdmin returns the viewer when they are a Company Administrator, else ErrForbidden.
func RequireAdmin(ctx context.Context) (Viewer, error) {
	v, err := FromContext(ctx)
	if err != nil {
		return Viewer{}, err
	}
	if !v.IsCompanyAdmin() {
		return Viewer{}, ErrForbidden
	}
	return v, nil
}

// Middleware reads the bearer token and loads the user's current role and status,
// so a demoted or inactivated user loses access at once. It never rejects a request
// itself: resolvers ask FromContext and fail with UNAUTHENTICATED.
func Middleware(issuer *Issuer, idb bun.IDB) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			token, ok := bearerToken(r)
			if !ok {
				next.ServeHTTP(w, r)
				return
			}
			v, err := Authenticate(r.Context(), issuer, idb, token)
			ctx := context.WithValue(r.Context(), viewerKey{}, viewerResult{viewer: v, err: err})
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// Authenticate checks a token and that its user is still active in its company.
func Authenticate(ctx context.Context, issuer *Issuer, idb bun.IDB, token string) (Viewer, error) {
	claims, err := issuer.Parse(token)
	if err != nil {
		return Viewer{}, err
	}
	u, err := db.GetUser(ctx, idb, claims.CompanyID, claims.UserID)
	if errors.Is(err, db.ErrNotFound) {
		return Viewer{}, fmt.Errorf("%w: user no longer exists", ErrUnauthenticated)
	}
	if err != nil {
		return Viewer{}, fmt.Errorf("load viewer: %w", err)
	}
	if u.Status != db.StatusActive {
		return Viewer{}, fmt.Errorf("%w: user is inactive", ErrUnauthenticated)
	}
	return Viewer{UserID: u.ID, CompanyID: u.CompanyID, Email: u.Email, Role: u.Role}, nil
}

func bearerToken(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return "", h != ""
	}
	return strings.TrimSpace(token), true
}

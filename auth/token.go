// Package auth issues and checks bearer tokens and carries the signed-in viewer
// through a request's context.
package auth

import (
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var (
	// ErrUnauthenticated means no valid token, or a user who may no longer sign in.
	ErrUnauthenticated = errors.New("auth: sign in required")
	// ErrForbidden means the viewer is signed in but lacks the role.
	ErrForbidden = errors.New("auth: only company administrators may do this")
)

// MinSecretLength is the shortest session secret Issuer accepts.
const MinSecretLength = 32

const issuer = "dirsync"

// Claims name the user and company a token was issued for.
type Claims struct {
	UserID    string
	CompanyID string
	ExpiresAt time.Time
}

// Issuer signs and verifies HS256 JWTs with the session secret.
type Issuer struct {
	secret []byte
	now    func() time.Time
}

// NewIssuer returns an Issuer for the secret; now defaults to time.Now.
func NewIssuer(secret string, now func() time.Time) (*Issuer, error) {
	if len(secret) < MinSecretLength {
		return nil, fmt.Errorf("session secret must be at least %d characters", MinSecretLength)
	}
	if now == nil {
		now = time.Now
	}
	return &Issuer{secret: []byte(secret), now: now}, nil
}

// Issue returns a token for the user that expires after ttl.
func (i *Issuer) Issue(userID, companyID string, ttl time.Duration) (string, error) {
	if ttl <= 0 {
		return "", fmt.Errorf("issue token: ttl must be positive, got %s", ttl)
	}
	now := i.now()
	claims := tokenClaims{
		CompanyID: companyID,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    issuer,
			Subject:   userID,
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(i.secret)
	if err != nil {
		return "", fmt.Errorf("sign token: %w", err)
	}
	return signed, nil
}

// Parse verifies a token and returns its claims; any fault is ErrUnauthenticated.
func (i *Issuer) Parse(token string) (Claims, error) {
	var claims tokenClaims
	_, err := jwt.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return i.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(issuer),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(i.now),
	)
	if err != nil {
		return Claims{}, fmt.Errorf("%w: %v", ErrUnauthenticated, err)
	}
	if claims.Subject == "" || claims.CompanyID == "" {
		return Claims{}, fmt.Errorf("%w: token names no user or company", ErrUnauthenticated)
	}
	return Claims{UserID: claims.Subject, CompanyID: claims.CompanyID, ExpiresAt: claims.ExpiresAt.Time}, nil
}

type tokenClaims struct {
	CompanyID string `json:"cid"`
	jwt.RegisteredClaims
}

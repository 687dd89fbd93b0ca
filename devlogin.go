package main

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/auth"
	"github.com/officetogether/dirsync/db"
)

// devLoginTTL is how long the dev sign-in page's tokens last.
const devLoginTTL = 12 * time.Hour

type demoUser struct {
	Email string `json:"email"`
	Name  string `json:"name"`
	Role  string `json:"role"`
	Token string `json:"token"`
}

// demoUsersHandler serves GET /dev/demo-users in `dirsync dev` only: the demo
// company's admin and member with fresh tokens, for the SPA's sign-in page.
func demoUsersHandler(bdb *bun.DB, issuer *auth.Issuer, companyID string, userIDs []string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out := make([]demoUser, 0, len(userIDs))
		for _, id := range userIDs {
			u, err := db.GetUser(r.Context(), bdb, companyID, id)
			if err != nil || u.Status != db.StatusActive {
				continue
			}
			token, err := issuer.Issue(u.ID, u.CompanyID, devLoginTTL)
			if err != nil {
				http.Error(w, "cannot issue token", http.StatusInternalServerError)
				return
			}
			out = append(out, demoUser{Email: u.Email, Name: u.Name(), Role: u.Role, Token: token})
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(out)
	})
}

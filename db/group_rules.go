package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// GetGroupRules returns the company's saved group rules as JSON, or nil when none were saved.
func GetGroupRules(ctx context.Context, idb bun.IDB, companyID string) (json.RawMessage, error) {
	var raw []byte
	err := idb.QueryRowContext(ctx, "SELECT rules FROM sync_group_rules WHERE company_id = ?", companyID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("get group rules: %w", mapError(err))
	}
	return raw, nil
}

// SaveGroupRules replaces the company's group rules. The caller validates them.
func SaveGroupRules(ctx context.Context, idb bun.IDB, companyID string, rules json.RawMessage, now time.Time) error {
	_, err := idb.ExecContext(ctx, `INSERT INTO sync_group_rules (company_id, rules, updated_at) VALUES (?, ?, ?)
ON CONFLICT (company_id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = EXCLUDED.updated_at`, companyID, string(rules), now)
	if err != nil {
		return fmt.Errorf("save group rules: %w", mapError(err))
	}
	return nil
}

package db

import "github.com/uptrace/bun/dialect/pgdialect"

// pgArray wraps a slice so bun sends it as a PostgreSQL array.
func pgArray(v any) any { return pgdialect.Array(v) }

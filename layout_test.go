package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestImportDirection keeps the layout of STYLE.md: db imports nothing of ours,
// domain packages never import the GraphQL layer, and only sync/workos talks to
// the WorkOS SDK.
func TestImportDirection(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "./...").Output()
	require.NoError(t, err)
	const mod = "github.com/officetogether/dirsync"
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, imports := strings.TrimPrefix(fields[0], mod), fields[1:]
		for _, imp := range imports {
			ours := strings.HasPrefix(imp, mod)
			local := strings.TrimPrefix(imp, mod)
			switch {
			case strings.HasPrefix(pkg, "/db") && ours && !strings.HasPrefix(local, "/db"):
				t.Errorf("%s imports %s: db must not depend on the rest of the service", pkg, imp)
			case (local == "/graph" || strings.HasPrefix(local, "/graph/") || local == "/resolvers") &&
				!(pkg == "" || pkg == "/server" || pkg == "/resolvers" || strings.HasPrefix(pkg, "/graph")):
				t.Errorf("%s imports %s: only the GraphQL layer may", pkg, imp)
			case strings.HasPrefix(imp, "github.com/workos/workos-go") && pkg != "/sync/workos":
				t.Errorf("%s imports %s: only sync/workos may use the WorkOS SDK", pkg, imp)
			}
			checked++
		}
	}
	require.Positive(t, checked)
}

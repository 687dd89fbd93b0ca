package notify

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestNormalizeEmails(t *testing.T) {
	t.Parallel()
	got, err := NormalizeEmails([]string{" IT@Example.com ", "it@example.com", "ops@acme.example"})
	require.NoError(t, err)
	require.Equal(t, []string{"it@example.com", "ops@acme.example"}, got)

	for _, bad := range []string{"", "nobody", "a@b", "Ann <ann@example.com>", "ann@example.com, bob@example.com", "a b@example.com"} {
		_, err := NormalizeEmails([]string{"ok@example.com", bad})
		var ie *InvalidEmailError
		require.ErrorAs(t, err, &ie, bad)
		require.Equal(t, bad, ie.Value)
	}
}

package seed_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/db/dbtest"
	"github.com/officetogether/dirsync/db/seed"
)

func TestDemo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	bdb := dbtest.NewDB(t)
	d, err := seed.Demo(ctx, bdb, seed.DemoOptions{Users: 300, Seed: 7})
	require.NoError(t, err)

	admin, err := db.GetUser(ctx, bdb, d.CompanyID, d.AdminUserID)
	require.NoError(t, err)
	require.Equal(t, seed.DemoAdminEmail, admin.Email)
	require.Equal(t, "Ada Admin", admin.Name())
	require.Equal(t, db.RoleCompanyAdmin, admin.Role)
	member, err := db.GetUser(ctx, bdb, d.CompanyID, d.MemberUserID)
	require.NoError(t, err)
	require.Equal(t, "Max Member", member.Name())
	require.Equal(t, db.RoleMember, member.Role)
	c, err := db.GetCompany(ctx, bdb, d.CompanyID)
	require.NoError(t, err)
	require.Equal(t, seed.DemoCompanyName, c.Name)

	offices, err := db.ListOffices(ctx, bdb, d.CompanyID)
	require.NoError(t, err)
	require.Len(t, offices, 8)
	for _, o := range offices {
		require.NotEmpty(t, o.Aliases, o.Name)
	}
	st := stats(t, bdb, d.CompanyID)
	require.Equal(t, 302, st.Users)
	require.Greater(t, st.Departments, 15)
	require.Greater(t, st.Divisions, 30)
	require.Greater(t, st.Tags, 30)
	require.Greater(t, st.FirstNames, 100)
	require.Greater(t, st.Accented, 0, "some names have accents")
	require.Greater(t, st.Inactive, 0)
	require.Less(t, st.Inactive, 30)

	// The same seed gives the same people; another seed others.
	again, err := seed.Demo(ctx, bdb, seed.DemoOptions{Users: 300, Seed: 7})
	require.NoError(t, err)
	other, err := seed.Demo(ctx, bdb, seed.DemoOptions{Users: 300, Seed: 8})
	require.NoError(t, err)
	require.Equal(t, people(t, bdb, d.CompanyID), people(t, bdb, again.CompanyID))
	require.NotEqual(t, people(t, bdb, d.CompanyID), people(t, bdb, other.CompanyID))
}

func TestBulk(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	bdb := dbtest.NewDB(t)
	c, err := db.CreateCompany(ctx, bdb, "Bulk")
	require.NoError(t, err)
	res, err := seed.Bulk(ctx, bdb, c.ID, seed.BulkOptions{Users: 12000, Departments: 12, Divisions: 40,
		Offices: 25, Tags: 80, TagsPerUser: 3, Seed: 3})
	require.NoError(t, err)
	require.Len(t, res.OfficeIDs, 25)
	require.Len(t, res.Departments, 12)
	require.Len(t, res.Divisions, 40)
	require.Len(t, res.Tags, 80)

	st := stats(t, bdb, c.ID)
	require.Equal(t, 12000, st.Users)
	require.Equal(t, 12, st.Departments)
	require.Equal(t, 40, st.Divisions)
	require.Equal(t, 25, st.Offices)
	require.LessOrEqual(t, st.Tags, 80)
	require.Greater(t, st.Tags, 60)
	require.LessOrEqual(t, st.MaxTags, 3)
	require.Greater(t, st.Inactive, 100)
}

type companyStats struct {
	Users, Departments, Divisions, Offices, Tags, MaxTags, FirstNames, Accented, Inactive int
}

func stats(t *testing.T, bdb bun.IDB, companyID string) companyStats {
	t.Helper()
	var s companyStats
	err := bdb.NewRaw(`SELECT count(*) AS users, count(DISTINCT department) AS departments,
  count(DISTINCT division) AS divisions, count(DISTINCT office_id) AS offices,
  (SELECT count(DISTINCT t) FROM users, unnest(tags) t WHERE company_id = ?0) AS tags,
  max(cardinality(tags)) AS max_tags, count(DISTINCT first_name) AS first_names,
  count(*) FILTER (WHERE first_name || last_name ~ '[^ -~]') AS accented,
  count(*) FILTER (WHERE status = 'INACTIVE') AS inactive
FROM users WHERE company_id = ?0`, companyID).Scan(context.Background(), &s)
	require.NoError(t, err)
	return s
}

func people(t *testing.T, bdb bun.IDB, companyID string) []string {
	t.Helper()
	var out []string
	err := bdb.NewRaw(`SELECT concat_ws('|', email, first_name, last_name, job_title, department, division,
  (SELECT name FROM offices o WHERE o.id = office_id), array_to_string(tags, ','), status)
FROM users WHERE company_id = ? ORDER BY email`, companyID).Scan(context.Background(), &out)
	require.NoError(t, err)
	return out
}

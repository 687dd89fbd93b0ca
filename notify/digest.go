package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/mapping"
)

// maxDigestNames is how many first names the digest shows per kind of change.
const maxDigestNames = 10

// Digest is one week of a company's people changes, as stored with its incident.
type Digest struct {
	// WeekStart is the Monday (UTC) the week begins, "2006-01-02"; it ends 7 days later.
	WeekStart string `json:"weekStart"`
	// Joined are people created or reactivated by directory sync.
	Joined ChangeGroup `json:"joined"`
	// Left are people inactivated.
	Left ChangeGroup `json:"left"`
	// MovedDepartment and MovedOffice are people whose department or office changed.
	MovedDepartment ChangeGroup `json:"movedDepartment"`
	MovedOffice     ChangeGroup `json:"movedOffice"`
	// Partial is true when a run changed more people than it kept details of: the moves
	// (and names) are then a lower bound.
	Partial bool `json:"partial"`
}

// ChangeGroup is how many people one kind of change touched, and the first names of
// the first maxDigestNames of them.
type ChangeGroup struct {
	Count int      `json:"count"`
	Names []string `json:"names"`
}

func (g *ChangeGroup) addName(name string) {
	if name != "" && len(g.Names) < maxDigestNames {
		g.Names = append(g.Names, name)
	}
}

// WeekStart is the Monday 00:00 UTC that begins t's week.
func WeekStart(t time.Time) time.Time {
	t = t.UTC()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
}

// BuildDigest sums the company's applied runs that finished in the week starting at start.
func BuildDigest(ctx context.Context, idb bun.IDB, companyID string, start time.Time) (Digest, error) {
	changes, totals, err := db.PeopleChanges(ctx, idb, companyID, start, start.AddDate(0, 0, 7))
	if err != nil {
		return Digest{}, err
	}
	d := Digest{WeekStart: start.Format(time.DateOnly), Partial: totals.Kept < totals.Changed}
	d.Joined.Count = totals.Created + totals.Reactivated
	d.Left.Count = totals.Deactivated
	for _, c := range changes {
		switch c.Action {
		case "CREATE", "REACTIVATE":
			d.Joined.addName(c.FirstName)
		case "DEACTIVATE":
			d.Left.addName(c.FirstName)
		case "UPDATE":
			for _, f := range c.Fields {
				switch f {
				case mapping.FieldDepartment:
					d.MovedDepartment.Count++
					d.MovedDepartment.addName(c.FirstName)
				case mapping.FieldOffice:
					d.MovedOffice.Count++
					d.MovedOffice.addName(c.FirstName)
				}
			}
		}
	}
	return d, nil
}

// QueueDigests stores last week's digest for every company that has it on and none yet,
// with its messages, once across replicas (the digest's unique key). It runs once the
// week is over: on the Monday after, or later. It returns how many it stored.
func QueueDigests(ctx context.Context, bdb *bun.DB, now time.Time) (int, error) {
	start := WeekStart(now).AddDate(0, 0, -7)
	subject := start.Format(time.DateOnly)
	companies, err := db.CompaniesDueDigest(ctx, bdb, subject)
	if err != nil {
		return 0, err
	}
	queued := 0
	for _, companyID := range companies {
		err := bdb.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			d, err := BuildDigest(ctx, tx, companyID, start)
			if err != nil {
				return err
			}
			body, err := json.Marshal(d)
			if err != nil {
				return fmt.Errorf("encode digest: %w", err)
			}
			ok, err := db.InsertDigest(ctx, tx, companyID, subject, body)
			if ok {
				queued++
			}
			return err
		})
		if err != nil {
			return queued, fmt.Errorf("weekly digest of company %s: %w", companyID, err)
		}
	}
	return queued, nil
}

// digestContent writes the digest mail.
func digestContent(c content, d Digest, link func(string) string) content {
	start, _ := time.Parse(time.DateOnly, d.WeekStart)
	end := start.AddDate(0, 0, 6)
	c.Subject = fmt.Sprintf("%s: people changes in the week of %s", c.Company, start.Format("2 January 2006"))
	c.Paragraphs = []string{fmt.Sprintf("What directory sync changed at %s from %s to %s:", c.Company,
		start.Format("Monday 2 January"), end.Format("Sunday 2 January 2006"))}
	for _, g := range []struct {
		title string
		group ChangeGroup
	}{{"Joined", d.Joined}, {"Left", d.Left}, {"Moved to another department", d.MovedDepartment}, {"Moved to another office", d.MovedOffice}} {
		c.Lists = append(c.Lists, titledList{Title: fmt.Sprintf("%s: %d", g.title, g.group.Count), Items: nameLine(g.group)})
	}
	if d.Partial {
		c.After = append(c.After, "Some runs changed more people than they keep details of: the moves count at least this many.")
	}
	c.After = append(c.After, "Nothing to do: this is the weekly digest, which the company's administrators can turn off in the notification settings.")
	c.ActionLabel, c.ActionURL = "Open the sync history", link(pathHistory)
	return c
}

func nameLine(g ChangeGroup) []string {
	if len(g.Names) == 0 {
		return nil
	}
	line := strings.Join(g.Names, ", ")
	if more := g.Count - len(g.Names); more > 0 {
		line += fmt.Sprintf(" and %d more", more)
	}
	return []string{line}
}

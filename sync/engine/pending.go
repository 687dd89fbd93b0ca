package engine

import (
	"context"
	"errors"

	"github.com/officetogether/dirsync/db"
	"github.com/officetogether/dirsync/sync/mapping"
)

// pendingSampleSize is how many names PendingDeactivations.Sample holds at most.
const pendingSampleSize = 5

// PendingDeactivations is what a sync would inactivate, planned from the mirror (the
// directory as last read) without reading WorkOS or recording a run.
type PendingDeactivations struct {
	// Count is how many users the plan inactivates.
	Count int
	// Sample names the first of them (at most 5): name, or email without one.
	Sample []string
}

// PendingDeactivations plans a sync of the company from its mirror and reports whom it
// would inactivate: the quick check before Sync now. It writes nothing. ErrNotConnected
// when no directory is connected.
func (s *Service) PendingDeactivations(ctx context.Context, companyID string) (*PendingDeactivations, error) {
	conn, err := db.GetDirectoryConnection(ctx, s.db, companyID)
	if err != nil || !conn.Connected() {
		if err == nil || errors.Is(err, db.ErrNotFound) {
			return nil, ErrNotConnected
		}
		return nil, err
	}
	r := &runner{s: s, run: &db.SyncRun{CompanyID: companyID}, connection: conn}
	if r.cfg, err = db.GetSyncConfiguration(ctx, s.db, companyID); err != nil {
		return nil, err
	}
	if r.mapping, err = MappingOf(r.cfg); err != nil {
		return nil, err
	}
	if r.mapper, err = mapping.Compile(r.mapping); err != nil {
		return nil, err
	}
	if r.existing, err = loadExistingUsers(ctx, s.db, companyID); err != nil {
		return nil, err
	}
	offices, err := db.ListOffices(ctx, s.db, companyID)
	if err != nil {
		return nil, err
	}
	r.offices = newOfficeIndex(offices)
	if r.known, err = db.MirrorEntries(ctx, s.db, companyID, conn.UserCount, r.existing.directoryUserID); err != nil {
		return nil, err
	}
	err = db.EachDirectoryUser(ctx, s.db, companyID, 1000, func(batch []db.DirectoryUser) error {
		for i := range batch {
			if err := r.addPulled(batch[i].ID, deref(batch[i].IdpID), batch[i].State, batch[i].Raw); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	p := r.plan()
	out := &PendingDeactivations{Count: p.Counts.Deactivated, Sample: []string{}}
	for _, c := range p.Changes {
		if c.Action != ActionDeactivate || len(out.Sample) == pendingSampleSize {
			continue
		}
		name := c.Name
		if name == "" {
			name = c.Email
		}
		out.Sample = append(out.Sample, name)
	}
	return out, nil
}

package sqlite

// Data rights: who viewed one's profile, the export of one's data and the erasure of
// one's account (passerelles datarights.go and export.go).

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"time"

	"passerelles"
)

// viewWindow is how long repeated views of a profile by the same person count as one visit.
const viewWindow = 10 * time.Minute

// recordViews records that viewer saw the profiles of ids, for those whose views
// passerelles.RecordsView keeps — whatever path showed them (profile by id, a nested edge,
// a refused operation). One visit is one entry: views by the same person within viewWindow
// are not counted again. A reader first looks for recent views, so that the many reads of
// one visit (the profile, then its histories and endorsements) take the single writer
// only for the first.
func (s *ProfileService) recordViews(ctx context.Context, viewer *passerelles.User, ids []int64) error {
	var seen []int64
	for _, id := range ids {
		if passerelles.RecordsView(viewer, id) {
			seen = append(seen, id)
		}
	}
	if len(seen) == 0 {
		return nil
	}
	var unrecorded []int64
	if err := s.db.read(ctx, func(tx *Tx) error {
		var err error
		unrecorded, err = notViewedRecently(ctx, tx, viewer.AgentID, seen)
		return err
	}); err != nil || len(unrecorded) == 0 {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error { return s.recordViewsIn(ctx, tx, viewer, unrecorded) })
}

// recordViewsIn records, in the write transaction tx, the views of ids by viewer that
// passerelles.RecordsView keeps and that no entry of the last viewWindow already counts.
func (s *ProfileService) recordViewsIn(ctx context.Context, tx *Tx, viewer *passerelles.User, ids []int64) error {
	var seen []int64
	for _, id := range ids {
		if passerelles.RecordsView(viewer, id) {
			seen = append(seen, id)
		}
	}
	if len(seen) == 0 {
		return nil
	}
	unrecorded, err := notViewedRecently(ctx, tx, viewer.AgentID, seen)
	if err != nil {
		return err
	}
	return auditMany(ctx, tx, viewer.AgentID, "PROFILE_VIEWED", unrecorded)
}

// notViewedRecently returns the ids among ids whose profile viewerID has not viewed within
// viewWindow of now, in one statement.
func notViewedRecently(ctx context.Context, tx *Tx, viewerID int64, ids []int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT j.value FROM json_each(?1) j WHERE NOT EXISTS (SELECT 1 FROM audit_log l
		WHERE l.actor_id = ?2 AND l.at > ?3 AND l.subject_id = j.value AND l.action = 'PROFILE_VIEWED')`,
		jsonIDs(ids), viewerID, formatTime(tx.now.Add(-viewWindow)))
	if err != nil {
		return nil, fmt.Errorf("sqlite: recent views: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: recent views: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// FindProfileViews implements passerelles.ProfileService.
func (s *ProfileService) FindProfileViews(ctx context.Context, page passerelles.Page) ([]passerelles.ProfileView, int, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := page.Validate(); err != nil {
		return nil, 0, err
	}
	views := []passerelles.ProfileView{}
	total := 0
	err = s.db.read(ctx, func(tx *Tx) error {
		all, err := findProfileViews(ctx, tx, me.AgentID, page.Limit, page.Offset)
		if err != nil {
			return err
		}
		views = all
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE subject_id = ? AND action = 'PROFILE_VIEWED'`,
			me.AgentID).Scan(&total)
	})
	if err != nil {
		return nil, 0, err
	}
	return views, total, nil
}

// findProfileViews lists the views of the agent's profile, newest first (limit < 0: all).
func findProfileViews(ctx context.Context, tx *Tx, agentID int64, limit, offset int) ([]passerelles.ProfileView, error) {
	rows, err := tx.QueryContext(ctx, `SELECT COALESCE(l.actor_id, 0), l.at,
		COALESCE(TRIM(a.given_name || ' ' || a.usual_name), ''), COALESCE(a.organisation_label, '')
		FROM audit_log l LEFT JOIN agents a ON a.id = l.actor_id
		WHERE l.subject_id = ? AND l.action = 'PROFILE_VIEWED' ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?`, agentID, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find profile views: %w", err)
	}
	defer rows.Close()
	views := []passerelles.ProfileView{}
	for rows.Next() {
		var v passerelles.ProfileView
		var at int64
		if err := rows.Scan(&v.ViewerID, &at, &v.ViewerName, &v.ViewerOrganisation); err != nil {
			return nil, fmt.Errorf("sqlite: find profile views: %w", err)
		}
		v.At = unixMilli(at)
		views = append(views, v)
	}
	return views, rows.Err()
}

// ExportMyData implements passerelles.ProfileService. One read transaction, so that the
// file is one consistent snapshot. References to other agents are gathered with their ids
// and cleared at the end, all at once, for those whose profile the agent may not see now
// (DataExport.ForgetAgents), whatever list they are in.
func (s *ProfileService) ExportMyData(ctx context.Context) (*passerelles.DataExport, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, err
	}
	x := &passerelles.DataExport{Version: passerelles.ExportVersion,
		Roles: []passerelles.ExportedRole{{Role: passerelles.AccessAgent}}, Skills: []passerelles.ExportedSkill{},
		SkillHistory: []passerelles.ExportedSkillVersion{}, EndorsementsGiven: []passerelles.ExportedEndorsementGiven{},
		CommunityMemberships: []passerelles.ExportedMembership{}, EventRegistrations: []passerelles.ExportedRegistration{},
		ProfileViews: []passerelles.ExportedProfileView{}, Actions: []passerelles.ExportedAction{},
		AboutMe: []passerelles.ExportedAuditEntry{}, Sessions: []passerelles.ExportedSession{},
		OnShortlists: []passerelles.ExportedShortlisting{}, Shortlists: []passerelles.ExportedShortlist{},
		SavedSearches: []passerelles.ExportedSavedSearch{}, Notifications: []passerelles.ExportedNotification{},
		CareerHistory: []passerelles.ExportedPastRole{}, MentoringRequests: []passerelles.ExportedMentoringRequest{}}
	err = s.db.read(ctx, func(tx *Tx) error {
		x.ExportedAt = tx.now.UTC().Truncate(time.Millisecond) // to the millisecond, as every stored date
		ps, err := findProfiles(ctx, tx, me, []int64{me.AgentID})
		if err != nil {
			return err
		}
		p := ps[me.AgentID]
		if p == nil {
			return passerelles.Errorf(passerelles.ENOTFOUND, "Cet agent n’existe pas.")
		}
		for _, step := range []func() error{
			func() error { return exportAgent(ctx, tx, p, &x.Agent) },
			func() error { return exportSkills(ctx, tx, me, p, x) },
			func() error { return exportHistory(ctx, tx, me, x) },
			func() error { return exportActivity(ctx, tx, me.AgentID, x) },
			func() error { return exportProfileViews(ctx, tx, me.AgentID, x) },
			func() error { return exportSkillNames(ctx, tx, x) },
			func() error { return exportShortlists(ctx, tx, me.AgentID, x) },
			func() error { return exportCalendarFeed(ctx, tx, me.AgentID, x) },
			func() error { return exportNotifications(ctx, tx, me.AgentID, x) },
			func() error { return exportCareer(ctx, tx, me.AgentID, x) },
		} {
			if err := step(); err != nil {
				return err
			}
		}
		visible, err := visibleAgents(ctx, tx, me, x.ReferencedAgents())
		if err != nil {
			return err
		}
		x.ForgetAgents(visible)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

func optInt(v int) *int {
	if v == 0 {
		return nil
	}
	return &v
}

func optInt64(v int64) *int64 {
	if v == 0 {
		return nil
	}
	return &v
}

func optString(v string) *string {
	if v == "" {
		return nil
	}
	return &v
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// exportAgent fills the agent's identity and profile, with the dates of the visibility
// choice and of the end of onboarding, which the profile read does not carry.
func exportAgent(ctx context.Context, tx *Tx, p *passerelles.Profile, out *passerelles.ExportedAgent) error {
	a := p.Agent
	*out = passerelles.ExportedAgent{ID: a.ID, Issuer: a.Issuer, Subject: a.Subject, GivenName: a.GivenName,
		UsualName: a.UsualName, Email: a.Email, UID: a.UID, Siret: a.Siret, IdpID: a.IdpID, OrganisationLabel: a.OrganisationLabel,
		AssertedOrganisationID: optInt64(a.AssertedOrganisationID), OrganisationID: optInt64(a.OrganisationID),
		RegionID: optInt64(a.RegionID), GradeCode: optString(a.GradeCode), CurrentRoleID: optInt64(a.CurrentRoleID),
		Bio: a.Bio, OpenToMobility: a.OpenToMobility, MobilityFamilies: p.MobilityFamilies, MobilityRegionIDs: p.MobilityRegionIDs,
		TargetRoleIDs: p.TargetRoleIDs, WillingToMentor: a.WillingToMentor, Visibility: a.Visibility,
		HiddenFromOrganisationIDs: p.HiddenFrom, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
	var chosen, onboarded sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT visibility_chosen_at, onboarded_at FROM agents WHERE id = ?`, a.ID).Scan(&chosen, &onboarded); err != nil {
		return fmt.Errorf("sqlite: export: %w", err)
	}
	out.VisibilityChosenAt, out.OnboardedAt = optTime(nullUnixMilli(chosen)), optTime(nullUnixMilli(onboarded))
	return nil
}

// exportSkills fills the declared skills with their validation, evidence (with the date
// each was added) and endorsements received.
func exportSkills(ctx context.Context, tx *Tx, me *passerelles.User, p *passerelles.Profile, x *passerelles.DataExport) error {
	index := map[int64]int{}
	for _, d := range p.Skills {
		e := passerelles.ExportedSkill{Skill: passerelles.ExportedSkillRef{ID: d.SkillID}, Level: d.Level, CurrentUse: d.CurrentUse,
			WantsToDevelop: d.WantsToDevelop, TopRank: optInt(d.TopRank), DeclaredAt: d.DeclaredAt, UpdatedAt: d.UpdatedAt,
			Evidence: []passerelles.ExportedEvidence{}, Endorsements: []passerelles.ExportedEndorsement{}}
		if d.ValidatedLevel > 0 {
			e.Validation = &passerelles.ExportedValidation{Level: d.ValidatedLevel, Status: d.Status(), Comment: d.ValidationComment,
				At: d.ValidatedAt, By: passerelles.ExportedPerson{ID: optInt64(d.ValidatedBy), Name: optString(d.ValidatedByName)}}
		}
		index[d.SkillID] = len(x.Skills)
		x.Skills = append(x.Skills, e)
	}
	if err := exportRows(ctx, tx, `SELECT skill_id, kind, title, description, score, obtained_on, url, created_at
		FROM agent_skill_evidence WHERE agent_id = ? ORDER BY skill_id, id`, me.AgentID, func(scan func(...any) error) error {
		var skillID, added int64
		var score sql.NullInt64
		var obtained sql.NullString
		var e passerelles.ExportedEvidence
		if err := scan(&skillID, &e.Kind, &e.Title, &e.Description, &score, &obtained, &e.URL, &added); err != nil {
			return err
		}
		if score.Valid {
			v := int(score.Int64)
			e.Score = &v
		}
		if obtained.Valid {
			e.ObtainedOn = &obtained.String
		}
		e.AddedAt = unixMilli(added)
		if i, ok := index[skillID]; ok {
			x.Skills[i].Evidence = append(x.Skills[i].Evidence, e)
		}
		return nil
	}); err != nil {
		return err
	}
	received, err := findEndorsements(ctx, tx, me, me.AgentID, 0)
	if err != nil {
		return err
	}
	for _, e := range slices.Backward(received) { // newest first there, oldest first here
		if i, ok := index[e.skillID]; ok {
			x.Skills[i].Endorsements = append(x.Skills[i].Endorsements,
				passerelles.ExportedEndorsement{EndorserID: optInt64(e.EndorserID), At: e.CreatedAt})
		}
	}
	return nil
}

// exportHistory fills every version of every skill the agent declared, removed ones
// included, by skill then version.
func exportHistory(ctx context.Context, tx *Tx, me *passerelles.User, x *passerelles.DataExport) error {
	history, err := findHistory(ctx, tx, me, me.AgentID, 0, 0) // the export: every version
	if err != nil {
		return err
	}
	for _, skillID := range slices.Sorted(maps.Keys(history)) {
		for _, v := range history[skillID] {
			e := passerelles.ExportedSkillVersion{Skill: passerelles.ExportedSkillRef{ID: skillID}, Version: v.Version,
				Change: v.Change, Level: optInt(v.Level), CurrentUse: v.CurrentUse, WantsToDevelop: v.WantsToDevelop,
				TopRank: optInt(v.TopRank), ValidatedLevel: optInt(v.ValidatedLevel), Comment: v.Comment, ValidFrom: v.ValidFrom,
				ValidTo: optTime(v.ValidTo)}
			if v.ChangedBy != 0 || v.ChangedByName != "" {
				e.ChangedBy = &passerelles.ExportedPerson{ID: optInt64(v.ChangedBy), Name: optString(v.ChangedByName)}
			}
			x.SkillHistory = append(x.SkillHistory, e)
		}
	}
	return nil
}

// exportActivity fills the roles, endorsements given, memberships, registrations, audit
// entries by and about the agent, and sessions: one statement each.
func exportActivity(ctx context.Context, tx *Tx, agentID int64, x *passerelles.DataExport) error {
	for _, l := range []struct {
		query string
		row   func(scan func(...any) error) error
	}{
		{`SELECT role, granted_at FROM agent_access_roles WHERE agent_id = ? ORDER BY role DESC`, func(scan func(...any) error) error {
			var r passerelles.ExportedRole
			var at int64
			err := scan(&r.Role, &at)
			r.GrantedAt = optTime(unixMilli(at))
			x.Roles = append(x.Roles, r)
			return err
		}},
		{`SELECT agent_id, skill_id, created_at FROM endorsements WHERE endorser_id = ? ORDER BY created_at, agent_id, skill_id`,
			func(scan func(...any) error) error {
				var agent, skill, at int64
				err := scan(&agent, &skill, &at)
				x.EndorsementsGiven = append(x.EndorsementsGiven, passerelles.ExportedEndorsementGiven{AgentID: optInt64(agent),
					Skill: passerelles.ExportedSkillRef{ID: skill}, At: unixMilli(at)})
				return err
			}},
		{`SELECT community_id, role, joined_at FROM community_members WHERE agent_id = ? ORDER BY joined_at, community_id`,
			func(scan func(...any) error) error {
				var m passerelles.ExportedMembership
				var at int64
				err := scan(&m.CommunityID, &m.Role, &at)
				m.JoinedAt = unixMilli(at)
				x.CommunityMemberships = append(x.CommunityMemberships, m)
				return err
			}},
		{`SELECT r.event_id, r.status, r.position, r.registered_at, r.updated_at, e.title, r.attended,
				CASE WHEN r.status = 'WAITLISTED' THEN (SELECT COUNT(*) FROM registrations w WHERE w.event_id = r.event_id
					AND w.status = 'WAITLISTED' AND w.position <= r.position) END
			FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.agent_id = ? ORDER BY r.registered_at, r.id`,
			func(scan func(...any) error) error {
				var r passerelles.ExportedRegistration
				var at, updated int64
				var attended, rank sql.NullInt64
				err := scan(&r.EventID, &r.Status, &r.Position, &at, &updated, &r.EventTitle, &attended, &rank)
				r.RegisteredAt, r.UpdatedAt = unixMilli(at), unixMilli(updated)
				if attended.Valid {
					a := attended.Int64 == 1
					r.Attended = &a
				}
				if rank.Valid {
					n := int(rank.Int64)
					r.WaitlistPosition = &n
				}
				x.EventRegistrations = append(x.EventRegistrations, r)
				return err
			}},
		{`SELECT at, action, COALESCE(subject_id, 0), details FROM audit_log WHERE actor_id = ? ORDER BY at, id`,
			func(scan func(...any) error) error {
				var a passerelles.ExportedAction
				var at, subject int64
				err := scan(&at, &a.Action, &subject, &a.Details)
				a.At, a.SubjectID = unixMilli(at), optInt64(subject)
				x.Actions = append(x.Actions, a)
				return err
			}},
		{`SELECT at, action, details FROM audit_log WHERE subject_id = ?1 AND action <> 'PROFILE_VIEWED'
			AND (actor_id IS NULL OR actor_id <> ?1) ORDER BY at, id`, func(scan func(...any) error) error {
			var a passerelles.ExportedAuditEntry
			var at int64
			err := scan(&at, &a.Action, &a.Details)
			a.At = unixMilli(at)
			x.AboutMe = append(x.AboutMe, a)
			return err
		}},
		{`SELECT created_at, last_seen_at, expires_at FROM sessions WHERE agent_id = ? ORDER BY created_at, token_hash`,
			func(scan func(...any) error) error {
				var created, seen, expires int64
				err := scan(&created, &seen, &expires)
				x.Sessions = append(x.Sessions, passerelles.ExportedSession{CreatedAt: unixMilli(created),
					LastSeenAt: unixMilli(seen), ExpiresAt: unixMilli(expires)})
				return err
			}},
	} {
		if err := exportRows(ctx, tx, l.query, agentID, l.row); err != nil {
			return err
		}
	}
	return nil
}

// exportProfileViews fills who viewed the agent's profile, oldest first, names included
// whatever the viewers' visibility.
func exportProfileViews(ctx context.Context, tx *Tx, agentID int64, x *passerelles.DataExport) error {
	views, err := findProfileViews(ctx, tx, agentID, -1, 0)
	if err != nil {
		return err
	}
	for _, v := range slices.Backward(views) {
		x.ProfileViews = append(x.ProfileViews, passerelles.ExportedProfileView{ViewerID: optInt64(v.ViewerID),
			ViewerName: optString(v.ViewerName), ViewerOrganisation: v.ViewerOrganisation, At: v.At})
	}
	return nil
}

// exportSkillNames completes the skill references of x (framework code, code, name).
func exportSkillNames(ctx context.Context, tx *Tx, x *passerelles.DataExport) error {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, f.code, s.code, s.name FROM skills s JOIN frameworks f ON f.id = s.framework_id
		WHERE s.id IN (SELECT value FROM json_each(?))`, jsonIDs(x.ReferencedSkills()))
	if err != nil {
		return fmt.Errorf("sqlite: export skills: %w", err)
	}
	defer rows.Close()
	skills := map[int64]passerelles.ExportedSkillRef{}
	for rows.Next() {
		var r passerelles.ExportedSkillRef
		if err := rows.Scan(&r.ID, &r.Framework, &r.Code, &r.Name); err != nil {
			return fmt.Errorf("sqlite: export skills: %w", err)
		}
		skills[r.ID] = r
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: export skills: %w", err)
	}
	x.NameSkills(skills)
	return nil
}

// exportRows runs query for the agent and hands each row's Scan to fn.
func exportRows(ctx context.Context, tx *Tx, query string, agentID int64, fn func(scan func(...any) error) error) error {
	rows, err := tx.QueryContext(ctx, query, agentID)
	if err != nil {
		return fmt.Errorf("sqlite: export: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return fmt.Errorf("sqlite: export: %w", err)
		}
	}
	return rows.Err()
}

// DeleteMyAccount implements passerelles.ProfileService. Everything goes in one
// transaction, which first refuses to erase the last administrator. The agents row goes
// last: its delete trigger removes the search-index row (FTS5 secure-delete removes the
// entries themselves, not only marks them), and ON DELETE SET NULL turns the agent's ids
// in the audit log (and in others' validations and history, events created, roles
// granted) into NULL, so that only the audit pseudonyms remain. secure_delete overwrites
// the freed rows and pages; the WAL is then emptied into the database file (scrubWAL), so
// that no older copy of them stays on disk.
func (s *ProfileService) DeleteMyAccount(ctx context.Context, confirmation string) error {
	if err := passerelles.CheckErasureConfirmation(confirmation); err != nil {
		return err
	}
	me, err := selfFrom(ctx)
	if err != nil {
		return err
	}
	err = s.db.write(ctx, func(tx *Tx) error {
		if err := agentExists(ctx, tx, me.AgentID); err != nil {
			return err
		}
		if err := keepAnAdministrator(ctx, tx, me.AgentID, true); err != nil {
			return err
		}
		tx.touchAgents(me.AgentID) // out of the search text and the talent index
		// Written with the ids, which the delete below sets NULL: the entry keeps pseudonyms only.
		if err := audit(ctx, tx, me.AgentID, "ACCOUNT_ERASED", me.AgentID, ""); err != nil {
			return err
		}
		// Off every shortlist (counted as a departure, notes included), and the agent's own
		// lists and saved searches.
		if err := leaveShortlists(ctx, tx, me.AgentID); err != nil {
			return err
		}
		// The seats the agent held go to the waitlists, as an unregistration's would.
		rows, err := tx.QueryContext(ctx, `SELECT event_id FROM registrations WHERE agent_id = ? AND status = 'REGISTERED'`, me.AgentID)
		if err != nil {
			return fmt.Errorf("sqlite: seats of the erased agent: %w", err)
		}
		seats, err := scanIDs(rows)
		if err != nil {
			return fmt.Errorf("sqlite: seats of the erased agent: %w", err)
		}
		for _, q := range []string{
			`DELETE FROM sessions WHERE agent_id = ?`,
			`DELETE FROM endorsements WHERE endorser_id = ?`,
			`DELETE FROM registrations WHERE agent_id = ?`,
			`DELETE FROM community_members WHERE agent_id = ?`,
			`DELETE FROM agent_skill_evidence WHERE agent_id = ?`,
			`UPDATE skill_level_counts SET agents = MAX(agents - 1, 0)
				WHERE (skill_id, level) IN (SELECT skill_id, level FROM agent_skills WHERE agent_id = ?)`,
			`DELETE FROM agent_skills WHERE agent_id = ?`, // with the endorsements received
			`DELETE FROM agent_skill_history WHERE agent_id = ?`,
			`DELETE FROM agent_hidden_organisations WHERE agent_id = ?`,
			`DELETE FROM agent_mobility_families WHERE agent_id = ?`,
			`DELETE FROM agent_mobility_regions WHERE agent_id = ?`,
			`DELETE FROM agent_target_roles WHERE agent_id = ?`,
			`DELETE FROM agent_access_roles WHERE agent_id = ?`,
			`DELETE FROM agents WHERE id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, me.AgentID); err != nil {
				return classify("supprimer le compte", err)
			}
		}
		for _, id := range seats {
			e, err := findEvent(ctx, tx, id)
			if err != nil {
				return err
			}
			if _, err := promote(ctx, tx, e); err != nil { // before the start only
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// The overwritten pages are committed to the WAL, whose older frames still hold the
	// erased data: empty it into the database file.
	s.db.scrubWAL(ctx)
	return nil
}

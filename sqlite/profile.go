package sqlite

// Profiles: reading them as CanSeeProfile and SeeProfile allow, and the agent's own
// changes to theirs. Declarations (declaration.go), review (review.go) and data rights
// (datarights.go) are the other capabilities of ProfileService.
//
// Reads of several profiles at once, for nested GraphQL lists (community members,
// endorsers, validating managers …), each cost a constant number of statements whatever
// the number of profiles, so that a page of 100 profiles with their histories and
// endorsers costs what one does.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"passerelles"
)

// ProfileService implements passerelles.ProfileService: agents' profiles, their declared
// skills with evidence, validations, endorsements and history, profile views, the export
// of one's data and erasure.
//
// Reads run in one read transaction on the reader pool with a constant number of
// statements however many profiles they load (ids travel as one JSON array, expanded by
// json_each); every write runs in one transaction on the writer, history included.
type ProfileService struct{ db *DB }

var _ passerelles.ProfileService = (*ProfileService)(nil)

// NewProfileService returns the profile service of db.
func NewProfileService(db *DB) *ProfileService { return &ProfileService{db: db} }

// errNotVisible is the one answer for a profile that does not exist and for one the viewer
// may not see, so that a profile's existence does not leak.
func errNotVisible() error {
	return passerelles.Errorf(passerelles.ENOTFOUND, "Ce profil est introuvable.")
}

func errNotDeclared() error {
	return passerelles.Errorf(passerelles.ENOTFOUND, "Cette compétence n’est pas déclarée sur ce profil.")
}

// viewerFrom returns the user on whose behalf a read runs: anyone signed in, or the
// application itself.
func viewerFrom(ctx context.Context) (*passerelles.User, error) {
	u := passerelles.UserFromContext(ctx)
	if u == nil {
		return nil, passerelles.Errorf(passerelles.EUNAUTHENTICATED, "Connectez-vous pour continuer.")
	}
	return u, nil
}

// selfFrom returns the signed-in agent for operations on one's own profile: the
// application itself has no profile of its own.
func selfFrom(ctx context.Context) (*passerelles.User, error) {
	u := passerelles.UserFromContext(ctx)
	if u == nil || u.AgentID == 0 {
		return nil, passerelles.Errorf(passerelles.EUNAUTHENTICATED, "Connectez-vous pour continuer.")
	}
	return u, nil
}

// jsonIDs encodes ids as a JSON array, for `IN (SELECT value FROM json_each(?))`: one
// parameter and one cached statement whatever the number of ids.
func jsonIDs(ids []int64) string {
	b := make([]byte, 0, 2+8*len(ids))
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

func unixMilli(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func nullUnixMilli(ms sql.NullInt64) time.Time {
	if !ms.Valid {
		return time.Time{}
	}
	return unixMilli(ms.Int64)
}

// findProfiles loads the profiles among ids that viewer may see, in three statements
// whatever len(ids): agents with their lists (aggregated as JSON), declared skills with
// their endorsement counts, evidence. passerelles.SeeProfile decides what viewer reads.
func findProfiles(ctx context.Context, tx *Tx, viewer *passerelles.User, ids []int64) (map[int64]*passerelles.Profile, error) {
	return readProfiles(ctx, tx, viewer, ids, true)
}

// findProfileCards loads the profiles among ids that viewer may see without their
// declared skills (Profile.SkillsOmitted), in one statement: the cards of search
// results and shortlists, whose skills most pages never ask for (the declarations were
// 60 % of a search's time).
func findProfileCards(ctx context.Context, tx *Tx, viewer *passerelles.User, ids []int64) (map[int64]*passerelles.Profile, error) {
	return readProfiles(ctx, tx, viewer, ids, false)
}

func readProfiles(ctx context.Context, tx *Tx, viewer *passerelles.User, ids []int64, skills bool) (map[int64]*passerelles.Profile, error) {
	out := map[int64]*passerelles.Profile{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.issuer, a.subject, a.given_name, a.usual_name, a.email, a.uid,
		a.siret, a.idp_id, a.organisation_label, a.organisation_id, a.region_id, a.grade_code, a.current_role_id,
		a.bio, a.open_to_mobility, a.willing_to_mentor, a.visibility, a.visibility_chosen_at IS NOT NULL,
		a.asserted_organisation_id, a.created_at, a.updated_at,
		(SELECT json_group_array(organisation_id) FROM agent_hidden_organisations WHERE agent_id = a.id),
		(SELECT json_group_array(family) FROM agent_mobility_families WHERE agent_id = a.id),
		(SELECT json_group_array(region_id) FROM agent_mobility_regions WHERE agent_id = a.id),
		(SELECT json_group_array(role_id) FROM agent_target_roles WHERE agent_id = a.id)
		FROM agents a WHERE a.id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
	if err != nil {
		return nil, fmt.Errorf("sqlite: find profiles: %w", err)
	}
	defer rows.Close()
	visible := make([]int64, 0, len(ids))
	for rows.Next() {
		a := &passerelles.Agent{}
		p := &passerelles.Profile{Agent: a, Skills: []passerelles.DeclaredSkill{}, SkillsOmitted: !skills}
		var org, region, role, asserted sql.NullInt64
		var grade sql.NullString
		var created, updated int64
		var hidden, families, regions, targets string
		if err := rows.Scan(&a.ID, &a.Issuer, &a.Subject, &a.GivenName, &a.UsualName, &a.Email, &a.UID, &a.Siret,
			&a.IdpID, &a.OrganisationLabel, &org, &region, &grade, &role, &a.Bio, &a.OpenToMobility, &a.WillingToMentor,
			&a.Visibility, &p.VisibilityChosen, &asserted, &created, &updated, &hidden, &families, &regions, &targets); err != nil {
			return nil, fmt.Errorf("sqlite: find profiles: %w", err)
		}
		a.OrganisationID, a.RegionID, a.CurrentRoleID, a.GradeCode = org.Int64, region.Int64, role.Int64, grade.String
		a.AssertedOrganisationID = asserted.Int64
		a.CreatedAt, a.UpdatedAt = unixMilli(created), unixMilli(updated)
		for _, l := range []struct {
			text string
			into any
		}{{hidden, &p.HiddenFrom}, {families, &p.MobilityFamilies}, {regions, &p.MobilityRegionIDs}, {targets, &p.TargetRoleIDs}} {
			if err := json.Unmarshal([]byte(l.text), l.into); err != nil {
				return nil, fmt.Errorf("sqlite: find profiles: %w", err)
			}
		}
		if p = passerelles.SeeProfile(viewer, p); p == nil {
			continue
		}
		out[a.ID] = p
		visible = append(visible, a.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find profiles: %w", err)
	}
	rows.Close()
	if len(visible) == 0 || !skills {
		return out, nil
	}
	if err := findDeclaredSkills(ctx, tx, viewer, visible, out); err != nil {
		return nil, err
	}
	return out, nil
}

// findDeclaredSkills fills the skills of the profiles of ids in two statements: the
// declarations (with their endorsement count and whether the viewer endorsed them), then
// every piece of evidence.
func findDeclaredSkills(ctx context.Context, tx *Tx, viewer *passerelles.User, ids []int64, into map[int64]*passerelles.Profile) error {
	list := jsonIDs(ids)
	rows, err := tx.QueryContext(ctx, `SELECT s.agent_id, s.skill_id, s.level, s.current_use, s.wants_to_develop,
		COALESCE(s.top_rank, 0), COALESCE(s.validated_level, 0), COALESCE(s.validated_by, 0), s.validated_at,
		s.validation_comment, s.declared_at, s.updated_at,
		CASE WHEN s.validated_by IS NULL THEN '' ELSE
			(SELECT TRIM(v.given_name || ' ' || v.usual_name) FROM agents v WHERE v.id = s.validated_by) END,
		(SELECT COUNT(*) FROM endorsements e WHERE e.agent_id = s.agent_id AND e.skill_id = s.skill_id),
		EXISTS (SELECT 1 FROM endorsements e WHERE e.agent_id = s.agent_id AND e.skill_id = s.skill_id AND e.endorser_id = ?)
		FROM agent_skills s JOIN skills k ON k.id = s.skill_id JOIN frameworks f ON f.id = k.framework_id
		WHERE s.agent_id IN (SELECT value FROM json_each(?))
		ORDER BY s.agent_id, s.top_rank IS NULL, s.top_rank, f.code, k.position, k.code`, viewer.AgentID, list)
	if err != nil {
		return fmt.Errorf("sqlite: find declared skills: %w", err)
	}
	defer rows.Close()
	type key struct{ agent, skill int64 }
	index := map[key]*passerelles.DeclaredSkill{}
	for rows.Next() {
		var agentID int64
		var d passerelles.DeclaredSkill
		var validatedAt sql.NullInt64
		var declared, updated int64
		if err := rows.Scan(&agentID, &d.SkillID, &d.Level, &d.CurrentUse, &d.WantsToDevelop, &d.TopRank, &d.ValidatedLevel,
			&d.ValidatedBy, &validatedAt, &d.ValidationComment, &declared, &updated, &d.ValidatedByName, &d.EndorsementCount,
			&d.EndorsedByViewer); err != nil {
			return fmt.Errorf("sqlite: find declared skills: %w", err)
		}
		if !passerelles.KnowsWhoActed(viewer, agentID) {
			d.ValidatedByName = ""
		}
		d.ValidatedAt, d.DeclaredAt, d.UpdatedAt = nullUnixMilli(validatedAt), unixMilli(declared), unixMilli(updated)
		d.Evidence = []passerelles.Evidence{}
		p := into[agentID]
		p.Skills = append(p.Skills, d)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: find declared skills: %w", err)
	}
	rows.Close()
	for _, p := range into {
		for i := range p.Skills {
			index[key{p.Agent.ID, p.Skills[i].SkillID}] = &p.Skills[i]
		}
	}
	erows, err := tx.QueryContext(ctx, `SELECT agent_id, skill_id, id, kind, title, description, score, obtained_on, url
		FROM agent_skill_evidence WHERE agent_id IN (SELECT value FROM json_each(?)) ORDER BY agent_id, skill_id, id`, list)
	if err != nil {
		return fmt.Errorf("sqlite: find evidence: %w", err)
	}
	defer erows.Close()
	for erows.Next() {
		var k key
		e, err := scanEvidence(erows, &k.agent, &k.skill)
		if err != nil {
			return err
		}
		if d := index[k]; d != nil {
			d.Evidence = append(d.Evidence, e)
		}
	}
	if err := erows.Err(); err != nil {
		return fmt.Errorf("sqlite: find evidence: %w", err)
	}
	return nil
}

func scanEvidence(sc interface{ Scan(...any) error }, agentID, skillID *int64) (passerelles.Evidence, error) {
	var e passerelles.Evidence
	var score sql.NullInt64
	var obtained sql.NullString
	if err := sc.Scan(agentID, skillID, &e.ID, &e.Kind, &e.Title, &e.Description, &score, &obtained, &e.URL); err != nil {
		return e, fmt.Errorf("sqlite: find evidence: %w", err)
	}
	if score.Valid {
		v := int(score.Int64)
		e.Score = &v
	}
	if obtained.Valid {
		d, err := time.Parse(time.DateOnly, obtained.String)
		if err != nil {
			return e, fmt.Errorf("sqlite: evidence date %q: %w", obtained.String, err)
		}
		e.ObtainedOn = &d
	}
	return e, nil
}

// findVisibleAgent returns ENOTFOUND unless agentID exists and viewer may see their profile.
func findVisibleAgent(ctx context.Context, tx *Tx, viewer *passerelles.User, agentID int64) error {
	visible, err := visibleAgents(ctx, tx, viewer, []int64{agentID})
	if err != nil {
		return err
	}
	if !visible[agentID] {
		return errNotVisible()
	}
	return nil
}

// visibleAgents tells which of ids exist and have a profile viewer may see (CanSeeProfile),
// in one statement.
func visibleAgents(ctx context.Context, tx *Tx, viewer *passerelles.User, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.visibility,
		(SELECT json_group_array(organisation_id) FROM agent_hidden_organisations WHERE agent_id = a.id)
		FROM agents a WHERE a.id IN (SELECT value FROM json_each(?))`, jsonIDs(uniqueIDs(ids)))
	if err != nil {
		return nil, fmt.Errorf("sqlite: find agents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a := &passerelles.Agent{}
		var hidden string
		if err := rows.Scan(&a.ID, &a.Visibility, &hidden); err != nil {
			return nil, fmt.Errorf("sqlite: find agents: %w", err)
		}
		var hiddenFrom []int64
		if err := json.Unmarshal([]byte(hidden), &hiddenFrom); err != nil {
			return nil, fmt.Errorf("sqlite: find agents: %w", err)
		}
		out[a.ID] = passerelles.CanSeeProfile(viewer, a, hiddenFrom)
	}
	return out, rows.Err()
}

// FindProfile implements passerelles.ProfileService.
func (s *ProfileService) FindProfile(ctx context.Context, agentID int64) (*passerelles.Profile, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var p *passerelles.Profile
	if err := s.db.read(ctx, func(tx *Tx) error {
		ps, err := findProfiles(ctx, tx, viewer, []int64{agentID})
		p = ps[agentID]
		return err
	}); err != nil {
		return nil, err
	}
	if p == nil {
		return nil, errNotVisible()
	}
	if err := s.recordViews(ctx, viewer, []int64{agentID}); err != nil {
		return nil, err
	}
	return p, nil
}

// readVisible runs fn in one read transaction once agentID's profile is found visible to
// viewer, then records the view (passerelles.RecordsView) whatever fn answers: a refusal
// tells something of the profile too. ENOTFOUND when the profile is not visible, and then
// nothing is recorded — there was nothing to see.
func (s *ProfileService) readVisible(ctx context.Context, viewer *passerelles.User, agentID int64, fn func(tx *Tx) error) error {
	visible := false
	err := s.db.read(ctx, func(tx *Tx) error {
		if err := findVisibleAgent(ctx, tx, viewer, agentID); err != nil {
			return err
		}
		visible = true
		return fn(tx)
	})
	if visible {
		if rerr := s.recordViews(ctx, viewer, []int64{agentID}); rerr != nil {
			return rerr
		}
	}
	return err
}

// writeVisible runs fn in one write transaction once agentID's profile is found visible to
// viewer. The view is recorded in that transaction when fn succeeds; when fn refuses (the
// skill is not declared, the level is off the scale …), the refusal is an answer about
// the profile too, so the view is recorded in a transaction of its own before the refusal
// is returned — and if it cannot be, the caller gets that error instead of the refusal.
func (s *ProfileService) writeVisible(ctx context.Context, viewer *passerelles.User, agentID int64, fn func(tx *Tx) error) error {
	visible := false
	err := s.db.write(ctx, func(tx *Tx) error {
		if err := findVisibleAgent(ctx, tx, viewer, agentID); err != nil {
			return err
		}
		visible = true
		if err := fn(tx); err != nil {
			return err
		}
		return s.recordViewsIn(ctx, tx, viewer, []int64{agentID})
	})
	if err != nil && visible {
		if rerr := s.recordViews(ctx, viewer, []int64{agentID}); rerr != nil {
			return rerr
		}
	}
	return err
}

// FindProfiles implements passerelles.ProfileService.
func (s *ProfileService) FindProfiles(ctx context.Context, ids []int64) (map[int64]*passerelles.Profile, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	out, err := s.FindListedProfiles(ctx, ids)
	if err != nil {
		return nil, err
	}
	shown := make([]int64, 0, len(out))
	for id := range out {
		shown = append(shown, id)
	}
	if err := s.recordViews(ctx, viewer, shown); err != nil {
		return nil, err
	}
	return out, nil
}

// FindListedProfiles implements passerelles.ProfileService: FindProfiles without the
// views.
func (s *ProfileService) FindListedProfiles(ctx context.Context, ids []int64) (map[int64]*passerelles.Profile, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	ids = uniqueIDs(ids)
	var out map[int64]*passerelles.Profile
	err = s.db.read(ctx, func(tx *Tx) error {
		out, err = findProfiles(ctx, tx, viewer, ids)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func uniqueIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// UpdateProfile implements passerelles.ProfileService.
func (s *ProfileService) UpdateProfile(ctx context.Context, upd passerelles.ProfileUpdate) (*passerelles.Profile, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := upd.Validate(); err != nil {
		return nil, err
	}
	var p *passerelles.Profile
	err = s.db.write(ctx, func(tx *Tx) error {
		if err := agentExists(ctx, tx, me.AgentID); err != nil {
			return err
		}
		if err := checkProfileReferences(ctx, tx, &upd); err != nil {
			return err
		}
		if err := checkNewTargets(ctx, tx, me.AgentID, upd.TargetRoleIDs); err != nil {
			return err
		}
		tx.touchAgents(me.AgentID) // bio, organisation, visibility … as talent search reads them
		now := formatTime(tx.now)
		set := []string{"updated_at = ?"}
		args := []any{now}
		if upd.OrganisationID != nil {
			set, args = append(set, "organisation_id = ?"), append(args, nullInt64(*upd.OrganisationID))
		}
		if upd.RegionID != nil {
			set, args = append(set, "region_id = ?"), append(args, nullInt64(*upd.RegionID))
		}
		if upd.GradeCode != nil {
			set, args = append(set, "grade_code = ?"), append(args, nullString(*upd.GradeCode))
		}
		if upd.CurrentRoleID != nil {
			set, args = append(set, "current_role_id = ?"), append(args, nullInt64(*upd.CurrentRoleID))
		}
		if upd.Bio != nil {
			set, args = append(set, "bio = ?"), append(args, strings.TrimSpace(*upd.Bio))
		}
		if upd.OpenToMobility != nil {
			set, args = append(set, "open_to_mobility = ?"), append(args, *upd.OpenToMobility)
		}
		if upd.WillingToMentor != nil {
			set, args = append(set, "willing_to_mentor = ?"), append(args, *upd.WillingToMentor)
		}
		if upd.Visibility != nil {
			set, args = append(set, "visibility = ?", "visibility_chosen_at = ?"), append(args, string(*upd.Visibility), now)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agents SET `+strings.Join(set, ", ")+` WHERE id = ?`, append(args, me.AgentID)...); err != nil {
			return classify("mettre à jour le profil", err)
		}
		// Onboarding ends the first time the agent has both an organisation and a chosen visibility.
		if _, err := tx.ExecContext(ctx, `UPDATE agents SET onboarded_at = ? WHERE id = ? AND onboarded_at IS NULL
			AND organisation_id IS NOT NULL AND visibility_chosen_at IS NOT NULL`, now, me.AgentID); err != nil {
			return classify("mettre à jour le profil", err)
		}
		for _, l := range []struct {
			table, column string
			values        any
		}{
			{"agent_mobility_families", "family", upd.MobilityFamilies},
			{"agent_mobility_regions", "region_id", upd.MobilityRegionIDs},
			{"agent_target_roles", "role_id", upd.TargetRoleIDs},
			{"agent_hidden_organisations", "organisation_id", upd.HiddenFrom},
		} {
			if err := replaceList(ctx, tx, me.AgentID, l.table, l.column, l.values); err != nil {
				return err
			}
		}
		ps, err := findProfiles(ctx, tx, me, []int64{me.AgentID})
		p = ps[me.AgentID]
		return err
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// checkNewTargets applies passerelles.CheckNewTarget to the roles of targets the agent does
// not aim at yet: a retired role is kept by those who already target it, never added.
func checkNewTargets(ctx context.Context, tx *Tx, agentID int64, targets *[]int64) error {
	if targets == nil || len(*targets) == 0 {
		return nil
	}
	roles, err := findRoles(ctx, tx, ` WHERE id IN (SELECT value FROM json_each(?)) AND retired_at IS NOT NULL
		AND id NOT IN (SELECT role_id FROM agent_target_roles WHERE agent_id = ?)`, jsonIDs(*targets), agentID)
	if err != nil {
		return err
	}
	for _, r := range roles {
		if err := passerelles.CheckNewTarget(r); err != nil {
			return passerelles.WithField(fmt.Sprintf("targetRoleIds.%d", slices.Index(*targets, r.ID)), err)
		}
	}
	return nil
}

// checkProfileReferences returns EINVALID for a reference of upd that does not exist. Zero
// values clear a reference and are not checked.
func checkProfileReferences(ctx context.Context, tx *Tx, upd *passerelles.ProfileUpdate) error {
	one := func(id *int64) []int64 {
		if id == nil || *id == 0 {
			return nil
		}
		return []int64{*id}
	}
	all := func(ids *[]int64) []int64 {
		if ids == nil {
			return nil
		}
		return *ids
	}
	for _, c := range []struct {
		table string
		ids   []int64
		field string
		msg   string
	}{
		{"organisations", one(upd.OrganisationID), "organisationId", "L’organisation choisie n’existe pas."},
		{"regions", one(upd.RegionID), "regionId", "La région choisie n’existe pas."},
		{"roles", one(upd.CurrentRoleID), "currentRoleId", "Le métier actuel choisi n’existe pas."},
		{"regions", all(upd.MobilityRegionIDs), "mobilityRegionIds", "Une des régions de mobilité choisies n’existe pas."},
		{"roles", all(upd.TargetRoleIDs), "targetRoleIds", "Un des métiers visés n’existe pas."},
		{"organisations", all(upd.HiddenFrom), "hiddenFromOrganisationIds", "Une des organisations à qui masquer le profil n’existe pas."},
	} {
		ids := uniqueIDs(c.ids)
		if len(ids) == 0 {
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+c.table+` WHERE id IN (SELECT value FROM json_each(?))`,
			jsonIDs(ids)).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: check %s: %w", c.table, err)
		}
		if n != len(ids) {
			return passerelles.WithField(c.field, passerelles.Errorf(passerelles.EINVALID, "%s", c.msg))
		}
	}
	if upd.GradeCode != nil && *upd.GradeCode != "" {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM grades WHERE code = ?`, *upd.GradeCode).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: check grade: %w", err)
		}
		if n == 0 {
			return passerelles.WithField("gradeCode", passerelles.Errorf(passerelles.EINVALID, "Le grade choisi n’existe pas."))
		}
	}
	return nil
}

// replaceList replaces the agent's rows of a list table with values (a *[]int64 or a
// *[]RoleFamily; nil leaves the list as it is). Duplicates count once.
func replaceList(ctx context.Context, tx *Tx, agentID int64, table, column string, values any) error {
	var list string
	switch v := values.(type) {
	case *[]int64:
		if v == nil {
			return nil
		}
		list = jsonIDs(*v)
	case *[]passerelles.RoleFamily:
		if v == nil {
			return nil
		}
		b, err := json.Marshal(*v)
		if err != nil {
			return err
		}
		list = string(b)
	default:
		return fmt.Errorf("sqlite: replace %s: unexpected %T", table, values)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE agent_id = ?`, agentID); err != nil {
		return classify("mettre à jour le profil", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO `+table+` (agent_id, `+column+`)
		SELECT ?, value FROM json_each(?)`, agentID, list); err != nil {
		return classify("mettre à jour le profil", err)
	}
	return nil
}

// visibleAgentIDs returns the agents among ids whose profile viewer may see, in one statement
// (the condition is the SQL twin of passerelles.CanSeeProfile, tested against it).
func visibleAgentIDs(ctx context.Context, tx *Tx, viewer *passerelles.User, ids []int64) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cond, args := visibleAgent("a", viewer)
	rows, err := tx.QueryContext(ctx, `SELECT a.id FROM agents a WHERE a.id IN (SELECT value FROM json_each(?)) AND `+cond+` ORDER BY a.id`,
		append([]any{jsonIDs(ids)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: visible agents: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: visible agents: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

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

// write runs fn in one write transaction and commits it when fn succeeds.
func (s *ProfileService) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// read runs fn in one read transaction (one snapshot) on the reader pool.
func (s *ProfileService) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// Reading profiles ---------------------------------------------------------------------

// findProfiles loads the profiles among ids that viewer may see, in three statements
// whatever len(ids): agents with their lists (aggregated as JSON), declared skills with
// their endorsement counts, evidence. passerelles.SeeProfile decides what viewer reads.
func findProfiles(ctx context.Context, tx *sql.Tx, viewer *passerelles.User, ids []int64) (map[int64]*passerelles.Profile, error) {
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
		p := &passerelles.Profile{Agent: a, Skills: []passerelles.DeclaredSkill{}}
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
	if len(visible) == 0 {
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
func findDeclaredSkills(ctx context.Context, tx *sql.Tx, viewer *passerelles.User, ids []int64, into map[int64]*passerelles.Profile) error {
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
func findVisibleAgent(ctx context.Context, tx *sql.Tx, viewer *passerelles.User, agentID int64) error {
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
func visibleAgents(ctx context.Context, tx *sql.Tx, viewer *passerelles.User, ids []int64) (map[int64]bool, error) {
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

// viewWindow is how long repeated views of a profile by the same person count as one visit.
const viewWindow = 10 * time.Minute

// FindProfile implements passerelles.ProfileService.
func (s *ProfileService) FindProfile(ctx context.Context, agentID int64) (*passerelles.Profile, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var p *passerelles.Profile
	if err := s.read(ctx, func(tx *sql.Tx) error {
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
	if err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		unrecorded, err = notViewedRecently(ctx, tx, viewer.AgentID, seen, s.db.Now())
		return err
	}); err != nil || len(unrecorded) == 0 {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error { return s.recordViewsIn(ctx, tx, viewer, unrecorded) })
}

// recordViewsIn records, in the write transaction tx, the views of ids by viewer that
// passerelles.RecordsView keeps and that no entry of the last viewWindow already counts.
func (s *ProfileService) recordViewsIn(ctx context.Context, tx *sql.Tx, viewer *passerelles.User, ids []int64) error {
	var seen []int64
	for _, id := range ids {
		if passerelles.RecordsView(viewer, id) {
			seen = append(seen, id)
		}
	}
	if len(seen) == 0 {
		return nil
	}
	unrecorded, err := notViewedRecently(ctx, tx, viewer.AgentID, seen, s.db.Now())
	if err != nil {
		return err
	}
	for _, id := range unrecorded {
		if err := s.db.audit(ctx, tx, viewer.AgentID, "PROFILE_VIEWED", id, ""); err != nil {
			return err
		}
	}
	return nil
}

// notViewedRecently returns the ids among ids whose profile viewerID has not viewed within
// viewWindow of now, in one statement.
func notViewedRecently(ctx context.Context, tx *sql.Tx, viewerID int64, ids []int64, now time.Time) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT j.value FROM json_each(?1) j WHERE NOT EXISTS (SELECT 1 FROM audit_log l
		WHERE l.actor_id = ?2 AND l.at > ?3 AND l.subject_id = j.value AND l.action = 'PROFILE_VIEWED')`,
		jsonIDs(ids), viewerID, formatTime(now.Add(-viewWindow)))
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

// readVisible runs fn in one read transaction once agentID's profile is found visible to
// viewer, then records the view (passerelles.RecordsView) whatever fn answers: a refusal
// tells something of the profile too. ENOTFOUND when the profile is not visible, and then
// nothing is recorded — there was nothing to see.
func (s *ProfileService) readVisible(ctx context.Context, viewer *passerelles.User, agentID int64, fn func(tx *sql.Tx) error) error {
	visible := false
	err := s.read(ctx, func(tx *sql.Tx) error {
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
func (s *ProfileService) writeVisible(ctx context.Context, viewer *passerelles.User, agentID int64, fn func(tx *sql.Tx) error) error {
	visible := false
	err := s.write(ctx, func(tx *sql.Tx) error {
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
	ids = uniqueIDs(ids)
	var out map[int64]*passerelles.Profile
	err = s.read(ctx, func(tx *sql.Tx) error {
		out, err = findProfiles(ctx, tx, viewer, ids)
		return err
	})
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

func uniqueIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// Updating the profile ------------------------------------------------------------------

// UpdateProfile implements passerelles.ProfileService.
func (s *ProfileService) UpdateProfile(ctx context.Context, upd passerelles.ProfileUpdate) (*passerelles.Profile, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := upd.Validate(); err != nil {
		return nil, err
	}
	now := formatTime(s.db.Now())
	var p *passerelles.Profile
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := agentExists(ctx, tx, me.AgentID); err != nil {
			return err
		}
		if err := checkProfileReferences(ctx, tx, &upd); err != nil {
			return err
		}
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
			// The agents_fts_update trigger re-indexes the bio.
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

// checkProfileReferences returns EINVALID for a reference of upd that does not exist. Zero
// values clear a reference and are not checked.
func checkProfileReferences(ctx context.Context, tx *sql.Tx, upd *passerelles.ProfileUpdate) error {
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
		msg   string
	}{
		{"organisations", one(upd.OrganisationID), "L’organisation choisie n’existe pas."},
		{"regions", one(upd.RegionID), "La région choisie n’existe pas."},
		{"roles", one(upd.CurrentRoleID), "Le métier actuel choisi n’existe pas."},
		{"regions", all(upd.MobilityRegionIDs), "Une des régions de mobilité choisies n’existe pas."},
		{"roles", all(upd.TargetRoleIDs), "Un des métiers visés n’existe pas."},
		{"organisations", all(upd.HiddenFrom), "Une des organisations à qui masquer le profil n’existe pas."},
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
			return passerelles.Errorf(passerelles.EINVALID, "%s", c.msg)
		}
	}
	if upd.GradeCode != nil && *upd.GradeCode != "" {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM grades WHERE code = ?`, *upd.GradeCode).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: check grade: %w", err)
		}
		if n == 0 {
			return passerelles.Errorf(passerelles.EINVALID, "Le grade choisi n’existe pas.")
		}
	}
	return nil
}

// replaceList replaces the agent's rows of a list table with values (a *[]int64 or a
// *[]RoleFamily; nil leaves the list as it is). Duplicates count once.
func replaceList(ctx context.Context, tx *sql.Tx, agentID int64, table, column string, values any) error {
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

// Declarations and their history ---------------------------------------------------------

// declaration is the stored state of one declared skill.
type declaration struct {
	level          int
	currentUse     bool
	wantsToDevelop bool
	topRank        int
}

// findDeclaration returns the agent's declaration of the skill, or nil when there is none.
func findDeclaration(ctx context.Context, tx *sql.Tx, agentID, skillID int64) (*declaration, error) {
	var d declaration
	err := tx.QueryRowContext(ctx, `SELECT level, current_use, wants_to_develop, COALESCE(top_rank, 0)
		FROM agent_skills WHERE agent_id = ? AND skill_id = ?`, agentID, skillID).Scan(&d.level, &d.currentUse, &d.wantsToDevelop, &d.topRank)
	if err == sql.ErrNoRows {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find declaration: %w", err)
	}
	return &d, nil
}

// recordVersions closes the versions in force of the agent's skills and inserts, for each,
// the next version: a copy of the declaration as it now stands, or an empty REMOVED version
// when it is gone. It runs in the transaction of the change, so history and declarations
// never disagree.
func recordVersions(ctx context.Context, tx *sql.Tx, now time.Time, agentID int64, skillIDs []int64, change passerelles.SkillChange, comment string, by int64) error {
	list, at := jsonIDs(skillIDs), formatTime(now)
	if _, err := tx.ExecContext(ctx, `UPDATE agent_skill_history SET valid_to = ?
		WHERE agent_id = ? AND skill_id IN (SELECT value FROM json_each(?)) AND valid_to IS NULL`, at, agentID, list); err != nil {
		return fmt.Errorf("sqlite: close skill versions: %w", err)
	}
	next := `(SELECT COALESCE(MAX(h.version), 0) + 1 FROM agent_skill_history h WHERE h.agent_id = ?1 AND h.skill_id = %s)`
	var err error
	if change == passerelles.SkillRemoved {
		_, err = tx.ExecContext(ctx, `INSERT INTO agent_skill_history (agent_id, skill_id, version, change, comment, changed_by, valid_from)
			SELECT ?1, j.value, `+fmt.Sprintf(next, "j.value")+`, ?3, ?4, ?5, ?6 FROM json_each(?2) j`,
			agentID, list, string(change), comment, nullInt64(by), at)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO agent_skill_history (agent_id, skill_id, version, change, level, current_use,
			wants_to_develop, top_rank, validated_level, comment, changed_by, valid_from)
			SELECT ?1, s.skill_id, `+fmt.Sprintf(next, "s.skill_id")+`, ?3, s.level, s.current_use, s.wants_to_develop,
				s.top_rank, s.validated_level, ?4, ?5, ?6
			FROM agent_skills s WHERE s.agent_id = ?1 AND s.skill_id IN (SELECT value FROM json_each(?2))`,
			agentID, list, string(change), comment, nullInt64(by), at)
	}
	if err != nil {
		return fmt.Errorf("sqlite: record skill version: %w", err)
	}
	return nil
}

// countDeclaration moves the count of agents per (skill, level) that talent search reads.
func countDeclaration(ctx context.Context, tx *sql.Tx, skillID int64, level, delta int) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO skill_level_counts (skill_id, level, agents) VALUES (?1, ?2, MAX(?3, 0))
		ON CONFLICT (skill_id, level) DO UPDATE SET agents = MAX(agents + ?3, 0)`, skillID, level, delta); err != nil {
		return fmt.Errorf("sqlite: count declarations: %w", err)
	}
	return nil
}

// findEvidence returns the evidence of one declared skill, in order.
func findEvidence(ctx context.Context, tx *sql.Tx, agentID, skillID int64) ([]passerelles.Evidence, error) {
	rows, err := tx.QueryContext(ctx, `SELECT agent_id, skill_id, id, kind, title, description, score, obtained_on, url
		FROM agent_skill_evidence WHERE agent_id = ? AND skill_id = ? ORDER BY id`, agentID, skillID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find evidence: %w", err)
	}
	defer rows.Close()
	var out []passerelles.Evidence
	for rows.Next() {
		var a, s int64
		e, err := scanEvidence(rows, &a, &s)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func sameEvidence(a, b []passerelles.Evidence) bool {
	return slices.EqualFunc(a, b, func(x, y passerelles.Evidence) bool {
		return x.Kind == y.Kind && x.Title == y.Title && x.Description == y.Description && x.URL == y.URL &&
			evidenceScore(x) == evidenceScore(y) && evidenceDate(x) == evidenceDate(y)
	})
}

func evidenceScore(e passerelles.Evidence) sql.NullInt64 {
	if e.Score == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: int64(*e.Score), Valid: true}
}

func evidenceDate(e passerelles.Evidence) sql.NullString {
	if e.ObtainedOn == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: e.ObtainedOn.Format(time.DateOnly), Valid: true}
}

// replaceEvidence replaces the evidence of a declared skill.
func replaceEvidence(ctx context.Context, tx *sql.Tx, now time.Time, agentID, skillID int64, evidence []passerelles.Evidence) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM agent_skill_evidence WHERE agent_id = ? AND skill_id = ?`, agentID, skillID); err != nil {
		return classify("remplacer les justificatifs", err)
	}
	if len(evidence) == 0 {
		return nil
	}
	ins := newBulkInsert(tx, `INSERT INTO agent_skill_evidence (agent_id, skill_id, kind, title, description, score,
		obtained_on, url, created_at) VALUES `, 9)
	defer ins.close()
	for _, e := range evidence {
		if err := ins.add(ctx, agentID, skillID, string(e.Kind), strings.TrimSpace(e.Title), e.Description, evidenceScore(e),
			evidenceDate(e), e.URL, formatTime(now)); err != nil {
			return classify("enregistrer un justificatif", err)
		}
	}
	if err := ins.flush(ctx); err != nil {
		return classify("enregistrer un justificatif", err)
	}
	return nil
}

// findDeclaredSkill returns the declared skill as viewer reads it.
func findDeclaredSkill(ctx context.Context, tx *sql.Tx, viewer *passerelles.User, agentID, skillID int64) (*passerelles.DeclaredSkill, error) {
	ps, err := findProfiles(ctx, tx, viewer, []int64{agentID})
	if err != nil {
		return nil, err
	}
	p := ps[agentID]
	if p == nil {
		return nil, errNotVisible()
	}
	for i := range p.Skills {
		if p.Skills[i].SkillID == skillID {
			return &p.Skills[i], nil
		}
	}
	return nil, errNotDeclared()
}

// DeclareSkill implements passerelles.ProfileService. A declaration's UpdatedAt moves
// whenever the agent changes it (level, use, wish to develop, evidence), so that a change
// after a manager's lower validation reads as not validated yet; re-sending the same
// declaration changes nothing and writes no version.
func (s *ProfileService) DeclareSkill(ctx context.Context, d passerelles.SkillDeclaration) (*passerelles.DeclaredSkill, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, err
	}
	now := s.db.Now()
	if err := d.Validate(now); err != nil {
		return nil, err
	}
	var out *passerelles.DeclaredSkill
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := agentExists(ctx, tx, me.AgentID); err != nil {
			return err
		}
		if err := checkSkillLevel(ctx, tx, d.SkillID, d.Level); err != nil {
			return err
		}
		cur, err := findDeclaration(ctx, tx, me.AgentID, d.SkillID)
		if err != nil {
			return err
		}
		at := formatTime(now)
		switch {
		case cur == nil:
			if _, err := tx.ExecContext(ctx, `INSERT INTO agent_skills (agent_id, skill_id, level, current_use, wants_to_develop,
				declared_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, me.AgentID, d.SkillID, d.Level, d.CurrentUse, d.WantsToDevelop, at, at); err != nil {
				return classify("déclarer la compétence", err)
			}
			if err := countDeclaration(ctx, tx, d.SkillID, d.Level, 1); err != nil {
				return err
			}
			if err := replaceEvidence(ctx, tx, now, me.AgentID, d.SkillID, d.Evidence); err != nil {
				return err
			}
			if err := recordVersions(ctx, tx, now, me.AgentID, []int64{d.SkillID}, passerelles.SkillDeclared, "", me.AgentID); err != nil {
				return err
			}
		default:
			evidenceChanged := false
			if d.Evidence != nil {
				old, err := findEvidence(ctx, tx, me.AgentID, d.SkillID)
				if err != nil {
					return err
				}
				evidenceChanged = !sameEvidence(old, d.Evidence)
			}
			if cur.level == d.Level && cur.currentUse == d.CurrentUse && cur.wantsToDevelop == d.WantsToDevelop && !evidenceChanged {
				break // nothing changes: no new version
			}
			if _, err := tx.ExecContext(ctx, `UPDATE agent_skills SET level = ?, current_use = ?, wants_to_develop = ?, updated_at = ?
				WHERE agent_id = ? AND skill_id = ?`, d.Level, d.CurrentUse, d.WantsToDevelop, at, me.AgentID, d.SkillID); err != nil {
				return classify("mettre à jour la compétence", err)
			}
			if cur.level != d.Level {
				if err := countDeclaration(ctx, tx, d.SkillID, cur.level, -1); err != nil {
					return err
				}
				if err := countDeclaration(ctx, tx, d.SkillID, d.Level, 1); err != nil {
					return err
				}
			}
			if evidenceChanged {
				if err := replaceEvidence(ctx, tx, now, me.AgentID, d.SkillID, d.Evidence); err != nil {
					return err
				}
			}
			if err := recordVersions(ctx, tx, now, me.AgentID, []int64{d.SkillID}, passerelles.SkillUpdated, "", me.AgentID); err != nil {
				return err
			}
		}
		out, err = findDeclaredSkill(ctx, tx, me, me.AgentID, d.SkillID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RemoveSkill implements passerelles.ProfileService. The declaration goes with its evidence
// and the endorsements it received; its history ends with a REMOVED version. When it was a
// top skill, the ranks below it move up.
func (s *ProfileService) RemoveSkill(ctx context.Context, skillID int64) error {
	me, err := selfFrom(ctx)
	if err != nil {
		return err
	}
	now := s.db.Now()
	return s.write(ctx, func(tx *sql.Tx) error {
		cur, err := findDeclaration(ctx, tx, me.AgentID, skillID)
		if err != nil {
			return err
		} else if cur == nil {
			return passerelles.Errorf(passerelles.ENOTFOUND, "Vous n’avez pas déclaré cette compétence.")
		}
		// Evidence and endorsements received go by ON DELETE CASCADE.
		if _, err := tx.ExecContext(ctx, `DELETE FROM agent_skills WHERE agent_id = ? AND skill_id = ?`, me.AgentID, skillID); err != nil {
			return classify("retirer la compétence", err)
		}
		if err := countDeclaration(ctx, tx, skillID, cur.level, -1); err != nil {
			return err
		}
		if err := recordVersions(ctx, tx, now, me.AgentID, []int64{skillID}, passerelles.SkillRemoved, "", me.AgentID); err != nil {
			return err
		}
		if cur.topRank == 0 {
			return nil
		}
		ranked, _, err := findTopSkills(ctx, tx, me.AgentID)
		if err != nil {
			return err
		}
		return applyTopRanks(ctx, tx, now, me.AgentID, ranked, me.AgentID)
	})
}

// findTopSkills returns the agent's top skills in rank order, with their stored ranks.
func findTopSkills(ctx context.Context, tx *sql.Tx, agentID int64) ([]int64, map[int64]int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT skill_id, top_rank FROM agent_skills WHERE agent_id = ? AND top_rank IS NOT NULL ORDER BY top_rank`, agentID)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: find top skills: %w", err)
	}
	defer rows.Close()
	var order []int64
	ranks := map[int64]int{}
	for rows.Next() {
		var id int64
		var rank int
		if err := rows.Scan(&id, &rank); err != nil {
			return nil, nil, err
		}
		order = append(order, id)
		ranks[id] = rank
	}
	return order, ranks, rows.Err()
}

// RankTopSkills implements passerelles.ProfileService.
func (s *ProfileService) RankTopSkills(ctx context.Context, skillIDs []int64) error {
	me, err := selfFrom(ctx)
	if err != nil {
		return err
	}
	if len(skillIDs) > passerelles.MaxTopSkills {
		return passerelles.Errorf(passerelles.EINVALID, "Vous pouvez choisir %d compétences phares au plus.", passerelles.MaxTopSkills)
	}
	if len(uniqueIDs(skillIDs)) != len(skillIDs) {
		return passerelles.Errorf(passerelles.EINVALID, "Une compétence phare est choisie deux fois.")
	}
	now := s.db.Now()
	return s.write(ctx, func(tx *sql.Tx) error {
		if len(skillIDs) > 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM agent_skills WHERE agent_id = ? AND skill_id IN (SELECT value FROM json_each(?))`,
				me.AgentID, jsonIDs(skillIDs)).Scan(&n); err != nil {
				return fmt.Errorf("sqlite: check top skills: %w", err)
			}
			if n != len(skillIDs) {
				return passerelles.Errorf(passerelles.EINVALID, "Une compétence phare doit être une compétence que vous avez déclarée.")
			}
		}
		return applyTopRanks(ctx, tx, now, me.AgentID, skillIDs, me.AgentID)
	})
}

// applyTopRanks makes order the agent's top skills (rank 1, 2, …) and unranks the others,
// writing a version for each declaration whose rank changes. Ranks are cleared before they
// are set again, because the unique index on (agent_id, top_rank) is checked row by row.
func applyTopRanks(ctx context.Context, tx *sql.Tx, now time.Time, agentID int64, order []int64, by int64) error {
	current, ranks, err := findTopSkills(ctx, tx, agentID)
	if err != nil {
		return err
	}
	rank := func(list []int64, id int64) int { return slices.Index(list, id) + 1 }
	var changed []int64
	for _, id := range uniqueIDs(append(current, order...)) {
		if ranks[id] != rank(order, id) {
			changed = append(changed, id)
		}
	}
	if len(changed) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE agent_skills SET top_rank = NULL WHERE agent_id = ? AND skill_id IN (SELECT value FROM json_each(?))`,
		agentID, jsonIDs(changed)); err != nil {
		return classify("classer les compétences phares", err)
	}
	for _, id := range changed {
		if r := rank(order, id); r > 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE agent_skills SET top_rank = ? WHERE agent_id = ? AND skill_id = ?`, r, agentID, id); err != nil {
				return classify("classer les compétences phares", err)
			}
		}
	}
	return recordVersions(ctx, tx, now, agentID, changed, passerelles.SkillUpdated, "", by)
}

// Validation and endorsements ------------------------------------------------------------

// ValidateSkill implements passerelles.ProfileService. A profile the manager may not see
// is reported as not found (as every read does), not as forbidden, so that its existence
// does not leak. On a visible profile, the attempt is a recorded view whether it succeeds
// or is refused: its answers (not declared, level not defined) tell what the profile holds.
func (s *ProfileService) ValidateSkill(ctx context.Context, agentID, skillID int64, level int, comment string) (*passerelles.DeclaredSkill, error) {
	u, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if !u.Has(passerelles.AccessManager) {
		return nil, passerelles.Errorf(passerelles.EFORBIDDEN, "La validation des niveaux est réservée aux managers.")
	}
	if !u.System && u.AgentID == agentID {
		return nil, passerelles.Errorf(passerelles.EFORBIDDEN, "Vous ne pouvez pas valider vos propres compétences.")
	}
	if err := passerelles.ValidateText("Le commentaire de validation", &comment, passerelles.MaxValidationComment, passerelles.TextMultiLine); err != nil {
		return nil, err
	}
	comment = strings.TrimSpace(comment)
	now := s.db.Now()
	var out *passerelles.DeclaredSkill
	err = s.writeVisible(ctx, u, agentID, func(tx *sql.Tx) error {
		cur, err := findDeclaration(ctx, tx, agentID, skillID)
		if err != nil {
			return err
		} else if cur == nil {
			return errNotDeclared()
		}
		if err := checkSkillLevel(ctx, tx, skillID, level); err != nil {
			return err
		}
		if level != cur.level && comment == "" {
			return passerelles.Errorf(passerelles.EINVALID, "Expliquez dans un commentaire pourquoi le niveau validé diffère du niveau déclaré.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agent_skills SET validated_level = ?, validated_by = ?, validated_at = ?,
			validation_comment = ? WHERE agent_id = ? AND skill_id = ?`,
			level, nullInt64(u.AgentID), formatTime(now), comment, agentID, skillID); err != nil {
			return classify("valider le niveau", err)
		}
		if err := recordVersions(ctx, tx, now, agentID, []int64{skillID}, passerelles.SkillValidated, comment, u.AgentID); err != nil {
			return err
		}
		if err := s.db.audit(ctx, tx, u.AgentID, "SKILL_VALIDATED", agentID, fmt.Sprintf("compétence %d, niveau %d", skillID, level)); err != nil {
			return err
		}
		out, err = findDeclaredSkill(ctx, tx, u, agentID, skillID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// EndorseSkill implements passerelles.ProfileService. Like a validation, an endorsement
// by a manager or administrator, accepted or refused, is a recorded view of the profile.
func (s *ProfileService) EndorseSkill(ctx context.Context, agentID, skillID int64) error {
	me, err := selfFrom(ctx)
	if err != nil {
		return err
	}
	if agentID == me.AgentID {
		return passerelles.Errorf(passerelles.EINVALID, "Vous ne pouvez pas recommander vos propres compétences.")
	}
	now := s.db.Now()
	return s.writeVisible(ctx, me, agentID, func(tx *sql.Tx) error {
		if cur, err := findDeclaration(ctx, tx, agentID, skillID); err != nil {
			return err
		} else if cur == nil {
			return errNotDeclared()
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO endorsements (agent_id, skill_id, endorser_id, created_at) VALUES (?, ?, ?, ?)`,
			agentID, skillID, me.AgentID, formatTime(now))
		var se sqlite3.Error
		if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey {
			return passerelles.Errorf(passerelles.ECONFLICT, "Vous avez déjà recommandé cette compétence.")
		} else if err != nil {
			return classify("recommander la compétence", err)
		}
		return nil
	})
}

// endorsement is an endorsement as the store reads it: of which skill, and whether the
// viewer may see who gave it.
type endorsement struct {
	passerelles.Endorsement
	skillID int64
	visible bool
}

// findEndorsements reads the endorsements of the agent's skill (of all their skills when
// skillID is 0), newest first, and tells for each whether viewer may see the endorser's
// profile: one statement, whatever the number of endorsers.
func findEndorsements(ctx context.Context, tx *sql.Tx, viewer *passerelles.User, agentID, skillID int64) ([]endorsement, error) {
	all, err := findEndorsementsOf(ctx, tx, viewer, []int64{agentID}, skillID)
	return all[agentID], err
}

// FindEndorsements implements passerelles.ProfileService: the count includes the
// endorsers the viewer may not see, the list does not.
func (s *ProfileService) FindEndorsements(ctx context.Context, agentID, skillID int64) ([]passerelles.Endorsement, int, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, 0, err
	}
	visible := []passerelles.Endorsement{}
	total := 0
	err = s.readVisible(ctx, viewer, agentID, func(tx *sql.Tx) error {
		if cur, err := findDeclaration(ctx, tx, agentID, skillID); err != nil {
			return err
		} else if cur == nil {
			return errNotDeclared()
		}
		all, err := findEndorsements(ctx, tx, viewer, agentID, skillID)
		for _, e := range all {
			if e.visible {
				visible = append(visible, e.Endorsement)
			}
		}
		total = len(all)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return visible, total, nil
}

// FindSkillHistory implements passerelles.ProfileService. The history of a removed skill
// stays readable; a skill never declared has none (ENOTFOUND).
func (s *ProfileService) FindSkillHistory(ctx context.Context, agentID, skillID int64) ([]passerelles.SkillVersion, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var versions []passerelles.SkillVersion
	err = s.readVisible(ctx, viewer, agentID, func(tx *sql.Tx) error {
		h, err := findHistory(ctx, tx, viewer, agentID, skillID, passerelles.SkillVersionsShown)
		versions = h[skillID]
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(versions) == 0 {
		return nil, passerelles.Errorf(passerelles.ENOTFOUND, "Cette compétence n’a pas d’historique sur ce profil.")
	}
	return versions, nil
}

// findHistory returns the versions of the agent's skill (of all their skills when skillID
// is 0), the latest `latest` of each (all when 0), by skill, oldest first, with the
// authors' names when viewer KnowsWhoActed.
func findHistory(ctx context.Context, tx *sql.Tx, viewer *passerelles.User, agentID, skillID int64, latest int) (map[int64][]passerelles.SkillVersion, error) {
	h, err := findHistories(ctx, tx, viewer, []int64{agentID}, skillID, latest)
	if err != nil {
		return nil, err
	}
	if h[agentID] == nil {
		return map[int64][]passerelles.SkillVersion{}, nil
	}
	return h[agentID], nil
}

// Profile views, export and erasure ------------------------------------------------------

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
	err = s.read(ctx, func(tx *sql.Tx) error {
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
func findProfileViews(ctx context.Context, tx *sql.Tx, agentID int64, limit, offset int) ([]passerelles.ProfileView, error) {
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
	x := &passerelles.DataExport{Version: passerelles.ExportVersion, ExportedAt: s.db.Now().UTC().Truncate(time.Millisecond), // to the millisecond, as every stored date
		Roles: []passerelles.ExportedRole{{Role: passerelles.AccessAgent}}, Skills: []passerelles.ExportedSkill{},
		SkillHistory: []passerelles.ExportedSkillVersion{}, EndorsementsGiven: []passerelles.ExportedEndorsementGiven{},
		CommunityMemberships: []passerelles.ExportedMembership{}, EventRegistrations: []passerelles.ExportedRegistration{},
		ProfileViews: []passerelles.ExportedProfileView{}, Actions: []passerelles.ExportedAction{},
		AboutMe: []passerelles.ExportedAuditEntry{}, Sessions: []passerelles.ExportedSession{}}
	err = s.read(ctx, func(tx *sql.Tx) error {
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
func exportAgent(ctx context.Context, tx *sql.Tx, p *passerelles.Profile, out *passerelles.ExportedAgent) error {
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
func exportSkills(ctx context.Context, tx *sql.Tx, me *passerelles.User, p *passerelles.Profile, x *passerelles.DataExport) error {
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
func exportHistory(ctx context.Context, tx *sql.Tx, me *passerelles.User, x *passerelles.DataExport) error {
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
func exportActivity(ctx context.Context, tx *sql.Tx, agentID int64, x *passerelles.DataExport) error {
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
		{`SELECT event_id, status, position, registered_at, updated_at FROM registrations WHERE agent_id = ? ORDER BY registered_at, id`,
			func(scan func(...any) error) error {
				var r passerelles.ExportedRegistration
				var at, updated int64
				err := scan(&r.EventID, &r.Status, &r.Position, &at, &updated)
				r.RegisteredAt, r.UpdatedAt = unixMilli(at), unixMilli(updated)
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
func exportProfileViews(ctx context.Context, tx *sql.Tx, agentID int64, x *passerelles.DataExport) error {
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
func exportSkillNames(ctx context.Context, tx *sql.Tx, x *passerelles.DataExport) error {
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
func exportRows(ctx context.Context, tx *sql.Tx, query string, agentID int64, fn func(scan func(...any) error) error) error {
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
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := agentExists(ctx, tx, me.AgentID); err != nil {
			return err
		}
		if err := keepAnAdministrator(ctx, tx, me.AgentID, true); err != nil {
			return err
		}
		// Written with the ids, which the delete below sets NULL: the entry keeps pseudonyms only.
		if err := s.db.audit(ctx, tx, me.AgentID, "ACCOUNT_ERASED", me.AgentID, ""); err != nil {
			return err
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

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
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
	return passerelles.Errorf(passerelles.ENOTFOUND, "Cette compétence n'est pas déclarée sur ce profil.")
}

// viewerFrom returns the user on whose behalf a read runs: anyone signed in, or the
// application itself.
func viewerFrom(ctx context.Context) (*passerelles.User, error) {
	u := passerelles.UserFromContext(ctx)
	if u == nil {
		return nil, passerelles.Errorf(passerelles.EUNAUTHENTICATED, "Vous devez être connecté·e.")
	}
	return u, nil
}

// selfFrom returns the signed-in agent for operations on one's own profile: the
// application itself has no profile of its own.
func selfFrom(ctx context.Context) (*passerelles.User, error) {
	u := passerelles.UserFromContext(ctx)
	if u == nil || u.AgentID == 0 {
		return nil, passerelles.Errorf(passerelles.EUNAUTHENTICATED, "Vous devez être connecté·e.")
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
// their endorsement counts, evidence. Fields reserved to the owner are blanked for others.
func findProfiles(ctx context.Context, tx *sql.Tx, viewer *passerelles.User, ids []int64) (map[int64]*passerelles.Profile, error) {
	out := map[int64]*passerelles.Profile{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.issuer, a.subject, a.given_name, a.usual_name, a.email, a.uid,
		a.siret, a.idp_id, a.organisation_label, a.organisation_id, a.region_id, a.grade_code, a.current_role_id,
		a.bio, a.open_to_mobility, a.willing_to_mentor, a.visibility, a.visibility_chosen_at IS NOT NULL,
		a.created_at, a.updated_at,
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
		var org, region, role sql.NullInt64
		var grade sql.NullString
		var created, updated int64
		var hidden, families, regions, targets string
		if err := rows.Scan(&a.ID, &a.Issuer, &a.Subject, &a.GivenName, &a.UsualName, &a.Email, &a.UID, &a.Siret,
			&a.IdpID, &a.OrganisationLabel, &org, &region, &grade, &role, &a.Bio, &a.OpenToMobility, &a.WillingToMentor,
			&a.Visibility, &p.VisibilityChosen, &created, &updated, &hidden, &families, &regions, &targets); err != nil {
			return nil, fmt.Errorf("sqlite: find profiles: %w", err)
		}
		a.OrganisationID, a.RegionID, a.CurrentRoleID, a.GradeCode = org.Int64, region.Int64, role.Int64, grade.String
		a.CreatedAt, a.UpdatedAt = unixMilli(created), unixMilli(updated)
		for _, l := range []struct {
			text string
			into any
		}{{hidden, &p.HiddenFrom}, {families, &p.MobilityFamilies}, {regions, &p.MobilityRegionIDs}, {targets, &p.TargetRoleIDs}} {
			if err := json.Unmarshal([]byte(l.text), l.into); err != nil {
				return nil, fmt.Errorf("sqlite: find profiles: %w", err)
			}
		}
		if !passerelles.CanSeeProfile(viewer, a, p.HiddenFrom) {
			continue
		}
		redactProfile(viewer, p)
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

// redactProfile blanks what only the owner (or the application) reads: the organisations
// the agent hides from, their identity keys, and their email for anyone but managers and
// administrators.
func redactProfile(viewer *passerelles.User, p *passerelles.Profile) {
	if viewer.System || viewer.AgentID == p.Agent.ID {
		return
	}
	p.HiddenFrom = nil
	a := p.Agent
	a.Issuer, a.Subject, a.UID, a.IdpID = "", "", "", ""
	if !viewer.Has(passerelles.AccessManager) && !viewer.Has(passerelles.AccessAdmin) {
		a.Email = ""
	}
}

// findDeclaredSkills fills the skills of the profiles of ids in two statements: the
// declarations (with their endorsement count and whether the viewer endorsed them), then
// every piece of evidence.
func findDeclaredSkills(ctx context.Context, tx *sql.Tx, viewer *passerelles.User, ids []int64, into map[int64]*passerelles.Profile) error {
	list := jsonIDs(ids)
	rows, err := tx.QueryContext(ctx, `SELECT s.agent_id, s.skill_id, s.level, s.current_use, s.wants_to_develop,
		COALESCE(s.top_rank, 0), COALESCE(s.validated_level, 0), COALESCE(s.validated_by, 0), s.validated_at,
		s.validation_comment, s.declared_at, s.updated_at,
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
			&d.ValidatedBy, &validatedAt, &d.ValidationComment, &declared, &updated, &d.EndorsementCount, &d.EndorsedByViewer); err != nil {
			return fmt.Errorf("sqlite: find declared skills: %w", err)
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
	a := &passerelles.Agent{ID: agentID}
	var hidden string
	err := tx.QueryRowContext(ctx, `SELECT visibility,
		(SELECT json_group_array(organisation_id) FROM agent_hidden_organisations WHERE agent_id = a.id)
		FROM agents a WHERE id = ?`, agentID).Scan(&a.Visibility, &hidden)
	if err == sql.ErrNoRows {
		return errNotVisible()
	} else if err != nil {
		return fmt.Errorf("sqlite: find agent: %w", err)
	}
	var hiddenFrom []int64
	if err := json.Unmarshal([]byte(hidden), &hiddenFrom); err != nil {
		return fmt.Errorf("sqlite: find agent: %w", err)
	}
	if !passerelles.CanSeeProfile(viewer, a, hiddenFrom) {
		return errNotVisible()
	}
	return nil
}

// FindProfile implements passerelles.ProfileService.
// viewWindow is how long repeated views of a profile by the same person count as one visit.
const viewWindow = 10 * time.Minute

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

// recordsViews reports whether the viewer's visit to agentID's profile goes in the audit
// log: managers and administrators looking at someone else's profile.
// recordViews records, in one write transaction, that a manager or administrator saw the
// profiles of ids — whatever path showed them (profile by id, or a nested edge). One visit is
// one entry: views by the same person within viewWindow are not counted again.
func (s *ProfileService) recordViews(ctx context.Context, viewer *passerelles.User, ids []int64) error {
	var seen []int64
	for _, id := range ids {
		if recordsViews(viewer, id) {
			seen = append(seen, id)
		}
	}
	if len(seen) == 0 {
		return nil
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		since := formatTime(s.db.Now().Add(-viewWindow))
		for _, id := range seen {
			var recent int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE subject_id = ? AND actor_id = ?
				AND action = 'PROFILE_VIEWED' AND at > ?`, id, viewer.AgentID, since).Scan(&recent); err != nil {
				return fmt.Errorf("sqlite: recent views: %w", err)
			}
			if recent > 0 {
				continue
			}
			if err := s.db.audit(ctx, tx, viewer.AgentID, "PROFILE_VIEWED", id, ""); err != nil {
				return err
			}
		}
		return nil
	})
}

func recordsViews(viewer *passerelles.User, agentID int64) bool {
	return !viewer.System && viewer.AgentID != 0 && viewer.AgentID != agentID &&
		(viewer.Has(passerelles.AccessManager) || viewer.Has(passerelles.AccessAdmin))
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
		{"organisations", one(upd.OrganisationID), "L'organisation choisie n'existe pas."},
		{"regions", one(upd.RegionID), "La région choisie n'existe pas."},
		{"roles", one(upd.CurrentRoleID), "Le métier actuel choisi n'existe pas."},
		{"regions", all(upd.MobilityRegionIDs), "Une des régions de mobilité choisies n'existe pas."},
		{"roles", all(upd.TargetRoleIDs), "Un des métiers visés n'existe pas."},
		{"organisations", all(upd.HiddenFrom), "Une des organisations à qui masquer le profil n'existe pas."},
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
			return passerelles.Errorf(passerelles.EINVALID, "Le grade choisi n'existe pas.")
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
			return passerelles.Errorf(passerelles.ENOTFOUND, "Vous n'avez pas déclaré cette compétence.")
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
// does not leak.
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
	if err := passerelles.ValidateText("Le commentaire de validation", comment, false, passerelles.MaxValidationComment); err != nil {
		return nil, err
	}
	comment = strings.TrimSpace(comment)
	now := s.db.Now()
	var out *passerelles.DeclaredSkill
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := findVisibleAgent(ctx, tx, u, agentID); err != nil {
			return err
		}
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

// EndorseSkill implements passerelles.ProfileService.
func (s *ProfileService) EndorseSkill(ctx context.Context, agentID, skillID int64) error {
	me, err := selfFrom(ctx)
	if err != nil {
		return err
	}
	if agentID == me.AgentID {
		return passerelles.Errorf(passerelles.EINVALID, "Vous ne pouvez pas recommander vos propres compétences.")
	}
	now := s.db.Now()
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := findVisibleAgent(ctx, tx, me, agentID); err != nil {
			return err
		}
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
	err = s.read(ctx, func(tx *sql.Tx) error {
		if err := findVisibleAgent(ctx, tx, viewer, agentID); err != nil {
			return err
		}
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
	err = s.read(ctx, func(tx *sql.Tx) error {
		if err := findVisibleAgent(ctx, tx, viewer, agentID); err != nil {
			return err
		}
		h, err := findHistory(ctx, tx, agentID, skillID)
		versions = h[skillID]
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(versions) == 0 {
		return nil, passerelles.Errorf(passerelles.ENOTFOUND, "Cette compétence n'a pas d'historique sur ce profil.")
	}
	return versions, nil
}

// findHistory returns the versions of the agent's skill (of all their skills when skillID
// is 0), by skill, oldest first.
func findHistory(ctx context.Context, tx *sql.Tx, agentID, skillID int64) (map[int64][]passerelles.SkillVersion, error) {
	h, err := findHistories(ctx, tx, []int64{agentID}, skillID)
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

// ExportMyData implements passerelles.ProfileService. Endorsers the agent may not see
// appear with EndorserID 0: the endorsement is theirs to know of, the endorser's identity
// is not.
func (s *ProfileService) ExportMyData(ctx context.Context) (*passerelles.DataExport, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, err
	}
	x := &passerelles.DataExport{ExportedAt: s.db.Now(), Endorsements: map[int64][]passerelles.Endorsement{}}
	err = s.read(ctx, func(tx *sql.Tx) error {
		ps, err := findProfiles(ctx, tx, me, []int64{me.AgentID})
		if err != nil {
			return err
		}
		if x.Profile = ps[me.AgentID]; x.Profile == nil {
			return passerelles.Errorf(passerelles.ENOTFOUND, "Cet agent n'existe pas.")
		}
		if x.History, err = findHistory(ctx, tx, me.AgentID, 0); err != nil {
			return err
		}
		// Managers who validated or changed a declaration appear only when the agent may see
		// their profile, as in the API; otherwise their id is blanked.
		var others []int64
		for _, d := range x.Profile.Skills {
			others = append(others, d.ValidatedBy)
		}
		for _, vs := range x.History {
			for _, v := range vs {
				others = append(others, v.ChangedBy)
			}
		}
		visible, err := findProfiles(ctx, tx, me, uniqueIDs(others))
		if err != nil {
			return err
		}
		shown := func(id int64) int64 {
			if _, ok := visible[id]; ok || id == me.AgentID {
				return id
			}
			return 0
		}
		for i := range x.Profile.Skills {
			x.Profile.Skills[i].ValidatedBy = shown(x.Profile.Skills[i].ValidatedBy)
		}
		for k, vs := range x.History {
			for i := range vs {
				vs[i].ChangedBy = shown(vs[i].ChangedBy)
			}
			x.History[k] = vs
		}
		received, err := findEndorsements(ctx, tx, me, me.AgentID, 0)
		if err != nil {
			return err
		}
		for _, e := range received {
			if !e.visible {
				e.EndorserID = 0
			}
			x.Endorsements[e.skillID] = append(x.Endorsements[e.skillID], e.Endorsement)
		}
		if err := exportRows(ctx, tx, `SELECT agent_id, skill_id, created_at FROM endorsements WHERE endorser_id = ? ORDER BY created_at`,
			me.AgentID, func(sc func(...any) error) error {
				var e struct {
					AgentID, SkillID int64
					At               time.Time
				}
				var at int64
				err := sc(&e.AgentID, &e.SkillID, &at)
				e.At = unixMilli(at)
				x.EndorsementsBy = append(x.EndorsementsBy, e)
				return err
			}); err != nil {
			return err
		}
		if err := exportRows(ctx, tx, `SELECT community_id, agent_id, role, joined_at FROM community_members WHERE agent_id = ? ORDER BY joined_at`,
			me.AgentID, func(sc func(...any) error) error {
				var m passerelles.CommunityMember
				var at int64
				err := sc(&m.CommunityID, &m.AgentID, &m.Role, &at)
				m.JoinedAt = unixMilli(at)
				x.Memberships = append(x.Memberships, m)
				return err
			}); err != nil {
			return err
		}
		if err := exportRows(ctx, tx, `SELECT event_id, status, registered_at FROM registrations WHERE agent_id = ? ORDER BY registered_at`,
			me.AgentID, func(sc func(...any) error) error {
				var r struct {
					EventID int64
					Status  string
					At      time.Time
				}
				var at int64
				err := sc(&r.EventID, &r.Status, &at)
				r.At = unixMilli(at)
				x.Registrations = append(x.Registrations, r)
				return err
			}); err != nil {
			return err
		}
		if x.ProfileViews, err = findProfileViews(ctx, tx, me.AgentID, -1, 0); err != nil {
			return err
		}
		x.Roles = []passerelles.AccessRole{passerelles.AccessAgent}
		if err := exportRows(ctx, tx, `SELECT role FROM agent_access_roles WHERE agent_id = ? ORDER BY role DESC`,
			me.AgentID, func(sc func(...any) error) error {
				var r passerelles.AccessRole
				err := sc(&r)
				x.Roles = append(x.Roles, r)
				return err
			}); err != nil {
			return err
		}
		if err := exportRows(ctx, tx, `SELECT at, action, COALESCE(subject_id, 0), details FROM audit_log WHERE actor_id = ? ORDER BY at, id`,
			me.AgentID, func(sc func(...any) error) error {
				var a passerelles.AuditRecord
				var at int64
				err := sc(&at, &a.Action, &a.SubjectID, &a.Details)
				a.At = unixMilli(at)
				x.Actions = append(x.Actions, a)
				return err
			}); err != nil {
			return err
		}
		if err := exportRows(ctx, tx, `SELECT at, action, details FROM audit_log
			WHERE subject_id = ? AND action <> 'PROFILE_VIEWED' AND (actor_id IS NULL OR actor_id <> subject_id) ORDER BY at, id`,
			me.AgentID, func(sc func(...any) error) error {
				a := passerelles.AuditRecord{SubjectID: me.AgentID}
				var at int64
				err := sc(&at, &a.Action, &a.Details)
				a.At = unixMilli(at)
				x.AboutMe = append(x.AboutMe, a)
				return err
			}); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sessions WHERE agent_id = ?`, me.AgentID).Scan(&x.Sessions)
	})
	if err != nil {
		return nil, err
	}
	return x, nil
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
// transaction. The agents row goes last: its delete trigger removes the search-index row,
// and ON DELETE SET NULL turns the agent's ids in the audit log (and in others'
// validations and history, events created, roles granted) into NULL, so that only the
// audit pseudonyms remain.
func (s *ProfileService) DeleteMyAccount(ctx context.Context) error {
	me, err := selfFrom(ctx)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := agentExists(ctx, tx, me.AgentID); err != nil {
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
}

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"passerelles"
)

// UserService implements passerelles.UserService.
type UserService struct{ db *DB }

var _ passerelles.UserService = (*UserService)(nil)

// NewUserService returns the user service of db: sign-in and access roles.
func NewUserService(db *DB) *UserService { return &UserService{db: db} }

// SignIn implements passerelles.UserService.
func (s *UserService) SignIn(ctx context.Context, id passerelles.Identity, bootstrapAdmins []string) (*passerelles.User, error) {
	if err := passerelles.RequireSystem(ctx); err != nil {
		return nil, err
	}
	if err := id.Validate(); err != nil {
		return nil, err
	}
	var m *passerelles.User
	err := s.db.write(ctx, func(tx *Tx) (err error) {
		now := formatTime(tx.now)
		var agentID int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM agents WHERE issuer = ? AND subject = ?`, id.Issuer, id.Subject).Scan(&agentID)
		switch {
		case err == sql.ErrNoRows:
			res, err := tx.ExecContext(ctx, `INSERT INTO agents (issuer, subject, given_name, usual_name, email, uid, siret, idp_id,
				organisation_label, created_at, updated_at, search_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id.Issuer, id.Subject, id.GivenName, id.UsualName, id.Email, id.UID, id.Siret, id.IdpID, id.OrganizationLabel, now, now,
				passerelles.UserSearchName(id.GivenName, id.UsualName))
			if err != nil {
				return classify("enregistrer la connexion", err)
			}
			if agentID, err = res.LastInsertId(); err != nil {
				return err
			}
		case err != nil:
			return fmt.Errorf("sqlite: find agent: %w", err)
		default:
			if _, err := tx.ExecContext(ctx, `UPDATE agents SET given_name = ?, usual_name = ?, email = ?, uid = ?, siret = ?,
				idp_id = ?, organisation_label = ?, updated_at = ?, search_name = ? WHERE id = ?`,
				id.GivenName, id.UsualName, id.Email, id.UID, id.Siret, id.IdpID, id.OrganizationLabel, now,
				passerelles.UserSearchName(id.GivenName, id.UsualName), agentID); err != nil {
				return classify("mettre à jour le profil", err)
			}
		}
		tx.touchAgents(agentID) // names in the search text; a new agent in the talent index
		// The organisation the provider asserts, by its label (ProConnect's organization_label)
		// or code, matched by the domain's rule over the referential (a hundred rows).
		orgs, err := allOrganisations(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agents SET asserted_organisation_id = ?1 WHERE id = ?2`,
			nullInt64(passerelles.MatchOrganisationLabel(id.OrganizationLabel, orgs)), agentID); err != nil {
			return fmt.Errorf("sqlite: asserted organisation: %w", err)
		}
		if slices.Contains(bootstrapAdmins, id.Subject) {
			res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO agent_access_roles (agent_id, role, granted_at) VALUES (?, 'ADMIN', ?)`, agentID, now)
			if err != nil {
				return classify("attribuer le rôle d’administrateur", err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				if err := audit(ctx, tx, 0, "ROLE_GRANTED", agentID, "ADMIN (administrateur initial de la configuration)"); err != nil {
					return err
				}
			}
		}
		m, err = findUser(ctx, tx, agentID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// FindUser implements passerelles.UserService.
func (s *UserService) FindUser(ctx context.Context, agentID int64) (*passerelles.User, error) {
	var m *passerelles.User
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		m, err = findUser(ctx, tx, agentID)
		return err
	})
	return m, err
}

func findUser(ctx context.Context, tx *Tx, agentID int64) (*passerelles.User, error) {
	a := &passerelles.Agent{ID: agentID}
	var org, region, role sql.NullInt64
	var grade sql.NullString
	var asserted sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT issuer, subject, given_name, usual_name, email, uid, siret, idp_id, organisation_label,
		organisation_id, region_id, grade_code, current_role_id, bio, open_to_mobility, willing_to_mentor, visibility,
		asserted_organisation_id
		FROM agents WHERE id = ?`, agentID).Scan(&a.Issuer, &a.Subject, &a.GivenName, &a.UsualName, &a.Email, &a.UID, &a.Siret,
		&a.IdpID, &a.OrganisationLabel, &org, &region, &grade, &role, &a.Bio, &a.OpenToMobility, &a.WillingToMentor, &a.Visibility,
		&asserted)
	if err == sql.ErrNoRows {
		return nil, passerelles.Errorf(passerelles.ENOTFOUND, "Cet agent n’existe pas.")
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find member: %w", err)
	}
	a.OrganisationID, a.RegionID, a.CurrentRoleID, a.GradeCode = org.Int64, region.Int64, role.Int64, grade.String
	a.AssertedOrganisationID = asserted.Int64
	m := &passerelles.User{AgentID: a.ID, OrganisationID: a.AssertedOrganisationID, Agent: a,
		AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}}
	rows, err := tx.QueryContext(ctx, `SELECT role FROM agent_access_roles WHERE agent_id = ? ORDER BY role DESC`, agentID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find roles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r passerelles.AccessRole
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		m.AccessRoles = append(m.AccessRoles, r)
	}
	return m, rows.Err()
}

// GrantAccessRole implements passerelles.UserService.
func (s *UserService) GrantAccessRole(ctx context.Context, agentID int64, role passerelles.AccessRole) error {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return err
	}
	if err := passerelles.ValidateGrantableAccessRole(role); err != nil {
		return err
	}
	err := s.db.write(ctx, func(tx *Tx) error {
		if err := stillAdministrator(ctx, tx); err != nil {
			return err
		}
		if err := accessRoleHolder(ctx, tx, agentID); err != nil {
			return err
		}
		actor := passerelles.UserFromContext(ctx)
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO agent_access_roles (agent_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?)`,
			agentID, string(role), nullInt64(actor.AgentID), formatTime(tx.now))
		if err != nil {
			return classify("attribuer le rôle", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			if err := audit(ctx, tx, actor.AgentID, "ROLE_GRANTED", agentID, string(role)); err != nil {
				return err
			}
		}
		return nil
	})
	return err
}

// RevokeAccessRole implements passerelles.UserService.
func (s *UserService) RevokeAccessRole(ctx context.Context, agentID int64, role passerelles.AccessRole) error {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return err
	}
	if err := passerelles.ValidateGrantableAccessRole(role); err != nil {
		return err
	}
	err := s.db.write(ctx, func(tx *Tx) error {
		if err := stillAdministrator(ctx, tx); err != nil {
			return err
		}
		if err := agentExists(ctx, tx, agentID); err != nil {
			return err
		}
		if role == passerelles.AccessAdmin {
			if err := keepAnAdministrator(ctx, tx, agentID, false); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM agent_access_roles WHERE agent_id = ? AND role = ?`, agentID, string(role))
		if err != nil {
			return classify("retirer le rôle", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			tx.touchViewers(agentID) // a former manager keeps on their lists only whom they still see
			if err := audit(ctx, tx, passerelles.UserFromContext(ctx).AgentID, "ROLE_REVOKED", agentID, string(role)); err != nil {
				return err
			}
		}
		return nil
	})
	return err
}

// keepAnAdministrator applies passerelles.KeepAnAdministrator to agentID losing the ADMIN
// role (by revocation, or with their account when erasure is true), in the write
// transaction tx that removes it: write transactions run one at a time (BEGIN IMMEDIATE,
// across processes too), so the count cannot change before the removal commits.
func keepAnAdministrator(ctx context.Context, tx *Tx, agentID int64, erasure bool) error {
	var admin bool
	var others int
	if err := tx.QueryRowContext(ctx, `SELECT
		EXISTS (SELECT 1 FROM agent_access_roles WHERE role = 'ADMIN' AND agent_id = ?1),
		(SELECT COUNT(*) FROM agent_access_roles WHERE role = 'ADMIN' AND agent_id <> ?1)`, agentID).Scan(&admin, &others); err != nil {
		return fmt.Errorf("sqlite: count administrators: %w", err)
	}
	if !admin {
		return nil
	}
	return passerelles.KeepAnAdministrator(others, erasure)
}

// stillAdministrator checks, in the write transaction tx, that the person acting still
// holds ADMIN: the roles on the context were read when the request began, and an
// administrator revoked meanwhile (by another administrator, or earlier in the same
// document) must not grant or revoke anything more — a request may wait seconds for its
// turn, time enough to name an accomplice administrator after being revoked.
func stillAdministrator(ctx context.Context, tx *Tx) error {
	u := passerelles.UserFromContext(ctx)
	if u != nil && u.System {
		return nil
	}
	var admin bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM agent_access_roles WHERE agent_id = ? AND role = 'ADMIN')`,
		u.AgentID).Scan(&admin); err != nil {
		return fmt.Errorf("sqlite: check administrator: %w", err)
	}
	if !admin {
		return passerelles.Errorf(passerelles.EFORBIDDEN, "Cette action est réservée aux administrateurs.")
	}
	return nil
}

// accessRoleHolder returns ENOTFOUND for an unknown agent and applies
// passerelles.CheckAccessRoleHolder to the others.
func accessRoleHolder(ctx context.Context, tx *Tx, agentID int64) error {
	var issuer string
	err := tx.QueryRowContext(ctx, `SELECT issuer FROM agents WHERE id = ?`, agentID).Scan(&issuer)
	if err == sql.ErrNoRows {
		return passerelles.Errorf(passerelles.ENOTFOUND, "Cet agent n’existe pas.")
	} else if err != nil {
		return err
	}
	return passerelles.CheckAccessRoleHolder(issuer)
}

func agentExists(ctx context.Context, tx *Tx, agentID int64) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM agents WHERE id = ?`, agentID).Scan(&one)
	if err == sql.ErrNoRows {
		return passerelles.Errorf(passerelles.ENOTFOUND, "Cet agent n’existe pas.")
	}
	return err
}

// FindUsers implements passerelles.UserService: one statement for the page and its total,
// one for the access roles of the whole page, whatever its size.
func (s *UserService) FindUsers(ctx context.Context, filter passerelles.UserFilter) ([]*passerelles.User, int, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return nil, 0, err
	}
	if err := filter.Validate(); err != nil {
		return nil, 0, err
	}
	words := passerelles.UserSearchWords(filter.Search)
	if len(words) == 0 {
		return []*passerelles.User{}, 0, nil // punctuation only: no name matches
	}
	// Each word begins a word of the folded name: it follows its start or a space. The
	// words hold only letters and digits, so instr needs no escaping, unlike LIKE.
	var w where
	w.add("a.issuer <> ?", passerelles.DemoIssuer) // people who sign in, not demo agents
	for _, word := range words {
		w.add("instr(' ' || a.search_name, ?) > 0", " "+word)
	}
	users := []*passerelles.User{}
	total := 0
	err := s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT a.id, a.given_name, a.usual_name, a.email, a.organisation_label,
			COUNT(*) OVER () FROM agents a`+w.String()+` ORDER BY a.search_name, a.id LIMIT ? OFFSET ?`,
			append(w.args, filter.Limit, filter.Offset)...)
		if err != nil {
			return fmt.Errorf("sqlite: find users: %w", err)
		}
		defer rows.Close()
		byID := map[int64]*passerelles.User{}
		ids := []int64{}
		for rows.Next() {
			a := &passerelles.Agent{}
			if err := rows.Scan(&a.ID, &a.GivenName, &a.UsualName, &a.Email, &a.OrganisationLabel, &total); err != nil {
				return fmt.Errorf("sqlite: find users: %w", err)
			}
			u := &passerelles.User{AgentID: a.ID, Agent: a, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}}
			users = append(users, u)
			byID[a.ID] = u
			ids = append(ids, a.ID)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: find users: %w", err)
		}
		rows.Close()
		if len(users) == 0 {
			if filter.Offset > 0 { // past the end: the window function saw no row
				if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM agents a`+w.String(), w.args...).Scan(&total); err != nil {
					return fmt.Errorf("sqlite: count users: %w", err)
				}
			}
			return nil
		}
		list, _ := json.Marshal(ids)
		roles, err := tx.QueryContext(ctx, `SELECT agent_id, role FROM agent_access_roles
			WHERE agent_id IN (SELECT value FROM json_each(?)) ORDER BY agent_id, role DESC`, string(list))
		if err != nil {
			return fmt.Errorf("sqlite: find users' roles: %w", err)
		}
		defer roles.Close()
		for roles.Next() {
			var id int64
			var r passerelles.AccessRole
			if err := roles.Scan(&id, &r); err != nil {
				return fmt.Errorf("sqlite: find users' roles: %w", err)
			}
			byID[id].AccessRoles = append(byID[id].AccessRoles, r)
		}
		return roles.Err()
	})
	if err != nil {
		return nil, 0, err
	}
	return users, total, nil
}

// refreshUserSearch fills the folded search name of the agents written before the column
// existed (migration 0007), in one transaction at start; a database where every row has
// it costs one indexed read. A change of the folding itself (a newer Unicode version)
// reaches a row at its owner's next sign-in.
func (db *DB) refreshUserSearch(ctx context.Context) error {
	return db.write(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, given_name, usual_name FROM agents
			WHERE search_name = '' AND (given_name <> '' OR usual_name <> '')`)
		if err != nil {
			return fmt.Errorf("sqlite: read user search names: %w", err)
		}
		type stale struct {
			id   int64
			name string
		}
		var todo []stale
		for rows.Next() {
			var id int64
			var given, usual string
			if err := rows.Scan(&id, &given, &usual); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: read user search names: %w", err)
			}
			if name := passerelles.UserSearchName(given, usual); name != "" {
				todo = append(todo, stale{id, name})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: read user search names: %w", err)
		}
		stmt, err := tx.PrepareContext(ctx, `UPDATE agents SET search_name = ? WHERE id = ?`)
		if err != nil {
			return fmt.Errorf("sqlite: refresh user search names: %w", err)
		}
		defer stmt.Close()
		for _, s := range todo {
			if _, err := stmt.ExecContext(ctx, s.name, s.id); err != nil {
				return fmt.Errorf("sqlite: refresh user search names: %w", err)
			}
		}
		return nil
	})
}

// allOrganisations returns the id, code and name of every organisation, by id.
func allOrganisations(ctx context.Context, tx *Tx) ([]*passerelles.Organisation, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, code, name FROM organisations ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: organisations: %w", err)
	}
	defer rows.Close()
	var out []*passerelles.Organisation
	for rows.Next() {
		o := &passerelles.Organisation{}
		if err := rows.Scan(&o.ID, &o.Code, &o.Name); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

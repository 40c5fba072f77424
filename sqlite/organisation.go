package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"passerelles"
)

// OrganisationService implements passerelles.OrganisationService.
type OrganisationService struct{ db *DB }

var _ passerelles.OrganisationService = (*OrganisationService)(nil)

// NewOrganisationService returns the organisation service of db.
func NewOrganisationService(db *DB) *OrganisationService { return &OrganisationService{db: db} }

// codeNameRows reads (id, code, name, total) rows of regions or ministries.
func (s *OrganisationService) codeNames(ctx context.Context, table, order string, ids []int64, page passerelles.Page) ([][3]any, int, error) {
	if err := page.Validate(); err != nil {
		return nil, 0, err
	}
	var w where
	w.in("id", ids)
	var out [][3]any
	var total int
	err := s.db.read(ctx, func(tx *Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table+w.String(), w.args...).Scan(&total); err != nil {
			return fmt.Errorf("sqlite: count %s: %w", table, err)
		}
		rows, err := tx.QueryContext(ctx, "SELECT id, code, name FROM "+table+w.String()+" ORDER BY "+order+" LIMIT ? OFFSET ?",
			append(w.args, page.Limit, page.Offset)...)
		if err != nil {
			return fmt.Errorf("sqlite: find %s: %w", table, err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var code, name string
			if err := rows.Scan(&id, &code, &name); err != nil {
				return err
			}
			out = append(out, [3]any{id, code, name})
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// FindRegions implements passerelles.OrganisationService.
func (s *OrganisationService) FindRegions(ctx context.Context, ids []int64, page passerelles.Page) ([]*passerelles.Region, int, error) {
	rows, total, err := s.codeNames(ctx, "regions", "name COLLATE FRENCH", ids, page)
	out := make([]*passerelles.Region, len(rows))
	for i, r := range rows {
		out[i] = &passerelles.Region{ID: r[0].(int64), Code: r[1].(string), Name: r[2].(string)}
	}
	return out, total, err
}

// FindMinistries implements passerelles.OrganisationService.
func (s *OrganisationService) FindMinistries(ctx context.Context, ids []int64, page passerelles.Page) ([]*passerelles.Ministry, int, error) {
	rows, total, err := s.codeNames(ctx, "ministries", "id", ids, page)
	out := make([]*passerelles.Ministry, len(rows))
	for i, r := range rows {
		out[i] = &passerelles.Ministry{ID: r[0].(int64), Code: r[1].(string), Name: r[2].(string)}
	}
	return out, total, err
}

// FindOrganisations implements passerelles.OrganisationService.
func (s *OrganisationService) FindOrganisations(ctx context.Context, filter passerelles.OrganisationFilter) ([]*passerelles.Organisation, int, error) {
	if err := filter.Page.Validate(); err != nil {
		return nil, 0, err
	}
	var w where
	w.in("o.id", filter.IDs)
	if filter.MinistryCode != nil {
		w.add("o.ministry_id = (SELECT id FROM ministries WHERE code = ?)", *filter.MinistryCode)
	}
	if filter.Type != nil {
		w.add("o.type = ?", string(*filter.Type))
	}
	if filter.RegionCode != nil {
		w.add("o.region_id = (SELECT id FROM regions WHERE code = ?)", *filter.RegionCode)
	}
	out := []*passerelles.Organisation{}
	var total int
	err := s.db.read(ctx, func(tx *Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM organisations o"+w.String(), w.args...).Scan(&total); err != nil {
			return fmt.Errorf("sqlite: count organisations: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT o.id, o.code, o.name, o.type, o.ministry_id, COALESCE(o.region_id, 0) FROM organisations o`+
			w.String()+` ORDER BY CASE o.type WHEN 'CENTRAL' THEN 1 WHEN 'OPERATOR' THEN 2 WHEN 'DREETS' THEN 3 WHEN 'ARS' THEN 4 ELSE 5 END,
			o.name COLLATE FRENCH LIMIT ? OFFSET ?`, append(w.args, filter.Limit, filter.Offset)...)
		if err != nil {
			return fmt.Errorf("sqlite: find organisations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			o := &passerelles.Organisation{}
			if err := rows.Scan(&o.ID, &o.Code, &o.Name, &o.Type, &o.MinistryID, &o.RegionID); err != nil {
				return err
			}
			out = append(out, o)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// FindGrades implements passerelles.OrganisationService.
func (s *OrganisationService) FindGrades(ctx context.Context) ([]*passerelles.Grade, error) {
	rows, err := s.db.reader.QueryContext(ctx, `SELECT code, label, position FROM grades ORDER BY position, code`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find grades: %w", err)
	}
	defer rows.Close()
	out := []*passerelles.Grade{}
	for rows.Next() {
		g := &passerelles.Grade{}
		if err := rows.Scan(&g.Code, &g.Label, &g.Position); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// writeOne runs one upsert in its own write transaction, for administrators only.
func (s *OrganisationService) writeOne(ctx context.Context, what string, fn func(tx *Tx) (bool, error)) (bool, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return false, err
	}
	var changed bool
	err := s.db.write(ctx, func(tx *Tx) error {
		var err error
		changed, err = fn(tx)
		if changed {
			tx.touchReferentials() // organisations: ministry and type, read by talent search
		}
		return classify(what, err)
	})
	if err != nil {
		return false, err
	}
	return changed, nil
}

// UpsertRegion implements passerelles.OrganisationService.
func (s *OrganisationService) UpsertRegion(ctx context.Context, r *passerelles.Region) (bool, error) {
	if err := r.Validate(); err != nil {
		return false, err
	}
	return s.writeOne(ctx, "enregistrer la région", func(tx *Tx) (bool, error) {
		changed, err := upsert(ctx, tx, `INSERT INTO regions (code, name) VALUES (?, ?)
			ON CONFLICT (code) DO UPDATE SET name = excluded.name WHERE name IS NOT excluded.name`, r.Code, r.Name)
		if err == nil {
			err = tx.QueryRowContext(ctx, `SELECT id FROM regions WHERE code = ?`, r.Code).Scan(&r.ID)
		}
		return changed, err
	})
}

// UpsertMinistry implements passerelles.OrganisationService.
func (s *OrganisationService) UpsertMinistry(ctx context.Context, m *passerelles.Ministry) (bool, error) {
	if err := m.Validate(); err != nil {
		return false, err
	}
	return s.writeOne(ctx, "enregistrer le ministère", func(tx *Tx) (bool, error) {
		changed, err := upsert(ctx, tx, `INSERT INTO ministries (code, name) VALUES (?, ?)
			ON CONFLICT (code) DO UPDATE SET name = excluded.name WHERE name IS NOT excluded.name`, m.Code, m.Name)
		if err == nil {
			err = tx.QueryRowContext(ctx, `SELECT id FROM ministries WHERE code = ?`, m.Code).Scan(&m.ID)
		}
		return changed, err
	})
}

// UpsertOrganisation implements passerelles.OrganisationService.
func (s *OrganisationService) UpsertOrganisation(ctx context.Context, o *passerelles.Organisation, ministryCode, regionCode string) (bool, error) {
	return s.writeOne(ctx, "enregistrer l’organisation", func(tx *Tx) (bool, error) {
		if err := tx.QueryRowContext(ctx, `SELECT id FROM ministries WHERE code = ?`, ministryCode).Scan(&o.MinistryID); err == sql.ErrNoRows {
			return false, passerelles.Errorf(passerelles.EINVALID, "Le ministère « %s » n’existe pas.", ministryCode)
		} else if err != nil {
			return false, err
		}
		o.RegionID = 0
		if regionCode != "" {
			if err := tx.QueryRowContext(ctx, `SELECT id FROM regions WHERE code = ?`, regionCode).Scan(&o.RegionID); err == sql.ErrNoRows {
				return false, passerelles.Errorf(passerelles.EINVALID, "La région « %s » n’existe pas.", regionCode)
			} else if err != nil {
				return false, err
			}
		}
		if err := o.Validate(); err != nil {
			return false, err
		}
		changed, err := upsert(ctx, tx, `INSERT INTO organisations (code, name, type, ministry_id, region_id) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type,
				ministry_id = excluded.ministry_id, region_id = excluded.region_id
			WHERE name IS NOT excluded.name OR type IS NOT excluded.type
				OR ministry_id IS NOT excluded.ministry_id OR region_id IS NOT excluded.region_id`,
			o.Code, o.Name, string(o.Type), o.MinistryID, nullInt64(o.RegionID))
		if err == nil {
			err = tx.QueryRowContext(ctx, `SELECT id FROM organisations WHERE code = ?`, o.Code).Scan(&o.ID)
		}
		return changed, err
	})
}

// UpsertGrade implements passerelles.OrganisationService.
func (s *OrganisationService) UpsertGrade(ctx context.Context, g *passerelles.Grade) (bool, error) {
	if err := g.Validate(); err != nil {
		return false, err
	}
	return s.writeOne(ctx, "enregistrer le grade", func(tx *Tx) (bool, error) {
		return upsert(ctx, tx, `INSERT INTO grades (code, label, position) VALUES (?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET label = excluded.label, position = excluded.position
			WHERE label IS NOT excluded.label OR position IS NOT excluded.position`, g.Code, g.Label, g.Position)
	})
}

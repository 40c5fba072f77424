package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"passerelles"
)

// SkillService implements passerelles.SkillService.
type SkillService struct{ db *DB }

var _ passerelles.SkillService = (*SkillService)(nil)

// NewSkillService returns the skill service of db.
func NewSkillService(db *DB) *SkillService { return &SkillService{db: db} }

const skillColumns = `s.id, s.framework_id, s.domain_id, s.code, s.name, s.name_en, s.description, s.defined_levels, s.position`

func scanSkill(sc interface{ Scan(...any) error }, extra ...any) (*passerelles.Skill, error) {
	s := &passerelles.Skill{}
	var levels string
	if err := sc.Scan(append([]any{&s.ID, &s.FrameworkID, &s.DomainID, &s.Code, &s.Name, &s.NameEn, &s.Description, &levels, &s.Position}, extra...)...); err != nil {
		return nil, err
	}
	var err error
	s.DefinedLevels, err = parseLevels(levels)
	return s, err
}

func parseLevels(s string) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	out := make([]int, len(parts))
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("sqlite: bad defined levels %q", s)
		}
		out[i] = v
	}
	return out, nil
}

func formatLevels(levels []int) string {
	parts := make([]string, len(levels))
	for i, v := range levels {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, ",")
}

// FindSkillByID implements passerelles.SkillService.
func (s *SkillService) FindSkillByID(ctx context.Context, id int64) (*passerelles.Skill, error) {
	skills, _, err := s.FindSkills(ctx, passerelles.SkillFilter{IDs: []int64{id}, Page: passerelles.Page{Limit: 1}})
	if err != nil {
		return nil, err
	}
	if len(skills) == 0 {
		return nil, passerelles.Errorf(passerelles.ENOTFOUND, "Cette compétence n’existe pas.")
	}
	return skills[0], nil
}

// FindSkillByCode implements passerelles.SkillService.
func (s *SkillService) FindSkillByCode(ctx context.Context, frameworkCode, code string) (*passerelles.Skill, error) {
	row := s.db.reader.QueryRowContext(ctx, `SELECT `+skillColumns+` FROM skills s
		JOIN frameworks f ON f.id = s.framework_id WHERE f.code = ? AND s.code = ?`, frameworkCode, code)
	sk, err := scanSkill(row)
	if err == sql.ErrNoRows {
		return nil, passerelles.Errorf(passerelles.ENOTFOUND, "La compétence %s du référentiel %s n’existe pas.", code, frameworkCode)
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find skill: %w", err)
	}
	return sk, nil
}

// FindSkills implements passerelles.SkillService.
func (s *SkillService) FindSkills(ctx context.Context, filter passerelles.SkillFilter) ([]*passerelles.Skill, int, error) {
	if err := filter.Page.Validate(); err != nil {
		return nil, 0, err
	}
	var w where
	from := ` FROM skills s JOIN frameworks f ON f.id = s.framework_id JOIN skill_domains d ON d.id = s.domain_id`
	order := ` ORDER BY f.code, d.position, s.position, s.code`
	w.in("s.id", filter.IDs)
	w.in("s.domain_id", filter.DomainIDs)
	if filter.FrameworkCode != nil {
		w.add("f.code = ?", *filter.FrameworkCode)
	}
	if filter.DomainCode != nil {
		w.add("d.code = ?", *filter.DomainCode)
	}
	if filter.Search != nil {
		q := ftsQuery(*filter.Search)
		if q == "" {
			return []*passerelles.Skill{}, 0, nil
		}
		from += ` JOIN skills_fts ON skills_fts.rowid = s.id`
		w.add("skills_fts MATCH ?", q)
		order = ` ORDER BY skills_fts.rank, f.code, s.code`
	}
	rows, err := s.db.reader.QueryContext(ctx, `SELECT `+skillColumns+`, COUNT(*) OVER ()`+from+w.String()+order+` LIMIT ? OFFSET ?`,
		append(w.args, filter.Limit, filter.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: find skills: %w", err)
	}
	defer rows.Close()
	skills := []*passerelles.Skill{}
	total := 0
	for rows.Next() {
		sk, err := scanSkill(rows, &total)
		if err != nil {
			return nil, 0, err
		}
		skills = append(skills, sk)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqlite: find skills: %w", err)
	}
	if len(skills) == 0 && filter.Offset > 0 {
		// Past the end: the window function saw no row, so count apart.
		if err := s.db.reader.QueryRowContext(ctx, `SELECT COUNT(*)`+from+w.String(), w.args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("sqlite: count skills: %w", err)
		}
	}
	return skills, total, nil
}

// UpsertSkill implements passerelles.SkillService.
func (s *SkillService) UpsertSkill(ctx context.Context, frameworkCode, domainCode string, sk *passerelles.Skill) (bool, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return false, err
	}
	var changed bool
	err := s.db.write(ctx, func(tx *Tx) error {
		f, err := findFrameworkByCode(ctx, tx, frameworkCode)
		if err != nil {
			return err
		}
		d, ok := f.Domain(domainCode)
		if !ok {
			return passerelles.Errorf(passerelles.EINVALID, "Le domaine « %s » n’existe pas dans le référentiel %s.", domainCode, f.Code)
		}
		if err := sk.Validate(f); err != nil {
			return err
		}
		sk.FrameworkID, sk.DomainID = f.ID, d.ID
		if sk.Position == 0 {
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT position FROM skills WHERE framework_id = ? AND code = ?),
				(SELECT COALESCE(MAX(position), 0) + 1 FROM skills WHERE domain_id = ?))`, f.ID, sk.Code, d.ID).Scan(&sk.Position); err != nil {
				return fmt.Errorf("sqlite: skill position: %w", err)
			}
		}
		// Levels that declarations or roles still use must stay defined.
		if len(sk.DefinedLevels) > 0 {
			var used int
			if err := tx.QueryRowContext(ctx, `SELECT
				(SELECT COUNT(*) FROM agent_skills a JOIN skills k ON k.id = a.skill_id WHERE k.framework_id = ?1 AND k.code = ?2 AND a.level NOT IN (SELECT value FROM json_each(?3))) +
				(SELECT COUNT(*) FROM role_skills r JOIN skills k ON k.id = r.skill_id WHERE k.framework_id = ?1 AND k.code = ?2 AND r.level NOT IN (SELECT value FROM json_each(?3)))`,
				f.ID, sk.Code, "["+formatLevels(sk.DefinedLevels)+"]").Scan(&used); err != nil {
				return fmt.Errorf("sqlite: skill levels in use: %w", err)
			}
			if used > 0 {
				return passerelles.Errorf(passerelles.EINVALID, "Des niveaux de la compétence %s que vous retirez sont encore utilisés.", sk.Code)
			}
		}
		fold := searchTexts(sk)
		changed, err = upsert(ctx, tx, `INSERT INTO skills (framework_id, domain_id, code, name, name_en, description, defined_levels, position,
				search_code, search_name, search_name_en, search_description)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (framework_id, code) DO UPDATE SET domain_id = excluded.domain_id, name = excluded.name,
				name_en = excluded.name_en, description = excluded.description, defined_levels = excluded.defined_levels,
				position = excluded.position, search_code = excluded.search_code, search_name = excluded.search_name,
				search_name_en = excluded.search_name_en, search_description = excluded.search_description
			WHERE domain_id IS NOT excluded.domain_id OR name IS NOT excluded.name OR name_en IS NOT excluded.name_en
				OR description IS NOT excluded.description OR defined_levels IS NOT excluded.defined_levels
				OR position IS NOT excluded.position OR search_code IS NOT excluded.search_code
				OR search_name IS NOT excluded.search_name OR search_name_en IS NOT excluded.search_name_en
				OR search_description IS NOT excluded.search_description`,
			f.ID, d.ID, sk.Code, sk.Name, sk.NameEn, sk.Description, formatLevels(sk.DefinedLevels), sk.Position,
			fold[0], fold[1], fold[2], fold[3])
		if err != nil {
			return classify("enregistrer la compétence", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT id FROM skills WHERE framework_id = ? AND code = ?`, f.ID, sk.Code).Scan(&sk.ID); err != nil {
			return fmt.Errorf("sqlite: skill id: %w", err)
		}
		if changed {
			tx.touchReferentials() // a skill's scale, read by talent search
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	return changed, nil
}

// searchTexts returns what the search index holds for a skill: its code, name, English
// name and description folded by passerelles.FoldForSearch, the normalisation that every
// query goes through too.
func searchTexts(sk *passerelles.Skill) [4]string {
	return [4]string{passerelles.FoldForSearch(sk.Code), passerelles.FoldForSearch(sk.Name),
		passerelles.FoldForSearch(sk.NameEn), passerelles.FoldForSearch(sk.Description)}
}

// refreshSkillSearch brings the folded search texts of every skill in line with
// passerelles.FoldForSearch: rows written before the folded columns existed, or before a
// change of the folding (a newer Unicode version). It rewrites only the rows that differ,
// so that an up-to-date database costs one read of the skills (a few hundred rows) and no
// write; the triggers re-index what it rewrites.
func (db *DB) refreshSkillSearch(ctx context.Context) error {
	err := db.write(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, code, name, name_en, description,
			search_code, search_name, search_name_en, search_description FROM skills`)
		if err != nil {
			return fmt.Errorf("sqlite: read skill search texts: %w", err)
		}
		type stale struct {
			id   int64
			fold [4]string
		}
		var todo []stale
		for rows.Next() {
			var sk passerelles.Skill
			var cur [4]string
			if err := rows.Scan(&sk.ID, &sk.Code, &sk.Name, &sk.NameEn, &sk.Description, &cur[0], &cur[1], &cur[2], &cur[3]); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: read skill search texts: %w", err)
			}
			if fold := searchTexts(&sk); fold != cur {
				todo = append(todo, stale{sk.ID, fold})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: read skill search texts: %w", err)
		}
		for _, s := range todo {
			if _, err := tx.ExecContext(ctx, `UPDATE skills SET search_code = ?, search_name = ?, search_name_en = ?,
				search_description = ? WHERE id = ?`, s.fold[0], s.fold[1], s.fold[2], s.fold[3], s.id); err != nil {
				return fmt.Errorf("sqlite: refresh skill search texts: %w", err)
			}
		}
		return nil
	})
	return err
}

package passerelles

import (
	"context"
	"regexp"
)

var romePattern = regexp.MustCompile(`^[A-N][0-9]{4}$`)

// RoleFamily tells business roles ("métier") from digital roles ("numérique").
type RoleFamily string

// Role families.
const (
	RoleFamilyBusiness RoleFamily = "BUSINESS"
	RoleFamilyDigital  RoleFamily = "DIGITAL"
)

// Valid reports whether the family is one of the known ones.
func (f RoleFamily) Valid() bool { return f == RoleFamilyBusiness || f == RoleFamilyDigital }

// Role is a job of the ministries (a "métier"), business or digital, with the skills it
// requires.
type Role struct {
	ID             int64
	Code           string
	Title          string
	Family         RoleFamily
	Description    string
	RomeCode       string // ROME code of France Travail's job referential, when known
	RequiredSkills []RequiredSkill
}

// RequiredSkill is a skill a role needs, at a target level, with a weight from 1
// (useful) to 3 (essential).
type RequiredSkill struct {
	SkillID int64
	Level   int
	Weight  int
}

// Validate returns EINVALID when the role is incomplete. Levels are checked against their
// frameworks by the store, which knows them.
func (r *Role) Validate() error {
	if err := ValidateCode("du métier", r.Code); err != nil {
		return err
	}
	if err := ValidateText("L’intitulé du métier", &r.Title, 200, TextRequired); err != nil {
		return err
	}
	if !r.Family.Valid() {
		return Errorf(EINVALID, "La famille de métier doit être BUSINESS ou DIGITAL.")
	}
	if err := ValidateText("La description du métier", &r.Description, 4000, TextMultiLine); err != nil {
		return err
	}
	if r.RomeCode != "" && !romePattern.MatchString(r.RomeCode) {
		return Errorf(EINVALID, "Le code ROME « %s » est invalide (une lettre et quatre chiffres, par exemple M1805).", EchoText(r.RomeCode, 20))
	}
	seen := map[int64]bool{}
	for _, rs := range r.RequiredSkills {
		if seen[rs.SkillID] {
			return Errorf(EINVALID, "Une compétence est requise deux fois par le métier %s.", r.Code)
		}
		seen[rs.SkillID] = true
		if rs.Weight < 1 || rs.Weight > 3 {
			return Errorf(EINVALID, "Le poids d’une compétence requise va de 1 à 3.")
		}
	}
	return nil
}

// RoleFilter selects roles.
type RoleFilter struct {
	IDs    []int64
	Family *RoleFamily
	Page
}

// RoleService reads and maintains the catalogue of roles.
type RoleService interface {
	// FindRoleByCode returns ENOTFOUND if no role has that code.
	FindRoleByCode(ctx context.Context, code string) (*Role, error)

	// FindRoles returns matching roles ordered by code, with their required skills, and the
	// total that match.
	FindRoles(ctx context.Context, filter RoleFilter) ([]*Role, int, error)

	// UpsertRole creates the role or brings the one with the same code in line with it,
	// required skills included, and reports whether anything changed.
	// Returns EFORBIDDEN unless an administrator asks, EINVALID for an invalid role, an
	// unknown skill or a target level the skill's referential does not define.
	UpsertRole(ctx context.Context, r *Role) (changed bool, err error)
}

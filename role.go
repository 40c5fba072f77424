package passerelles

import (
	"context"
	"regexp"
	"strconv"
	"time"
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
	// RetiredAt is when an administrator retired the role (zero while in use). A retired
	// role stays for history — agents who hold it, target it or held it keep it, shown as
	// « métier retiré » — but is left out of closest roles, paths and new targets. Roles are
	// retired, never deleted.
	RetiredAt time.Time
}

// Retired reports whether the role was retired.
func (r *Role) Retired() bool { return !r.RetiredAt.IsZero() }

// MaxRequiredSkills is how many skills a role requires at most: the GraphQL cost model
// prices Role.requiredSkills by what the catalogue holds, and a form lists them all.
const MaxRequiredSkills = 20

// RequiredSkill is a skill a role needs, at a target level, with a weight from 1
// (useful) to 3 (essential).
type RequiredSkill struct {
	SkillID int64
	Level   int
	Weight  int
}

// Validate returns EINVALID when the role is incomplete, naming the input field at fault.
// Levels are checked against their frameworks by the store, which knows them.
func (r *Role) Validate() error {
	if err := ValidateCode("du métier", r.Code); err != nil {
		return WithField("code", err)
	}
	if err := ValidateText("L’intitulé du métier", &r.Title, 200, TextRequired); err != nil {
		return WithField("title", err)
	}
	if !r.Family.Valid() {
		return WithField("family", Errorf(EINVALID, "La famille de métier doit être BUSINESS (métier) ou DIGITAL (numérique)."))
	}
	if err := ValidateText("La description du métier", &r.Description, 4000, TextMultiLine); err != nil {
		return WithField("description", err)
	}
	if r.RomeCode != "" && !romePattern.MatchString(r.RomeCode) {
		return WithField("romeCode", Errorf(EINVALID, "Le code ROME « %s » est invalide (une lettre et quatre chiffres, par exemple M1805).", EchoText(r.RomeCode, 20)))
	}
	if len(r.RequiredSkills) > MaxRequiredSkills {
		return WithField("requiredSkills", Errorf(EINVALID, "Un métier requiert au plus %d compétences.", MaxRequiredSkills))
	}
	seen := map[int64]bool{}
	for i, rs := range r.RequiredSkills {
		field := "requiredSkills." + strconv.Itoa(i)
		if seen[rs.SkillID] {
			return WithField(field+".skillId", Errorf(EINVALID, "Une compétence est requise deux fois par le métier %s.", r.Code))
		}
		seen[rs.SkillID] = true
		if rs.Weight < 1 || rs.Weight > 3 {
			return WithField(field+".weight", Errorf(EINVALID, "Le poids d’une compétence requise va de 1 (utile) à 3 (essentielle)."))
		}
	}
	return nil
}

// CheckNewTarget returns EINVALID when r may not become a new target role of an agent:
// a retired role is kept by the agents who already aim at it, never chosen anew.
func CheckNewTarget(r *Role) error {
	if r.Retired() {
		return Errorf(EINVALID, "Le métier « %s » est retiré du catalogue : il ne peut plus être choisi comme métier visé.", r.Title)
	}
	return nil
}

// RoleFilter selects roles.
type RoleFilter struct {
	IDs    []int64
	Family *RoleFamily
	// Retired, when set, keeps only the retired roles (true) or only the roles in use
	// (false); nil keeps both.
	Retired *bool
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
	// required skills included, and reports whether anything changed: the referential
	// files' loader. It leaves alone a role an administrator changed (CreateRole,
	// UpdateRole, RetireRole, an import), so that a restart never undoes their edit, and
	// never changes whether a role is retired.
	// Returns EFORBIDDEN unless an administrator asks, EINVALID for an invalid role, an
	// unknown skill or a target level the skill's referential does not define.
	UpsertRole(ctx context.Context, r *Role) (changed bool, err error)

	// CreateRole adds r to the catalogue, with its required skills, and records it in the
	// audit log. Returns EFORBIDDEN unless an administrator asks, EINVALID for an invalid
	// role, an unknown skill or a target level the skill's referential does not define,
	// ECONFLICT when the code is taken.
	CreateRole(ctx context.Context, r *Role) error

	// UpdateRole replaces the title, family, description, ROME code and required skills of
	// the role with r.Code (the code itself never changes: it is the role's key in files and
	// links) and records it. Returns ENOTFOUND for an unknown code and the errors of
	// CreateRole.
	UpdateRole(ctx context.Context, r *Role) (*Role, error)

	// RetireRole retires the role (retired true) or brings it back, and records it;
	// retiring a retired role changes nothing. Returns EFORBIDDEN unless an administrator
	// asks, ENOTFOUND for an unknown code.
	RetireRole(ctx context.Context, code string, retired bool) (*Role, error)
}

package passerelles

import (
	"context"
	"slices"
)

// Skill is a competence of a framework (Pix "1.1", e-CF "B.1", or a custom one).
type Skill struct {
	ID          int64
	FrameworkID int64
	DomainID    int64
	Code        string
	Name        string // French label, exactly as the referential says
	NameEn      string // English label when the referential has one (e-CF)
	Description string
	// DefinedLevels lists the levels of the framework's scale at which the referential
	// defines the skill (e-CF defines each competence at some of e-1…e-5 only). Empty means
	// every level of the scale.
	DefinedLevels []int
	Position      int
}

// Validate returns EINVALID when the skill is incomplete or its levels fall off the scale
// of framework f (which must be the skill's framework).
func (s *Skill) Validate(f *Framework) error {
	if err := ValidateCode("de la compétence", s.Code); err != nil {
		return err
	}
	if err := ValidateText("Le nom de la compétence", &s.Name, 300, TextRequired); err != nil {
		return err
	}
	if err := ValidateText("Le nom anglais de la compétence", &s.NameEn, 300, 0); err != nil {
		return err
	}
	if err := ValidateText("La description de la compétence", &s.Description, 4000, TextMultiLine); err != nil {
		return err
	}
	for i, v := range s.DefinedLevels {
		if _, ok := f.Level(v); !ok {
			return Errorf(EINVALID, "La compétence %s est définie au niveau %d, absent de l’échelle du référentiel %s.", s.Code, v, f.Code)
		}
		if i > 0 && v <= s.DefinedLevels[i-1] {
			return Errorf(EINVALID, "Les niveaux de la compétence %s doivent être croissants et sans doublon.", s.Code)
		}
	}
	return nil
}

// HasLevel reports whether the referential defines the skill at that level value.
func (s *Skill) HasLevel(f *Framework, value int) bool {
	if _, ok := f.Level(value); !ok {
		return false
	}
	return len(s.DefinedLevels) == 0 || slices.Contains(s.DefinedLevels, value)
}

// SkillFilter selects skills. Every field set narrows the selection.
type SkillFilter struct {
	IDs           []int64
	DomainIDs     []int64
	FrameworkCode *string
	DomainCode    *string
	// Search is free text matched against code, labels and description, accents and case
	// ignored, each word as a prefix. Any text is safe here.
	Search *string
	Page
}

// SkillService reads and maintains the skills of the referentials.
type SkillService interface {
	// FindSkillByID returns ENOTFOUND if the skill does not exist.
	FindSkillByID(ctx context.Context, id int64) (*Skill, error)

	// FindSkillByCode returns ENOTFOUND if the framework has no skill with that code.
	FindSkillByCode(ctx context.Context, frameworkCode, code string) (*Skill, error)

	// FindSkills returns the matching skills (by relevance when searching, else in
	// referential order) and how many match in all.
	FindSkills(ctx context.Context, filter SkillFilter) ([]*Skill, int, error)

	// UpsertSkill creates the skill of framework frameworkCode in domain domainCode, or
	// brings the existing one with the same code in line with it, and reports whether
	// anything changed. Returns EFORBIDDEN unless an administrator asks, ENOTFOUND for an
	// unknown framework, EINVALID for an unknown domain or an invalid skill.
	UpsertSkill(ctx context.Context, frameworkCode, domainCode string, s *Skill) (changed bool, err error)
}

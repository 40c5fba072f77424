package passerelles

import (
	"context"
	"regexp"
)

// Framework is a skills referential with its own level scale: Pix for the digital literacy
// of every agent, e-CF for the digital professions, or one an administrator adds.
type Framework struct {
	ID          int64
	Code        string
	Name        string
	Description string
	Levels      []Level  // the scale, ordered by value
	Domains     []Domain // ordered by position
}

// Level is one step of a framework's scale.
type Level struct {
	Value       int    // 1, 2, …; what agent skills store
	Code        string // what people read: "3" for Pix, "e-3" for e-CF
	Label       string
	Description string
}

// Domain groups the skills of a framework (a Pix domain, an e-CF area).
type Domain struct {
	ID          int64
	FrameworkID int64
	Code        string
	Name        string
	Position    int
}

var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]{0,39}$`)

// ValidateCode returns EINVALID unless code is a short identifier (letters, digits, . _ + -).
func ValidateCode(what, code string) error {
	if !codePattern.MatchString(code) {
		return Errorf(EINVALID, "Le code %s « %s » est invalide : 1 à 40 lettres, chiffres, points, tirets ou soulignés.", what, EchoText(code, 40))
	}
	return nil
}

// Validate returns EINVALID when the framework is incomplete or inconsistent: a scale must
// have consecutive values from 1 and unique codes, domains unique codes.
func (f *Framework) Validate() error {
	if err := ValidateCode("du référentiel", f.Code); err != nil {
		return err
	}
	if err := ValidateText("Le nom du référentiel", &f.Name, 200, TextRequired); err != nil {
		return err
	}
	if err := ValidateText("La description du référentiel", &f.Description, 4000, TextMultiLine); err != nil {
		return err
	}
	if len(f.Levels) == 0 || len(f.Levels) > 20 {
		return Errorf(EINVALID, "Le référentiel %s doit avoir entre 1 et 20 niveaux.", f.Code)
	}
	codes := map[string]bool{}
	for i := range f.Levels {
		l := &f.Levels[i]
		if l.Value != i+1 {
			return Errorf(EINVALID, "Les niveaux du référentiel %s doivent se suivre à partir de 1.", f.Code)
		}
		if err := ValidateText("Le code du niveau", &l.Code, 20, TextRequired); err != nil {
			return err
		}
		if codes[l.Code] {
			return Errorf(EINVALID, "Le code de niveau « %s » est en double.", l.Code)
		}
		codes[l.Code] = true
		if err := ValidateText("Le libellé du niveau", &l.Label, 100, TextRequired); err != nil {
			return err
		}
		if err := ValidateText("La description du niveau", &l.Description, 2000, TextMultiLine); err != nil {
			return err
		}
	}
	domains := map[string]bool{}
	for i := range f.Domains {
		d := &f.Domains[i]
		if err := ValidateCode("du domaine", d.Code); err != nil {
			return err
		}
		if domains[d.Code] {
			return Errorf(EINVALID, "Le domaine « %s » est en double.", d.Code)
		}
		domains[d.Code] = true
		if err := ValidateText("Le nom du domaine", &d.Name, 200, TextRequired); err != nil {
			return err
		}
	}
	return nil
}

// Level returns the level of the scale with that value, if any.
func (f *Framework) Level(value int) (Level, bool) {
	if value < 1 || value > len(f.Levels) {
		return Level{}, false
	}
	return f.Levels[value-1], true
}

// Domain returns the framework's domain with that code, if any.
func (f *Framework) Domain(code string) (Domain, bool) {
	for _, d := range f.Domains {
		if d.Code == code {
			return d, true
		}
	}
	return Domain{}, false
}

// FrameworkFilter selects frameworks.
type FrameworkFilter struct {
	IDs []int64
	Page
}

// FrameworkService reads and maintains the referentials.
type FrameworkService interface {
	// FindFrameworkByCode returns the framework with its scale and domains.
	// Returns ENOTFOUND if no framework has that code.
	FindFrameworkByCode(ctx context.Context, code string) (*Framework, error)

	// FindFrameworks returns the frameworks ordered by code, with their scale and domains,
	// and the total number that match the filter.
	FindFrameworks(ctx context.Context, filter FrameworkFilter) ([]*Framework, int, error)

	// UpsertFramework creates the framework, or brings the one with the same code in line
	// with it (name, description, scale, domains; domains absent from f are kept). It reports
	// whether anything changed, so that loading the same referential twice changes no row.
	// Returns EUNAUTHENTICATED/EFORBIDDEN unless an administrator asks, EINVALID if f is
	// invalid, EINVALID when a level still used by a declaration would disappear.
	UpsertFramework(ctx context.Context, f *Framework) (changed bool, err error)
}

package passerelles

import (
	"context"
	"strings"
)

// Region is a French region, overseas ones included.
type Region struct {
	ID   int64
	Code string
	Name string
}

// Validate returns EINVALID when the region has no valid code or name.
func (r *Region) Validate() error {
	if err := ValidateCode("de la région", r.Code); err != nil {
		return err
	}
	return ValidateText("Le nom de la région", &r.Name, 300, TextRequired)
}

// Ministry is one of the social ministries, or their shared services.
type Ministry struct {
	ID   int64
	Code string
	Name string
}

// Validate returns EINVALID when the ministry has no valid code or name.
func (m *Ministry) Validate() error {
	if err := ValidateCode("du ministère", m.Code); err != nil {
		return err
	}
	return ValidateText("Le nom du ministère", &m.Name, 300, TextRequired)
}

// OrganisationType is the kind of entity an agent works in.
type OrganisationType string

// Organisation types.
const (
	OrganisationCentral  OrganisationType = "CENTRAL"  // central administration directorate
	OrganisationDREETS   OrganisationType = "DREETS"   // regional directorate (DEETS overseas)
	OrganisationDDETS    OrganisationType = "DDETS"    // departmental directorate (DDETS, DDETS-PP)
	OrganisationARS      OrganisationType = "ARS"      // regional health agency
	OrganisationOperator OrganisationType = "OPERATOR" // public operator (France Travail …)
)

// Valid reports whether the type is one of the known ones.
func (t OrganisationType) Valid() bool {
	switch t {
	case OrganisationCentral, OrganisationDREETS, OrganisationDDETS, OrganisationARS, OrganisationOperator:
		return true
	}
	return false
}

// Organisation is an entity of the ministries where agents work.
type Organisation struct {
	ID         int64
	Code       string
	Name       string
	Type       OrganisationType
	MinistryID int64
	RegionID   int64 // 0 when national
}

// Validate returns EINVALID when the organisation is incomplete.
func (o *Organisation) Validate() error {
	if err := ValidateCode("de l’organisation", o.Code); err != nil {
		return err
	}
	if err := ValidateText("Le nom de l’organisation", &o.Name, 300, TextRequired); err != nil {
		return err
	}
	if !o.Type.Valid() {
		return Errorf(EINVALID, "Le type d’organisation « %s » est inconnu.", EchoText(string(o.Type), 20))
	}
	if o.MinistryID == 0 {
		return Errorf(EINVALID, "Une organisation relève d’un ministère.")
	}
	return nil
}

// Grade is a category of the civil service (A+, A, B, C) or the contract status.
type Grade struct {
	Code     string
	Label    string
	Position int
}

// Validate returns EINVALID when the grade has no code or label.
func (g *Grade) Validate() error {
	if err := ValidateText("Le code du grade", &g.Code, 20, TextRequired); err != nil {
		return err
	}
	return ValidateText("Le libellé du grade", &g.Label, 100, TextRequired)
}

// OrganisationFilter selects organisations.
type OrganisationFilter struct {
	IDs          []int64
	MinistryCode *string
	Type         *OrganisationType
	RegionCode   *string
	Page
}

// OrganisationService reads and maintains regions, ministries, organisations and grades.
type OrganisationService interface {
	// FindRegions returns regions ordered by name, and their total; ids narrow when set.
	FindRegions(ctx context.Context, ids []int64, page Page) ([]*Region, int, error)
	// FindMinistries returns ministries ordered by code, and their total; ids narrow when set.
	FindMinistries(ctx context.Context, ids []int64, page Page) ([]*Ministry, int, error)
	// FindOrganisations returns matching organisations ordered by type then name.
	FindOrganisations(ctx context.Context, filter OrganisationFilter) ([]*Organisation, int, error)
	// FindGrades returns every grade in display order.
	FindGrades(ctx context.Context) ([]*Grade, error)

	// UpsertRegion, UpsertMinistry, UpsertOrganisation and UpsertGrade create or update by
	// code and report whether anything changed. They return EFORBIDDEN unless an
	// administrator asks and EINVALID for invalid input; UpsertOrganisation fills
	// MinistryID and RegionID from the codes given.
	UpsertRegion(ctx context.Context, r *Region) (bool, error)
	UpsertMinistry(ctx context.Context, m *Ministry) (bool, error)
	UpsertOrganisation(ctx context.Context, o *Organisation, ministryCode, regionCode string) (bool, error)
	UpsertGrade(ctx context.Context, g *Grade) (bool, error)
}

// MatchOrganisationLabel returns the id of the organisation an identity provider designates
// by its label (ProConnect's organization_label) or code, 0 when none does. Labels are
// compared folded as search folds them (case, accents, compatibility forms), with every kind
// of apostrophe taken as one and runs of spaces as one: « DIRECTION GÉNÉRALE DU TRAVAIL » and
// « de l'évaluation » designate the referential's « Direction générale du travail » and
// « de l’évaluation ». The first organisation in orgs wins a tie.
func MatchOrganisationLabel(label string, orgs []*Organisation) int64 {
	want := foldLabel(label)
	if want == "" {
		return 0
	}
	code := strings.TrimSpace(label)
	for _, o := range orgs {
		if o.Code == code || foldLabel(o.Name) == want {
			return o.ID
		}
	}
	return 0
}

// foldLabel folds an organisation's name for MatchOrganisationLabel.
func foldLabel(s string) string {
	return strings.Join(strings.Fields(apostrophes.Replace(FoldForSearch(s))), " ")
}

// apostrophes are the characters people and systems write for an apostrophe.
var apostrophes = strings.NewReplacer("’", "'", "ʼ", "'", "‘", "'", "`", "'", "´", "'", "′", "'")

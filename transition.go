package passerelles

import "context"

// TransitionKind says how far apart two roles are, as France Travail's ROME does.
type TransitionKind string

// Transition kinds.
const (
	TransitionKindClose     TransitionKind = "CLOSE"     // "mobilité proche"
	TransitionKindPromotion TransitionKind = "PROMOTION" // "mobilité si évolution"
	// TransitionKindReconversion is a change of trade: most required skills are new, as
	// from a business role to a digital one or back.
	TransitionKindReconversion TransitionKind = "RECONVERSION" // "reconversion"
)

// Valid reports whether the kind is one of the known ones.
func (k TransitionKind) Valid() bool {
	return k == TransitionKindClose || k == TransitionKindPromotion || k == TransitionKindReconversion
}

// Transition is a bridge from one role to another, business to digital or back.
type Transition struct {
	ID                    int64
	FromRoleID            int64
	ToRoleID              int64
	Kind                  TransitionKind
	TypicalDurationMonths int // 0 when unknown
	Helps                 string
}

// Validate returns EINVALID when the transition is incomplete or loops on one role.
func (t *Transition) Validate() error {
	if t.FromRoleID == 0 || t.ToRoleID == 0 {
		return Errorf(EINVALID, "Une passerelle relie deux métiers existants.")
	}
	if t.FromRoleID == t.ToRoleID {
		return Errorf(EINVALID, "Une passerelle relie deux métiers différents.")
	}
	if !t.Kind.Valid() {
		return Errorf(EINVALID, "Le type de passerelle doit être CLOSE, PROMOTION ou RECONVERSION.")
	}
	if t.TypicalDurationMonths < 0 || t.TypicalDurationMonths > 120 {
		return Errorf(EINVALID, "La durée typique d’une passerelle va de 0 à 120 mois.")
	}
	return ValidateText("Ce qui aide", &t.Helps, 4000, TextMultiLine)
}

// TransitionFilter selects transitions.
type TransitionFilter struct {
	FromRoleIDs []int64
	ToRoleIDs   []int64
	Kind        *TransitionKind
	Page
}

// TransitionService reads and maintains the career paths between roles.
type TransitionService interface {
	// FindTransitions returns the matching transitions ordered by origin then destination
	// code, and the total that match.
	FindTransitions(ctx context.Context, filter TransitionFilter) ([]*Transition, int, error)

	// UpsertTransition creates the transition or updates the one between the same roles,
	// and reports whether anything changed. Returns EFORBIDDEN unless an administrator asks,
	// EINVALID for an invalid transition or unknown roles.
	UpsertTransition(ctx context.Context, t *Transition) (changed bool, err error)
}

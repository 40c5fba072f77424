package passerelles

import (
	"context"
	"time"
)

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
	// Description says what the move is, in French; Helps what helps to make it.
	Description string
	Helps       string
	// RetiredAt is when an administrator retired the transition (zero while in use): it
	// stays for history but leaves paths and role pages.
	RetiredAt time.Time
}

// Retired reports whether the transition was retired.
func (t *Transition) Retired() bool { return !t.RetiredAt.IsZero() }

// Validate returns EINVALID when the transition is incomplete or loops on one role,
// naming the input field at fault.
func (t *Transition) Validate() error {
	if t.FromRoleID == 0 || t.ToRoleID == 0 {
		return Errorf(EINVALID, "Une passerelle relie deux métiers existants.")
	}
	if t.FromRoleID == t.ToRoleID {
		return WithField("toRoleCode", Errorf(EINVALID, "Une passerelle relie deux métiers différents."))
	}
	if !t.Kind.Valid() {
		return WithField("kind", Errorf(EINVALID, "Le type de passerelle doit être CLOSE (mobilité proche), PROMOTION (si évolution) ou RECONVERSION."))
	}
	if t.TypicalDurationMonths < 0 || t.TypicalDurationMonths > 120 {
		return WithField("typicalDurationMonths", Errorf(EINVALID, "La durée typique d’une passerelle va de 0 à 120 mois."))
	}
	if err := ValidateText("La description de la passerelle", &t.Description, 4000, TextMultiLine); err != nil {
		return WithField("description", err)
	}
	return WithField("helps", ValidateText("Ce qui aide", &t.Helps, 4000, TextMultiLine))
}

// CheckNewTransition returns EINVALID when a transition from one role to the other may not
// be created or brought back: no path leads to or from a retired role.
func CheckNewTransition(from, to *Role) error {
	if from.Retired() {
		return WithField("fromRoleCode", Errorf(EINVALID, "Le métier « %s » est retiré du catalogue : aucune nouvelle passerelle n’en part.", from.Code))
	}
	if to.Retired() {
		return WithField("toRoleCode", Errorf(EINVALID, "Le métier « %s » est retiré du catalogue : aucune nouvelle passerelle n’y mène.", to.Code))
	}
	return nil
}

// TransitionFilter selects transitions.
type TransitionFilter struct {
	FromRoleIDs []int64
	ToRoleIDs   []int64
	Kind        *TransitionKind
	// IncludeRetired keeps the retired transitions and those of a retired role; without
	// it, only the paths one may still take are listed.
	IncludeRetired bool
	Page
}

// TransitionService reads and maintains the career paths between roles.
type TransitionService interface {
	// FindTransitions returns the matching transitions ordered by origin then destination
	// code, and the total that match.
	FindTransitions(ctx context.Context, filter TransitionFilter) ([]*Transition, int, error)

	// UpsertTransition creates the transition or updates the one between the same roles,
	// and reports whether anything changed: the referential files' loader. It leaves alone
	// a transition an administrator changed or retired. Returns EFORBIDDEN unless an
	// administrator asks, EINVALID for an invalid transition or unknown roles.
	UpsertTransition(ctx context.Context, t *Transition) (changed bool, err error)

	// CreateTransition adds a transition between two roles and records it in the audit
	// log. Returns EFORBIDDEN unless an administrator asks, EINVALID for an invalid
	// transition or one from or to a retired role (CheckNewTransition), ECONFLICT when the
	// two roles are already linked in that direction.
	CreateTransition(ctx context.Context, t *Transition) error

	// UpdateTransition replaces the kind, typical duration, description and what helps of
	// the transition t.ID (its two roles stay: another pair is another transition) and
	// records it. Returns ENOTFOUND for an unknown transition and the errors of
	// CreateTransition.
	UpdateTransition(ctx context.Context, t *Transition) (*Transition, error)

	// RetireTransition retires the transition (retired true) or brings it back (not when
	// one of its roles is retired), and records it. Returns EFORBIDDEN unless an
	// administrator asks, ENOTFOUND for an unknown transition, EINVALID as CheckNewTransition.
	RetireTransition(ctx context.Context, id int64, retired bool) (*Transition, error)
}

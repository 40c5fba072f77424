package passerelles

import (
	"context"
	"time"
)

// ValidationStatus compares the declared level with the level a manager validated.
type ValidationStatus string

// Validation statuses.
const (
	NotValidated   ValidationStatus = "NOT_VALIDATED"   // no manager looked at it yet
	Validated      ValidationStatus = "VALIDATED"       // validated at the declared level
	ValidatedLower ValidationStatus = "VALIDATED_LOWER" // a manager set a lower level
	AboveValidated ValidationStatus = "ABOVE_VALIDATED" // declared since above the validated level: not yet validated
)

// Status tells where the declaration stands against its validation: a declaration at or
// below the validated level is validated; above it, it is either a manager's lower
// validation (the declaration has not changed since) or a later declaration not yet
// validated.
func (d *DeclaredSkill) Status() ValidationStatus {
	switch {
	case d.ValidatedLevel == 0:
		return NotValidated
	case d.Level <= d.ValidatedLevel:
		return Validated
	case d.UpdatedAt.After(d.ValidatedAt):
		return AboveValidated
	default:
		return ValidatedLower
	}
}

// Endorsement is an agent vouching for another agent's skill.
type Endorsement struct {
	EndorserID int64
	CreatedAt  time.Time
}

// ReviewService keeps validations by managers and endorsements by peers (part of
// ProfileService, whose rules of visibility and recorded views it follows).
type ReviewService interface {
	// ValidateSkill records the level a manager validates for an agent's declared skill
	// (the declared one, or another with a comment). Returns EFORBIDDEN unless a manager
	// asks, and for one's own skills; ENOTFOUND when the profile is not visible to them or
	// the skill not declared;
	// EINVALID for a level off the skill's scale or a missing comment when the level differs.
	ValidateSkill(ctx context.Context, agentID, skillID int64, level int, comment string) (*DeclaredSkill, error)

	// EndorseSkill vouches, as the signed-in agent, for another agent's declared skill.
	// Returns EINVALID for one's own skill, ECONFLICT when already endorsed, ENOTFOUND when
	// the profile is not visible or the skill not declared.
	EndorseSkill(ctx context.Context, agentID, skillID int64) error

	// FindEndorsements returns the endorsements of a declared skill whose endorsers the
	// viewer may see, and the total count.
	FindEndorsements(ctx context.Context, agentID, skillID int64) ([]Endorsement, int, error)

	// FindAllEndorsements returns, by agent then by skill, the endorsements of the skills
	// of the agents of agentIDs whose endorsers the viewer may see, newest first (counts
	// are on DeclaredSkill): one call, and a constant number of statements, for a whole
	// list of profiles. Agents whose profile the viewer may not see are left out.
	FindAllEndorsements(ctx context.Context, agentIDs []int64) (map[int64]map[int64][]Endorsement, error)
}

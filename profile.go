package passerelles

import (
	"context"
	"strings"
	"time"
)

// Limits of what an agent writes about themselves.
const (
	MaxBioLength         = 1000
	MaxEvidenceText      = 500
	MaxValidationComment = 500
	MaxPixScore          = 1024
)

// EvidenceKind says what backs a declared skill.
type EvidenceKind string

// Evidence kinds.
const (
	EvidenceExperience    EvidenceKind = "EXPERIENCE"
	EvidenceTraining      EvidenceKind = "TRAINING"
	EvidenceCertification EvidenceKind = "CERTIFICATION" // e.g. a Pix certification and its score
)

// Evidence backs a declared skill: an experience, a training, a certification.
type Evidence struct {
	ID          int64
	Kind        EvidenceKind
	Title       string
	Description string
	Score       *int       // Pix certification score, 0…1024
	ObtainedOn  *time.Time // a date, never in the future
	URL         string     // optional link (https or http)
}

// Validate returns EINVALID for an unknown kind, a text that ValidateText refuses, a
// score off 0…1024, a date before EarliestDate or in the future (now is today) or a link
// that ValidateLink refuses. It normalises the texts it accepts.
func (e *Evidence) Validate(now time.Time) error {
	switch e.Kind {
	case EvidenceExperience, EvidenceTraining, EvidenceCertification:
	default:
		return Errorf(EINVALID, "Le type de justificatif doit être une expérience, une formation ou une certification.")
	}
	if err := ValidateText("Le titre du justificatif", &e.Title, 200, TextRequired); err != nil {
		return err
	}
	if err := ValidateText("La description du justificatif", &e.Description, MaxEvidenceText, TextMultiLine); err != nil {
		return err
	}
	if e.Score != nil && (*e.Score < 0 || *e.Score > MaxPixScore) {
		return Errorf(EINVALID, "Le score de certification Pix va de 0 à %d.", MaxPixScore)
	}
	if e.ObtainedOn != nil {
		if err := ValidateDate("La date d’obtention", *e.ObtainedOn, now); err != nil {
			return err
		}
	}
	return ValidateLink("Le lien du justificatif", &e.URL, 500)
}

// DeclaredSkill is a skill on an agent's profile, as its readers see it.
type DeclaredSkill struct {
	AgentSkill
	Evidence       []Evidence
	ValidatedLevel int   // 0 when no manager validated it
	ValidatedBy    int64 // 0 once the validating manager's account was erased
	// ValidatedByName is the validating manager's name, given only to whom KnowsWhoActed
	// (the agent), whatever the manager's own visibility.
	ValidatedByName   string
	ValidatedAt       time.Time
	ValidationComment string
	EndorsementCount  int
	EndorsedByViewer  bool
	DeclaredAt        time.Time
	UpdatedAt         time.Time
}

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

// Profile is an agent's profile with the lists that complete it.
type Profile struct {
	Agent             *Agent
	Skills            []DeclaredSkill
	HiddenFrom        []int64 // organisations the agent hides from (owner only)
	MobilityFamilies  []RoleFamily
	MobilityRegionIDs []int64
	TargetRoleIDs     []int64
	VisibilityChosen  bool // the agent chose explicitly (onboarding ends with that choice)
	// Shown says which restricted parts the reader of the profile reads (SeeProfile);
	// the others are blank.
	Shown ProfileFields
}

// ProfileUpdate holds what an agent completes about themselves; nil fields stay as they are.
type ProfileUpdate struct {
	OrganisationID    *int64
	RegionID          *int64
	GradeCode         *string
	CurrentRoleID     *int64
	Bio               *string
	OpenToMobility    *bool
	MobilityFamilies  *[]RoleFamily
	MobilityRegionIDs *[]int64
	TargetRoleIDs     *[]int64
	WillingToMentor   *bool
	Visibility        *Visibility
	HiddenFrom        *[]int64
}

// Validate returns EINVALID for a bio or grade code that ValidateText refuses (and
// normalises the ones it accepts), an unknown family or visibility, or too many targets.
// References are checked by the store.
func (u *ProfileUpdate) Validate() error {
	if u.Bio != nil {
		if err := ValidateText("La présentation", u.Bio, MaxBioLength, TextMultiLine); err != nil {
			return err
		}
	}
	if u.GradeCode != nil {
		if err := ValidateText("Le code du grade", u.GradeCode, 20, 0); err != nil {
			return err
		}
	}
	if u.MobilityFamilies != nil {
		for _, f := range *u.MobilityFamilies {
			if !f.Valid() {
				return Errorf(EINVALID, "La famille de métiers doit être BUSINESS ou DIGITAL.")
			}
		}
	}
	if u.Visibility != nil && !u.Visibility.Valid() {
		return Errorf(EINVALID, "La visibilité doit être PRIVATE, MANAGERS ou ALL_AGENTS.")
	}
	for what, ids := range map[string]*[]int64{"métiers visés": u.TargetRoleIDs, "régions": u.MobilityRegionIDs, "organisations masquées": u.HiddenFrom} {
		if ids != nil && len(*ids) > 20 {
			return Errorf(EINVALID, "Vous pouvez choisir 20 %s au plus.", what)
		}
	}
	return nil
}

// SkillDeclaration is what an agent says of one of their skills.
type SkillDeclaration struct {
	SkillID        int64
	Level          int
	CurrentUse     bool
	WantsToDevelop bool
	Evidence       []Evidence // replaces the skill's evidence when not nil
}

// Validate returns EINVALID for a missing skill, a level below 1, too many pieces of
// evidence or an invalid one. The level against the skill's scale is checked by the store.
func (d *SkillDeclaration) Validate(now time.Time) error {
	if d.SkillID <= 0 {
		return Errorf(EINVALID, "Choisissez une compétence.")
	}
	if d.Level < 1 {
		return Errorf(EINVALID, "Choisissez un niveau.")
	}
	if len(d.Evidence) > 10 {
		return Errorf(EINVALID, "Une compétence a 10 justificatifs au plus.")
	}
	for i := range d.Evidence {
		if err := d.Evidence[i].Validate(now); err != nil {
			return err
		}
	}
	return nil
}

// SkillChange is the kind of a version in a skill's history.
type SkillChange string

// Skill changes.
const (
	SkillDeclared  SkillChange = "DECLARED"
	SkillUpdated   SkillChange = "UPDATED"
	SkillValidated SkillChange = "VALIDATED"
	SkillRemoved   SkillChange = "REMOVED"
)

// SkillVersion is one version of a declaration, valid from ValidFrom until ValidTo (zero
// for the version in force).
type SkillVersion struct {
	Version        int
	Change         SkillChange
	Level          int
	CurrentUse     bool
	WantsToDevelop bool
	TopRank        int
	ValidatedLevel int
	Comment        string
	ChangedBy      int64  // 0 once the author's account was erased
	ChangedByName  string // the author's name, given only to whom KnowsWhoActed (the agent)
	ValidFrom      time.Time
	ValidTo        time.Time
}

// Endorsement is an agent vouching for another agent's skill.
type Endorsement struct {
	EndorserID int64
	CreatedAt  time.Time
}

// ProfileView is a visit of a manager or administrator to an agent's profile. The agent
// always learns who looked at their data (name and organisation), whatever the visibility
// of the viewer's own profile.
type ProfileView struct {
	ViewerID           int64 // 0 when the viewer's account was erased
	ViewerName         string
	ViewerOrganisation string
	At                 time.Time
}

// ErasureConfirmation is the word a person types to confirm the erasure of their account.
const ErasureConfirmation = "SUPPRIMER"

// CheckErasureConfirmation returns EINVALID unless word, spaces around it aside, is
// ErasureConfirmation: an erasure cannot be undone, so the person says it twice.
func CheckErasureConfirmation(word string) error {
	if strings.TrimSpace(word) != ErasureConfirmation {
		return Errorf(EINVALID, "Pour confirmer, saisissez %s.", ErasureConfirmation)
	}
	return nil
}

// SkillVersionsShown is how many versions of one skill's history a read for display
// returns: the latest ones. The history itself keeps every version and the export gives
// them all, but a person can add versions without end (each change of a declaration or of
// the top-skill order adds one), so a read of a profile must not grow with them.
const SkillVersionsShown = 10

// ProfileService keeps agents' profiles. Every read applies CanSeeProfile; a profile the
// viewer may not see is reported as not found, so that its existence does not leak. Every
// method that reads or acts on someone else's profile records a view of it when
// RecordsView says so, once the profile is found visible, whether the method then succeeds
// or refuses (a refusal answers about the profile too).
type ProfileService interface {
	// FindProfile returns the profile of agentID. A manager's or administrator's view of
	// someone else's profile is recorded in the audit log. Returns EUNAUTHENTICATED for an
	// anonymous request, ENOTFOUND when the agent does not exist or is not visible.
	FindProfile(ctx context.Context, agentID int64) (*Profile, error)

	// FindProfiles returns the profiles among ids that the viewer may see (for nested lists:
	// community members, endorsers, mentors); a manager's or administrator's reads are
	// recorded as views, as with FindProfile.
	FindProfiles(ctx context.Context, ids []int64) (map[int64]*Profile, error)

	// UpdateProfile changes the signed-in agent's own profile. Returns EINVALID for an
	// invalid update or an unknown organisation, region, grade or role.
	UpdateProfile(ctx context.Context, upd ProfileUpdate) (*Profile, error)

	// DeclareSkill adds or changes a skill of the signed-in agent and keeps the previous
	// version in the history. Returns EINVALID for an unknown skill, a level the skill's
	// referential does not define, or invalid evidence; nothing is written then.
	DeclareSkill(ctx context.Context, d SkillDeclaration) (*DeclaredSkill, error)

	// RemoveSkill removes a skill of the signed-in agent (its history keeps it). Returns
	// ENOTFOUND when the agent did not declare it.
	RemoveSkill(ctx context.Context, skillID int64) error

	// RankTopSkills makes skillIDs, in order, the agent's top skills (at most MaxTopSkills,
	// each declared). Returns EINVALID otherwise.
	RankTopSkills(ctx context.Context, skillIDs []int64) error

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

	// FindSkillHistory returns the latest SkillVersionsShown versions of a skill of agentID,
	// oldest first, to whoever may see the profile. Returns ENOTFOUND otherwise.
	FindSkillHistory(ctx context.Context, agentID, skillID int64) ([]SkillVersion, error)

	// FindSkillHistories returns, by agent then by skill, the latest SkillVersionsShown
	// versions of every skill the agents of agentIDs declared (removed ones included): one
	// call, and a constant number of statements, for a whole list of profiles. Agents whose
	// profile the viewer may not see are left out.
	FindSkillHistories(ctx context.Context, agentIDs []int64) (map[int64]map[int64][]SkillVersion, error)

	// FindAllEndorsements returns, by agent then by skill, the endorsements of the skills
	// of the agents of agentIDs whose endorsers the viewer may see, newest first (counts
	// are on DeclaredSkill): one call, and a constant number of statements, for a whole
	// list of profiles. Agents whose profile the viewer may not see are left out.
	FindAllEndorsements(ctx context.Context, agentIDs []int64) (map[int64]map[int64][]Endorsement, error)

	// FindProfileViews returns who viewed the signed-in agent's profile, newest first.
	FindProfileViews(ctx context.Context, page Page) ([]ProfileView, int, error)

	// ExportMyData returns everything stored about the signed-in agent, in the export
	// format (DataExport). Returns EUNAUTHENTICATED for an anonymous request.
	ExportMyData(ctx context.Context) (*DataExport, error)

	// DeleteMyAccount erases the signed-in agent: their profile, declarations and their
	// history, evidence, endorsements given and received, memberships, registrations,
	// sessions and search-index rows, leaving no copy of them on disk. Audit entries keep
	// only pseudonyms. confirmation is the word the person typed: EINVALID unless
	// CheckErasureConfirmation accepts it (checked first, nothing is read before). Returns
	// ECONFLICT for the last administrator (KeepAnAdministrator).
	DeleteMyAccount(ctx context.Context, confirmation string) error
}

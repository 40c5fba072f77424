package passerelles

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"
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
		return WithField("kind", Errorf(EINVALID, "Le type de justificatif doit être une expérience, une formation ou une certification."))
	}
	if err := ValidateText("Le titre du justificatif", &e.Title, 200, TextRequired); err != nil {
		return WithField("title", err)
	}
	if err := ValidateText("La description du justificatif", &e.Description, MaxEvidenceText, TextMultiLine); err != nil {
		return WithField("description", err)
	}
	if e.Score != nil && (*e.Score < 0 || *e.Score > MaxPixScore) {
		return WithField("score", Errorf(EINVALID, "Le score de certification Pix va de 0 à %d.", MaxPixScore))
	}
	if e.ObtainedOn != nil {
		if err := ValidateDate("La date d’obtention", *e.ObtainedOn, now); err != nil {
			return WithField("obtainedOn", err)
		}
	}
	return WithField("url", ValidateLink("Le lien du justificatif", &e.URL, 500))
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

// MaxEvidence is how many pieces of evidence back one declared skill at most.
const MaxEvidence = 10

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
		return WithField("skillId", Errorf(EINVALID, "Choisissez une compétence."))
	}
	if d.Level < 1 {
		return WithField("level", Errorf(EINVALID, "Choisissez un niveau."))
	}
	if len(d.Evidence) > MaxEvidence {
		return WithField("evidence", Errorf(EINVALID, "Une compétence a %d justificatifs au plus.", MaxEvidence))
	}
	for i := range d.Evidence {
		if err := d.Evidence[i].Validate(now); err != nil {
			return WithField("evidence."+strconv.Itoa(i), err)
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

// SkillVersionsShown is how many versions of one skill's history a read for display
// returns: the latest ones. The history itself keeps every version and the export gives
// them all, but a person can add versions without end (each change of a declaration or of
// the top-skill order adds one), so a read of a profile must not grow with them.
const SkillVersionsShown = 10

// RemovedSkill is a skill an agent declared and then removed: when, and the versions of
// its history as a read for display returns them (the latest SkillVersionsShown).
type RemovedSkill struct {
	SkillID   int64
	RemovedAt time.Time
	History   []SkillVersion
}

// RemovedSkills picks, from the histories of one agent's skills (by skill, oldest version
// first, as FindSkillHistories returns them), the skills whose latest version is a removal,
// the latest removal first (then by skill, so that the order is stable). A skill removed
// and declared again is not one of them. Whoever reads the histories reads them: a removal
// is a version of the history, shown to whoever CanSeeProfile lets see the profile.
func RemovedSkills(histories map[int64][]SkillVersion) []RemovedSkill {
	out := []RemovedSkill{}
	for skillID, vs := range histories {
		if len(vs) == 0 || vs[len(vs)-1].Change != SkillRemoved {
			continue
		}
		out = append(out, RemovedSkill{SkillID: skillID, RemovedAt: vs[len(vs)-1].ValidFrom, History: vs})
	}
	slices.SortFunc(out, func(a, b RemovedSkill) int {
		if c := b.RemovedAt.Compare(a.RemovedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.SkillID, b.SkillID)
	})
	return out
}

// DeclarationService keeps the skills agents declare and their history (part of
// ProfileService, whose rules of visibility and recorded views it follows).
type DeclarationService interface {
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

	// FindSkillHistory returns the latest SkillVersionsShown versions of a skill of agentID,
	// oldest first, to whoever may see the profile. Returns ENOTFOUND otherwise.
	FindSkillHistory(ctx context.Context, agentID, skillID int64) ([]SkillVersion, error)

	// FindSkillHistories returns, by agent then by skill, the latest SkillVersionsShown
	// versions of every skill the agents of agentIDs declared (removed ones included): one
	// call, and a constant number of statements, for a whole list of profiles. Agents whose
	// profile the viewer may not see are left out.
	FindSkillHistories(ctx context.Context, agentIDs []int64) (map[int64]map[int64][]SkillVersion, error)
}

package passerelles

import (
	"context"
	"strconv"
)

// Limits of what an agent writes about themselves.
const (
	MaxBioLength         = 1000
	MaxEvidenceText      = 500
	MaxValidationComment = 500
	MaxPixScore          = 1024
)

// Profile is an agent's profile with the lists that complete it.
type Profile struct {
	Agent             *Agent
	Skills            []DeclaredSkill
	HiddenFrom        []int64 // organisations the agent hides from (owner only)
	MobilityFamilies  []RoleFamily
	MobilityRegionIDs []int64
	TargetRoleIDs     []int64
	VisibilityChosen  bool // the agent chose explicitly (onboarding ends with that choice)
	// SkillsOmitted: a card (a search result, a shortlist entry) read without its
	// declarations, which Skills then leaves empty; readers that need them read the
	// profile whole.
	SkillsOmitted bool
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
			return WithField("bio", err)
		}
	}
	if u.GradeCode != nil {
		if err := ValidateText("Le code du grade", u.GradeCode, 20, 0); err != nil {
			return WithField("gradeCode", err)
		}
	}
	if u.MobilityFamilies != nil {
		for i, f := range *u.MobilityFamilies {
			if !f.Valid() {
				return WithField("mobilityFamilies."+strconv.Itoa(i), Errorf(EINVALID, "La famille de métiers doit être BUSINESS ou DIGITAL."))
			}
		}
	}
	if u.Visibility != nil && !u.Visibility.Valid() {
		return WithField("visibility", Errorf(EINVALID, "La visibilité doit être PRIVATE, MANAGERS ou ALL_AGENTS."))
	}
	for _, l := range []struct {
		field, what string
		ids         *[]int64
	}{
		{"targetRoleIds", "métiers visés", u.TargetRoleIDs},
		{"mobilityRegionIds", "régions", u.MobilityRegionIDs},
		{"hiddenFromOrganisationIds", "organisations masquées", u.HiddenFrom},
	} {
		if l.ids != nil && len(*l.ids) > 20 {
			return WithField(l.field, Errorf(EINVALID, "Vous pouvez choisir 20 %s au plus.", l.what))
		}
	}
	return nil
}

// ProfileService keeps agents' profiles, by capability: the profiles themselves here,
// DeclarationService, ReviewService and DataRightsService. Every read applies CanSeeProfile; a profile the
// viewer may not see is reported as not found, so that its existence does not leak. Every
// method that reads or acts on someone else's profile records a view of it when
// RecordsView says so, once the profile is found visible, whether the method then succeeds
// or refuses (a refusal answers about the profile too).
type ProfileService interface {
	DeclarationService
	ReviewService
	DataRightsService

	// FindProfile returns the profile of agentID. A manager's or administrator's view of
	// someone else's profile is recorded in the audit log. Returns EUNAUTHENTICATED for an
	// anonymous request, ENOTFOUND when the agent does not exist or is not visible.
	FindProfile(ctx context.Context, agentID int64) (*Profile, error)

	// FindProfiles returns the profiles among ids that the viewer may see (for nested lists:
	// community members, endorsers, mentors); a manager's or administrator's reads are
	// recorded as views, as with FindProfile.
	FindProfiles(ctx context.Context, ids []int64) (map[int64]*Profile, error)

	// FindListedProfiles returns the profiles among ids that the viewer may see, as
	// FindProfiles, without recording views: the skills of the cards of lists that are not
	// views of the profiles on them (search results, shortlist entries), whose cards were
	// read without their declarations (Profile.SkillsOmitted).
	FindListedProfiles(ctx context.Context, ids []int64) (map[int64]*Profile, error)

	// UpdateProfile changes the signed-in agent's own profile. Returns EINVALID for an
	// invalid update or an unknown organisation, region, grade or role.
	UpdateProfile(ctx context.Context, upd ProfileUpdate) (*Profile, error)
}

package passerelles

import (
	"context"
	"time"
)

// Visibility says who may see an agent's profile.
type Visibility string

// Visibilities. A profile stays PRIVATE until its agent chooses otherwise.
const (
	VisibilityPrivate   Visibility = "PRIVATE"
	VisibilityManagers  Visibility = "MANAGERS"
	VisibilityAllAgents Visibility = "ALL_AGENTS"
)

// Valid reports whether the visibility is one of the known ones.
func (v Visibility) Valid() bool {
	return v == VisibilityPrivate || v == VisibilityManagers || v == VisibilityAllAgents
}

// MaxTopSkills is how many skills an agent may rank as their top skills.
const MaxTopSkills = 5

// Agent is a public agent of the ministries, known by their OpenID identity.
type Agent struct {
	ID      int64
	Issuer  string // OpenID provider; with Subject, the agent's identity (never the email)
	Subject string

	GivenName         string
	UsualName         string
	Email             string
	UID               string // ProConnect claims, refreshed at each sign-in
	Siret             string
	IdpID             string
	OrganisationLabel string

	OrganisationID int64 // declared by the agent
	// AssertedOrganisationID is the organisation the identity provider asserts (0 when its
	// label matches none): the one that visibility exclusions are checked against.
	AssertedOrganisationID int64
	RegionID               int64
	GradeCode              string
	CurrentRoleID          int64
	Bio                    string
	OpenToMobility         bool
	WillingToMentor        bool
	Visibility             Visibility

	Skills    []AgentSkill
	CreatedAt time.Time
	UpdatedAt time.Time
}

// AgentSkill is a skill an agent declares, at a level of the skill's framework.
type AgentSkill struct {
	SkillID        int64
	Level          int
	CurrentUse     bool // used now, or in the past
	WantsToDevelop bool
	TopRank        int // 1…MaxTopSkills among the agent's top skills, 0 when not ranked
}

// Validate returns EINVALID when the agent's identity or profile is incomplete, or their
// skills repeat or rank more than MaxTopSkills. Skill levels are checked against the
// referentials by the store.
func (a *Agent) Validate() error {
	if err := ValidateText("L’émetteur de l’identité", &a.Issuer, 500, TextRequired|TextVerbatim); err != nil {
		return err
	}
	if err := ValidateText("L’identifiant de la personne", &a.Subject, 255, TextRequired|TextVerbatim); err != nil {
		return err
	}
	if err := ValidateText("Le prénom", &a.GivenName, 100, TextFromProvider); err != nil {
		return err
	}
	if err := ValidateText("Le nom", &a.UsualName, 100, TextFromProvider); err != nil {
		return err
	}
	if err := ValidateText("L’adresse électronique", &a.Email, 254, TextFromProvider); err != nil {
		return err
	}
	if err := ValidateText("La présentation", &a.Bio, MaxBioLength, TextMultiLine); err != nil {
		return err
	}
	if a.Visibility == "" {
		a.Visibility = VisibilityPrivate
	}
	if !a.Visibility.Valid() {
		return Errorf(EINVALID, "La visibilité doit être PRIVATE, MANAGERS ou ALL_AGENTS.")
	}
	seen := map[int64]bool{}
	ranks := map[int]bool{}
	for _, s := range a.Skills {
		if seen[s.SkillID] {
			return Errorf(EINVALID, "Une compétence est déclarée deux fois.")
		}
		seen[s.SkillID] = true
		if s.TopRank < 0 || s.TopRank > MaxTopSkills {
			return Errorf(EINVALID, "Le rang d’une compétence phare va de 1 à %d.", MaxTopSkills)
		}
		if s.TopRank > 0 {
			if ranks[s.TopRank] {
				return Errorf(EINVALID, "Deux compétences phares ont le même rang.")
			}
			ranks[s.TopRank] = true
		}
	}
	return nil
}

// AgentService keeps agents and their declared skills.
type AgentService interface {
	// ImportAgents creates the agents, with their skills, whose (issuer, subject) is not
	// known yet, in one transaction, and returns how many it created. Internal work only
	// (demo data): returns EFORBIDDEN for any person, EINVALID for an invalid agent or a
	// level off its skill's scale.
	ImportAgents(ctx context.Context, agents []*Agent) (int, error)

	// CountAgents returns how many agents are known.
	CountAgents(ctx context.Context) (int, error)
}

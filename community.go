package passerelles

import (
	"context"
	"fmt"
	"time"
)

// Community is a community of practice: people who develop a set of skills together.
type Community struct {
	ID          int64
	Code        string
	Name        string
	Description string // Markdown
	// DescriptionHTML is the description rendered by the store when it is written
	// (sanitised HTML): reads return it.
	DescriptionHTML string
	SkillIDs        []int64
	MemberCount     int       // filled by reads
	ArchivedAt      time.Time // zero while active; an archived community takes no new member nor event
}

// MaxCommunitySkills is how many skills a community develops at most: the GraphQL cost
// model prices Community.skills by it.
const MaxCommunitySkills = 12

// MaxAnimators is how many animators a community has at most: its page lists them all.
const MaxAnimators = 20

// MaxCommunities is how many communities (archived ones included) Passerelles holds at
// most: lists of communities are priced by it, and a filière has a few dozen at most.
const MaxCommunities = 100

// Validate returns EINVALID when the community is incomplete.
func (c *Community) Validate() error {
	if err := ValidateCode("de la communauté", c.Code); err != nil {
		return err
	}
	if err := ValidateText("Le nom de la communauté", &c.Name, 200, TextRequired); err != nil {
		return WithField("name", err)
	}
	if err := ValidateText("La description de la communauté", &c.Description, 4000, TextMultiLine); err != nil {
		return WithField("description", err)
	}
	if err := checkMarkdownNesting(c.Description); err != nil {
		return WithField("description", err)
	}
	if len(c.SkillIDs) > MaxCommunitySkills {
		return &Error{Code: EINVALID, Field: "skillIds", Message: fmt.Sprintf("Une communauté développe au plus %d compétences.", MaxCommunitySkills)}
	}
	return nil
}

// CheckJoinable returns ECONFLICT when the community is archived: it takes no new member
// nor event.
func (c *Community) CheckJoinable() error {
	if !c.ArchivedAt.IsZero() {
		return Errorf(ECONFLICT, "La communauté « %s » est archivée.", c.Name)
	}
	return nil
}

// MemberRole is a person's role in a community.
type MemberRole string

// Member roles.
const (
	MemberRoleMember   MemberRole = "MEMBER"
	MemberRoleAnimator MemberRole = "ANIMATOR"
)

// Valid reports whether the role is one of the known ones.
func (r MemberRole) Valid() bool { return r == MemberRoleMember || r == MemberRoleAnimator }

// CommunityMember is an agent's membership of a community.
type CommunityMember struct {
	CommunityID int64
	AgentID     int64
	Role        MemberRole
	JoinedAt    time.Time
}

// MemberPage is one page of a community's members, and how many members the whole list
// holds.
type MemberPage struct {
	Members []CommunityMember
	Total   int
}

// CommunityAnimator is an animator of a community as the community's page names them:
// animating is a public function that administrators give, so the name is shown whatever
// the visibility of the animator's profile (the profile itself is not).
type CommunityAnimator struct {
	CommunityID int64
	AgentID     int64
	GivenName   string
	UsualName   string
}

// CommunityFilter selects communities.
type CommunityFilter struct {
	IDs []int64
	// IncludeArchived keeps archived communities in the list (they leave it otherwise);
	// lists by IDs always include them.
	IncludeArchived bool
	Page
}

// CommunityService reads and maintains communities of practice.
type CommunityService interface {
	// FindCommunityByCode returns ENOTFOUND if no community has that code.
	FindCommunityByCode(ctx context.Context, code string) (*Community, error)

	// FindCommunities returns communities ordered by name with their skills and member
	// counts, and the total that match.
	FindCommunities(ctx context.Context, filter CommunityFilter) ([]*Community, int, error)

	// UpsertCommunity creates the community or updates the one with the same code (its
	// skills included), and reports whether anything changed. Returns EFORBIDDEN unless an
	// administrator asks, EINVALID for invalid input or unknown skills.
	UpsertCommunity(ctx context.Context, c *Community) (bool, error)

	// FindMembers returns, for each community of communityIDs, one page of its members
	// whose profile the viewer may see (passerelles.CanSeeProfile), animators first then by
	// name, and how many such members it has — in one query for all the communities, so
	// that a list of communities with their members costs the same for 1 or 100. Every
	// community asked for gets a page, empty when it has no (visible) member or does not
	// exist. Returns EUNAUTHENTICATED for an anonymous request.
	FindMembers(ctx context.Context, communityIDs []int64, page Page) (map[int64]MemberPage, error)

	// FindMemberships returns, for each of agentIDs, the communities the agent belongs to
	// with their role in each (by community name), in one read whatever the number of agents.
	FindMemberships(ctx context.Context, agentIDs []int64) (map[int64][]CommunityMember, error)

	// CreateCommunity creates a community and records it in the audit log. Returns
	// EFORBIDDEN unless an administrator asks, EINVALID for invalid input or unknown
	// skills, ECONFLICT when the code is taken or MaxCommunities exist.
	CreateCommunity(ctx context.Context, c *Community) error

	// UpdateCommunity changes the name, description and skills of the community c.ID
	// (its code stays) and records it. EFORBIDDEN unless an administrator asks,
	// ENOTFOUND for an unknown community.
	UpdateCommunity(ctx context.Context, c *Community) (*Community, error)

	// ArchiveCommunity archives the community (archived true) or brings it back, and
	// records it. An archived community keeps its members and events, takes no new ones
	// and leaves the lists. EFORBIDDEN unless an administrator asks.
	ArchiveCommunity(ctx context.Context, id int64, archived bool) (*Community, error)

	// SetAnimator names the agent an animator of the community (making them a member
	// when they are not) or, with animator false, takes the role back (they stay a
	// member); recorded in the audit log. EFORBIDDEN unless an administrator asks,
	// ENOTFOUND for an unknown agent or community, ECONFLICT to name one in an archived
	// community.
	SetAnimator(ctx context.Context, communityID, agentID int64, animator bool) error

	// JoinCommunity makes the signed-in agent a member. Joining again changes nothing.
	// ECONFLICT for an archived community.
	JoinCommunity(ctx context.Context, communityID int64) (*Community, error)

	// LeaveCommunity ends the signed-in agent's membership (an animator leaves the role
	// too). ENOTFOUND when not a member.
	LeaveCommunity(ctx context.Context, communityID int64) (*Community, error)

	// FindAnimators returns the animators of each of communityIDs, by name, in one read.
	// Returns EUNAUTHENTICATED for an anonymous request.
	FindAnimators(ctx context.Context, communityIDs []int64) (map[int64][]CommunityAnimator, error)

	// ImportMembers adds memberships that do not exist yet and returns how many it added.
	// Internal work only (demo data): returns EFORBIDDEN for any person.
	ImportMembers(ctx context.Context, members []CommunityMember) (int, error)
}

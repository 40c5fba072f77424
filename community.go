package passerelles

import (
	"context"
	"time"
)

// Community is a community of practice: people who develop a set of skills together.
type Community struct {
	ID          int64
	Code        string
	Name        string
	Description string
	SkillIDs    []int64
	MemberCount int // filled by reads
}

// Validate returns EINVALID when the community is incomplete.
func (c *Community) Validate() error {
	if err := ValidateCode("de la communauté", c.Code); err != nil {
		return err
	}
	if err := ValidateText("Le nom de la communauté", &c.Name, 200, TextRequired); err != nil {
		return err
	}
	return ValidateText("La description de la communauté", &c.Description, 4000, TextMultiLine)
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

// CommunityFilter selects communities.
type CommunityFilter struct {
	IDs []int64
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

	// ImportMembers adds memberships that do not exist yet and returns how many it added.
	// Internal work only (demo data): returns EFORBIDDEN for any person.
	ImportMembers(ctx context.Context, members []CommunityMember) (int, error)
}

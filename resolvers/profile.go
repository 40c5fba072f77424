package resolvers

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/graphql-go/graphql"

	"passerelles"
)

// OwnedSkill is a declared skill with the agent it belongs to, which its nested fields
// (endorsers, history) need.
type OwnedSkill struct {
	AgentID int64
	*passerelles.DeclaredSkill
}

// FormatTime renders a timestamp for the API (RFC 3339, UTC); the zero time is null.
func FormatTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

func viewer(p graphql.ResolveParams) *passerelles.User { return passerelles.UserFromContext(p.Context) }

// IsMe reports whether the profile is the viewer's own.
func IsMe(p graphql.ResolveParams, pr *passerelles.Profile) bool {
	u := viewer(p)
	return u != nil && u.AgentID != 0 && u.AgentID == pr.Agent.ID
}

// Profile resolves Query.profile.
func (r *Resolver) Profile(p graphql.ResolveParams) (any, error) {
	id, err := parseID(p.Args["id"])
	if err != nil {
		return nil, err
	}
	return r.svc.Profiles.FindProfile(p.Context, id)
}

// UserProfile resolves User.profile: the signed-in person's own profile, or, for another
// person (Query.users), their profile as the viewer may see it.
func (r *Resolver) UserProfile(p graphql.ResolveParams) (any, error) {
	m, err := Source[*passerelles.User](p)
	if err != nil {
		return nil, err
	}
	if u := passerelles.UserFromContext(p.Context); u != nil && u.AgentID == m.Agent.ID {
		return r.svc.Profiles.FindProfile(p.Context, m.Agent.ID) // me: always visible
	}
	// Another person (Query.users): their profiles load in one batch for the whole page,
	// and one the viewer may not see is null — not an error, which would climb the non-null
	// edges and blank the whole page of people.
	th := r.loadersFrom(p.Context).profile.Load(p, m.Agent.ID)
	return func() (any, error) {
		pr, ok, err := th()
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, nil
		}
		return pr, nil
	}, nil
}

// UserAssertedOrganisation resolves User.assertedOrganisation: the organisation matched
// from the provider's organization_label at sign-in, which onboarding offers as the
// person's own (they may declare another one).
func (r *Resolver) UserAssertedOrganisation(p graphql.ResolveParams) (any, error) {
	m, err := Source[*passerelles.User](p)
	if err != nil {
		return nil, err
	}
	if m.Agent.AssertedOrganisationID == 0 {
		return nil, nil
	}
	return r.loadersFrom(p.Context).organisation.Resolve(p, m.Agent.AssertedOrganisationID), nil
}

// ProfileSkills resolves Profile.skills, top skills first.
func (r *Resolver) ProfileSkills(p graphql.ResolveParams) (any, error) {
	pr, err := Source[*passerelles.Profile](p)
	if err != nil {
		return nil, err
	}
	owned := func(pr *passerelles.Profile) []OwnedSkill {
		out := make([]OwnedSkill, len(pr.Skills))
		for i := range pr.Skills {
			out[i] = OwnedSkill{AgentID: pr.Agent.ID, DeclaredSkill: &pr.Skills[i]}
		}
		return out
	}
	if !pr.SkillsOmitted {
		return owned(pr), nil
	}
	// A card (a search result, a shortlist entry): the whole profile, read for every card
	// of the response at once, and not recorded as a view (listing is not viewing).
	th := r.loadersFrom(p.Context).listedProfile.Load(p, pr.Agent.ID)
	return func() (any, error) {
		whole, ok, err := th()
		if err != nil || !ok {
			return []OwnedSkill{}, err
		}
		return owned(whole), nil
	}, nil
}

// ProfileOrganisation resolves Profile.organisation.
func (r *Resolver) ProfileOrganisation(p graphql.ResolveParams) (any, error) {
	pr, err := Source[*passerelles.Profile](p)
	if err != nil {
		return nil, err
	}
	if pr.Agent.OrganisationID == 0 {
		return nil, nil
	}
	return r.loadersFrom(p.Context).organisation.Resolve(p, pr.Agent.OrganisationID), nil
}

// ProfileRegion resolves Profile.region.
func (r *Resolver) ProfileRegion(p graphql.ResolveParams) (any, error) {
	pr, err := Source[*passerelles.Profile](p)
	if err != nil {
		return nil, err
	}
	if pr.Agent.RegionID == 0 {
		return nil, nil
	}
	return r.loadersFrom(p.Context).region.Resolve(p, pr.Agent.RegionID), nil
}

// ProfileGrade resolves Profile.grade.
func (r *Resolver) ProfileGrade(p graphql.ResolveParams) (any, error) {
	pr, err := Source[*passerelles.Profile](p)
	if err != nil {
		return nil, err
	}
	if pr.Agent.GradeCode == "" {
		return nil, nil
	}
	return r.loadersFrom(p.Context).grade.Resolve(p, pr.Agent.GradeCode), nil
}

// ProfileCurrentRole resolves Profile.currentRole.
func (r *Resolver) ProfileCurrentRole(p graphql.ResolveParams) (any, error) {
	pr, err := Source[*passerelles.Profile](p)
	if err != nil {
		return nil, err
	}
	if pr.Agent.CurrentRoleID == 0 {
		return nil, nil
	}
	return r.loadersFrom(p.Context).role.Resolve(p, pr.Agent.CurrentRoleID), nil
}

// loadAll loads several keys of one loader and keeps the values found, in order.
func loadAll[V any](p graphql.ResolveParams, l *loader[int64, V], ids []int64) func() (any, error) {
	ths := make([]func() (V, bool, error), len(ids))
	for i, id := range ids {
		ths[i] = l.Load(p, id)
	}
	return func() (any, error) {
		out := make([]V, 0, len(ths))
		for _, th := range ths {
			v, ok, err := th()
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, v)
			}
		}
		return out, nil
	}
}

// ProfileTargetRoles resolves Profile.targetRoles.
func (r *Resolver) ProfileTargetRoles(p graphql.ResolveParams) (any, error) {
	pr, err := Source[*passerelles.Profile](p)
	if err != nil {
		return nil, err
	}
	return loadAll(p, r.loadersFrom(p.Context).role, pr.TargetRoleIDs), nil
}

// ProfileMobilityRegions resolves Profile.mobilityRegions.
func (r *Resolver) ProfileMobilityRegions(p graphql.ResolveParams) (any, error) {
	pr, err := Source[*passerelles.Profile](p)
	if err != nil {
		return nil, err
	}
	return loadAll(p, r.loadersFrom(p.Context).region, pr.MobilityRegionIDs), nil
}

// ProfileHiddenFrom resolves Profile.hiddenFromOrganisations, null for whom
// passerelles.SeeProfile withholds them (anyone but the agent).
func (r *Resolver) ProfileHiddenFrom(p graphql.ResolveParams) (any, error) {
	pr, err := Source[*passerelles.Profile](p)
	if err != nil {
		return nil, err
	}
	if !pr.Shown.HiddenFrom {
		return nil, nil
	}
	return loadAll(p, r.loadersFrom(p.Context).organisation, pr.HiddenFrom), nil
}

// skillLevel resolves a level value of a skill's scale through the skill and framework
// loaders.
func (r *Resolver) skillLevel(p graphql.ResolveParams, skillID int64, value int) (any, error) {
	if value == 0 {
		return nil, nil
	}
	l := r.loadersFrom(p.Context)
	if s, ok, known := l.skill.Value(skillID); known { // referentials kept: no thunk
		if !ok {
			return nil, nil
		}
		if f, ok, known := l.framework.Value(s.FrameworkID); known {
			if lv, found := f.Level(value); ok && found {
				return lv, nil
			}
			return nil, nil
		}
	}
	skill := l.skill.Load(p, skillID)
	return func() (any, error) {
		s, ok, err := skill()
		if err != nil || !ok {
			return nil, err
		}
		f, ok, err := l.framework.Load(p, s.FrameworkID)() // all frameworks come with the first fetch
		if err != nil || !ok {
			return nil, err
		}
		if lv, ok := f.Level(value); ok {
			return lv, nil
		}
		return nil, nil
	}, nil
}

// DeclaredSkillSkill resolves DeclaredSkill.skill.
func (r *Resolver) DeclaredSkillSkill(p graphql.ResolveParams) (any, error) {
	s, err := Source[OwnedSkill](p)
	if err != nil {
		return nil, err
	}
	return r.loadersFrom(p.Context).skill.Resolve(p, s.SkillID), nil
}

// DeclaredSkillLevel resolves DeclaredSkill.level.
func (r *Resolver) DeclaredSkillLevel(p graphql.ResolveParams) (any, error) {
	s, err := Source[OwnedSkill](p)
	if err != nil {
		return nil, err
	}
	return r.skillLevel(p, s.SkillID, s.Level)
}

// DeclaredSkillValidatedLevel resolves DeclaredSkill.validatedLevel.
func (r *Resolver) DeclaredSkillValidatedLevel(p graphql.ResolveParams) (any, error) {
	s, err := Source[OwnedSkill](p)
	if err != nil {
		return nil, err
	}
	return r.skillLevel(p, s.SkillID, s.ValidatedLevel)
}

// DeclaredSkillValidatedBy resolves DeclaredSkill.validatedBy (null when not visible).
func (r *Resolver) DeclaredSkillValidatedBy(p graphql.ResolveParams) (any, error) {
	src, err := Source[OwnedSkill](p)
	if err != nil {
		return nil, err
	}
	return r.profileRef(p, src.ValidatedBy)
}

// Nested lists that people make grow without bound in the store; GraphQL returns their
// latest items, so that the query cost model can bound what a document asks for. The
// export holds everything.
const (
	// MaxEndorsers is how many endorsers DeclaredSkill.endorsers returns at most: the
	// latest ones (endorsementCount counts them all).
	MaxEndorsers = 5
	// MaxVersions is how many versions a skill's history returns at most: the latest ones,
	// oldest first, as the profile service reads them.
	MaxVersions = passerelles.SkillVersionsShown
)

// DeclaredSkillEndorsers resolves DeclaredSkill.endorsers: the latest endorsers the viewer
// may see. The endorsers of all the skills of every profile of a level come in one fetch.
func (r *Resolver) DeclaredSkillEndorsers(p graphql.ResolveParams) (any, error) {
	s, err := Source[OwnedSkill](p)
	if err != nil {
		return nil, err
	}
	th := r.loadersFrom(p.Context).endorsers.Load(p, s.AgentID)
	return func() (any, error) {
		bySkill, _, err := th()
		if err != nil {
			return nil, err
		}
		es := bySkill[s.SkillID] // newest first
		if es == nil {
			es = []*passerelles.Profile{}
		}
		return es[:min(len(es), MaxEndorsers)], nil
	}, nil
}

// fetchEndorsers reads the endorsements of the skills of the agents of agentIDs, then the
// profiles of their endorsers that the viewer may see, by agent and skill, newest first.
func (r *Resolver) fetchEndorsers(ctx context.Context, agentIDs []int64) (map[int64]map[int64][]*passerelles.Profile, error) {
	all, err := r.svc.Profiles.FindAllEndorsements(ctx, agentIDs)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, bySkill := range all {
		for _, es := range bySkill {
			for _, e := range es {
				ids = append(ids, e.EndorserID)
			}
		}
	}
	profiles := map[int64]*passerelles.Profile{}
	if len(ids) > 0 {
		if profiles, err = r.svc.Profiles.FindProfiles(ctx, ids); err != nil {
			return nil, err
		}
	}
	out := make(map[int64]map[int64][]*passerelles.Profile, len(all))
	for agent, bySkill := range all {
		out[agent] = map[int64][]*passerelles.Profile{}
		for skill, es := range bySkill {
			for _, e := range es {
				if pr, ok := profiles[e.EndorserID]; ok {
					out[agent][skill] = append(out[agent][skill], pr)
				}
			}
		}
	}
	return out, nil
}

// DeclaredSkillHistory resolves DeclaredSkill.history; the histories of all the skills of a
// profile come in one call.
func (r *Resolver) DeclaredSkillHistory(p graphql.ResolveParams) (any, error) {
	s, err := Source[OwnedSkill](p)
	if err != nil {
		return nil, err
	}
	return r.timeline(p, s.AgentID, s.SkillID), nil
}

// timeline returns a thunk of the versions of one skill of an agent, from the loader that
// fetches a whole profile's histories at once.
func (r *Resolver) timeline(p graphql.ResolveParams, agentID, skillID int64) func() (any, error) {
	th := r.loadersFrom(p.Context).histories.Load(p, agentID)
	return func() (any, error) {
		bySkill, _, err := th()
		if err != nil {
			return nil, err
		}
		vs := bySkill[skillID] // oldest first
		vs = vs[max(0, len(vs)-MaxVersions):]
		out := make([]OwnedVersion, len(vs))
		for i := range vs {
			out[i] = OwnedVersion{SkillID: skillID, SkillVersion: &vs[i]}
		}
		return out, nil
	}
}

// profileRef resolves a reference to another agent: their profile when the viewer may see
// it, null otherwise (and for 0).
func (r *Resolver) profileRef(p graphql.ResolveParams, agentID int64) (any, error) {
	if agentID == 0 {
		return nil, nil
	}
	return thunk(r.loadersFrom(p.Context).profile.Load(p, agentID)), nil
}

// OwnedVersion is a version of a skill's history with the skill it belongs to.
type OwnedVersion struct {
	SkillID int64
	*passerelles.SkillVersion
}

// VersionLevel resolves SkillVersion.level.
func (r *Resolver) VersionLevel(p graphql.ResolveParams) (any, error) {
	v, err := Source[OwnedVersion](p)
	if err != nil {
		return nil, err
	}
	return r.skillLevel(p, v.SkillID, v.Level)
}

// VersionValidatedLevel resolves SkillVersion.validatedLevel.
func (r *Resolver) VersionValidatedLevel(p graphql.ResolveParams) (any, error) {
	v, err := Source[OwnedVersion](p)
	if err != nil {
		return nil, err
	}
	return r.skillLevel(p, v.SkillID, v.ValidatedLevel)
}

// VersionChangedBy resolves SkillVersion.changedBy (null when not visible).
func (r *Resolver) VersionChangedBy(p graphql.ResolveParams) (any, error) {
	src, err := Source[OwnedVersion](p)
	if err != nil {
		return nil, err
	}
	return r.profileRef(p, src.ChangedBy)
}

// MyProfileViews resolves Query.myProfileViews.
func (r *Resolver) MyProfileViews(p graphql.ResolveParams) (any, error) {
	return queryPage(p, func(page passerelles.Page) ([]passerelles.ProfileView, int, error) {
		return r.svc.Profiles.FindProfileViews(p.Context, page)
	})
}

// ProfileViewViewer resolves ProfileView.viewer (null when erased or not visible).
func (r *Resolver) ProfileViewViewer(p graphql.ResolveParams) (any, error) {
	src, err := Source[passerelles.ProfileView](p)
	if err != nil {
		return nil, err
	}
	return r.profileRef(p, src.ViewerID)
}

// ExportMyData resolves Query.exportMyData: everything stored about the signed-in agent, as
// JSON text (also downloadable at GET /me/export.json).
func (r *Resolver) ExportMyData(p graphql.ResolveParams) (any, error) {
	x, err := r.svc.Profiles.ExportMyData(p.Context)
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("resolvers: export: %w", err)
	}
	return string(b), nil
}

func input(p graphql.ResolveParams) map[string]any {
	in, _ := p.Args["input"].(map[string]any)
	return in
}

func optIDs(v any) (*[]int64, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, nil
	}
	out := make([]int64, 0, len(list))
	for i, e := range list {
		id, err := parseID(e)
		if err != nil {
			return nil, passerelles.WithField(strconv.Itoa(i), err)
		}
		out = append(out, id)
	}
	return &out, nil
}

func optID(v any) (*int64, error) {
	if v == nil {
		return nil, nil
	}
	if s, ok := v.(string); ok && s == "" {
		zero := int64(0)
		return &zero, nil // "" clears the reference
	}
	id, err := parseID(v)
	return &id, err
}

// UpdateMyProfile resolves Mutation.updateMyProfile.
func (r *Resolver) UpdateMyProfile(p graphql.ResolveParams) (any, error) {
	in := input(p)
	var upd passerelles.ProfileUpdate
	var err error
	for key, dst := range map[string]**int64{"organisationId": &upd.OrganisationID, "regionId": &upd.RegionID, "currentRoleId": &upd.CurrentRoleID} {
		if *dst, err = optID(in[key]); err != nil {
			return nil, passerelles.WithField(key, err)
		}
	}
	for key, dst := range map[string]**[]int64{"mobilityRegionIds": &upd.MobilityRegionIDs, "targetRoleIds": &upd.TargetRoleIDs, "hiddenFromOrganisationIds": &upd.HiddenFrom} {
		if *dst, err = optIDs(in[key]); err != nil {
			return nil, passerelles.WithField(key, err)
		}
	}
	if v, ok := in["gradeCode"].(string); ok {
		upd.GradeCode = &v
	}
	if v, ok := in["bio"].(string); ok {
		upd.Bio = &v
	}
	if v, ok := in["openToMobility"].(bool); ok {
		upd.OpenToMobility = &v
	}
	if v, ok := in["willingToMentor"].(bool); ok {
		upd.WillingToMentor = &v
	}
	if v, ok := in["visibility"].(string); ok {
		vis := passerelles.Visibility(v)
		upd.Visibility = &vis
	}
	if list, ok := in["mobilityFamilies"].([]any); ok {
		fams := make([]passerelles.RoleFamily, 0, len(list))
		for _, f := range list {
			s, _ := f.(string)
			fams = append(fams, passerelles.RoleFamily(s))
		}
		upd.MobilityFamilies = &fams
	}
	pr, err := r.svc.Profiles.UpdateProfile(p.Context, upd)
	if err != nil {
		return nil, err
	}
	return map[string]any{"profile": pr}, nil
}

// DeclareSkill resolves Mutation.declareSkill.
func (r *Resolver) DeclareSkill(p graphql.ResolveParams) (any, error) {
	in := input(p)
	id, err := inputID(in, "skillId")
	if err != nil {
		return nil, err
	}
	d := passerelles.SkillDeclaration{SkillID: id}
	d.Level, _ = in["level"].(int)
	d.CurrentUse, _ = in["currentUse"].(bool)
	d.WantsToDevelop, _ = in["wantsToDevelop"].(bool)
	if list, ok := in["evidence"].([]any); ok {
		d.Evidence = []passerelles.Evidence{}
		for i, e := range list {
			m, _ := e.(map[string]any)
			ev := passerelles.Evidence{}
			k, _ := m["kind"].(string)
			ev.Kind = passerelles.EvidenceKind(k)
			ev.Title, _ = m["title"].(string)
			ev.Description, _ = m["description"].(string)
			ev.URL, _ = m["url"].(string)
			if sc, ok := m["score"].(int); ok {
				ev.Score = &sc
			}
			if s, ok := m["obtainedOn"].(string); ok && s != "" {
				t, err := time.Parse("2006-01-02", s)
				if err != nil {
					return nil, passerelles.WithField("evidence."+strconv.Itoa(i)+".obtainedOn",
						passerelles.Errorf(passerelles.EINVALID, "La date d’obtention « %s » n’est pas une date (AAAA-MM-JJ).", passerelles.EchoText(s, 20)))
				}
				ev.ObtainedOn = &t
			}
			d.Evidence = append(d.Evidence, ev)
		}
	}
	s, err := r.svc.Profiles.DeclareSkill(p.Context, d)
	if err != nil {
		return nil, err
	}
	return map[string]any{"skill": OwnedSkill{AgentID: viewer(p).AgentID, DeclaredSkill: s}}, nil
}

// RemoveSkill resolves Mutation.removeSkill.
func (r *Resolver) RemoveSkill(p graphql.ResolveParams) (any, error) {
	id, err := inputID(input(p), "skillId")
	if err != nil {
		return nil, err
	}
	if err := r.svc.Profiles.RemoveSkill(p.Context, id); err != nil {
		return nil, err
	}
	return map[string]any{"skillId": ID(id)}, nil
}

// RankTopSkills resolves Mutation.rankTopSkills.
func (r *Resolver) RankTopSkills(p graphql.ResolveParams) (any, error) {
	ids, err := optIDs(input(p)["skillIds"])
	if err != nil {
		return nil, passerelles.WithField("skillIds", err)
	}
	if ids == nil {
		ids = &[]int64{}
	}
	if err := r.svc.Profiles.RankTopSkills(p.Context, *ids); err != nil {
		return nil, err
	}
	pr, err := r.svc.Profiles.FindProfile(p.Context, viewer(p).AgentID)
	if err != nil {
		return nil, err
	}
	return map[string]any{"profile": pr}, nil
}

// ValidateSkill resolves Mutation.validateSkill.
func (r *Resolver) ValidateSkill(p graphql.ResolveParams) (any, error) {
	in := input(p)
	agentID, err := inputID(in, "agentId")
	if err != nil {
		return nil, err
	}
	skillID, err := inputID(in, "skillId")
	if err != nil {
		return nil, err
	}
	level, _ := in["level"].(int)
	comment, _ := in["comment"].(string)
	s, err := r.svc.Profiles.ValidateSkill(p.Context, agentID, skillID, level, comment)
	if err != nil {
		return nil, err
	}
	return map[string]any{"skill": OwnedSkill{AgentID: agentID, DeclaredSkill: s}}, nil
}

// EndorseSkill resolves Mutation.endorseSkill.
func (r *Resolver) EndorseSkill(p graphql.ResolveParams) (any, error) {
	in := input(p)
	agentID, err := inputID(in, "agentId")
	if err != nil {
		return nil, err
	}
	skillID, err := inputID(in, "skillId")
	if err != nil {
		return nil, err
	}
	if err := r.svc.Profiles.EndorseSkill(p.Context, agentID, skillID); err != nil {
		return nil, err
	}
	pr, err := r.svc.Profiles.FindProfile(p.Context, agentID)
	if err != nil {
		return nil, err
	}
	for i := range pr.Skills {
		if pr.Skills[i].SkillID == skillID {
			return map[string]any{"skill": OwnedSkill{AgentID: agentID, DeclaredSkill: &pr.Skills[i]}}, nil
		}
	}
	return nil, passerelles.Errorf(passerelles.ENOTFOUND, "Cette compétence n’est plus déclarée.")
}

// DeleteMyAccount resolves Mutation.deleteMyAccount; the service checks the confirmation.
func (r *Resolver) DeleteMyAccount(p graphql.ResolveParams) (any, error) {
	c, _ := input(p)["confirmation"].(string)
	if err := r.svc.Profiles.DeleteMyAccount(p.Context, c); err != nil {
		return nil, err
	}
	signOut(p.Context) // the sessions are gone with the account: the cookie goes too
	return map[string]any{"deleted": true}, nil
}

// ProfileSkillHistory resolves Profile.skillHistory: the timeline of one skill of the
// profile, removed skills included.
func (r *Resolver) ProfileSkillHistory(p graphql.ResolveParams) (any, error) {
	pr, err := Source[*passerelles.Profile](p)
	if err != nil {
		return nil, err
	}
	skillID, err := parseID(p.Args["skillId"])
	if err != nil {
		return nil, err
	}
	return r.timeline(p, pr.Agent.ID, skillID), nil
}

// OwnedRemovedSkill is a skill an agent removed, with the agent it belongs to.
type OwnedRemovedSkill struct {
	AgentID int64
	passerelles.RemovedSkill
}

// ProfileRemovedSkills resolves Profile.removedSkills: the skills the agent declared and
// then removed, latest removal first, from the loader that fetches a whole level of
// profiles' histories at once (the same read as DeclaredSkill.history). Empty for anyone
// but the agent (ProfileFields.RemovedSkills).
func (r *Resolver) ProfileRemovedSkills(p graphql.ResolveParams) (any, error) {
	pr, err := Source[*passerelles.Profile](p)
	if err != nil {
		return nil, err
	}
	if !pr.Shown.RemovedSkills {
		return []OwnedRemovedSkill{}, nil
	}
	th := r.loadersFrom(p.Context).histories.Load(p, pr.Agent.ID)
	return func() (any, error) {
		bySkill, _, err := th()
		if err != nil {
			return nil, err
		}
		removed := passerelles.RemovedSkills(bySkill)
		out := make([]OwnedRemovedSkill, len(removed))
		for i, rs := range removed {
			out[i] = OwnedRemovedSkill{AgentID: pr.Agent.ID, RemovedSkill: rs}
		}
		return out, nil
	}, nil
}

// RemovedSkillSkill resolves RemovedSkill.skill.
func (r *Resolver) RemovedSkillSkill(p graphql.ResolveParams) (any, error) {
	s, err := Source[OwnedRemovedSkill](p)
	if err != nil {
		return nil, err
	}
	return thunk(r.loadersFrom(p.Context).skill.Load(p, s.SkillID)), nil
}

// RemovedSkillHistory resolves RemovedSkill.history: its versions, oldest first, the
// removal last.
func (r *Resolver) RemovedSkillHistory(p graphql.ResolveParams) (any, error) {
	s, err := Source[OwnedRemovedSkill](p)
	if err != nil {
		return nil, err
	}
	vs := s.History[max(0, len(s.History)-MaxVersions):]
	out := make([]OwnedVersion, len(vs))
	for i := range vs {
		out[i] = OwnedVersion{SkillID: s.SkillID, SkillVersion: &vs[i]}
	}
	return out, nil
}

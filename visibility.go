package passerelles

import "slices"

// CanSeeProfile reports whether the viewer may see the profile of agent a, whose
// organisation-level exclusions are hiddenFrom. The rule every read path applies:
//   - the agent always sees their own profile, and the application itself sees every one;
//   - nobody else sees a PRIVATE profile (administrators neither);
//   - MANAGERS: managers and administrators see it;
//   - ALL_AGENTS: every signed-in agent sees it;
//   - and nobody but the agent sees it from an organisation the agent hides from — the
//     viewer's organisation being the one their identity provider asserts; a viewer whose
//     organisation is not asserted never sees a profile that hides from any organisation.
func CanSeeProfile(viewer *User, a *Agent, hiddenFrom []int64) bool {
	switch {
	case viewer == nil:
		return false
	case viewer.System || (viewer.AgentID != 0 && viewer.AgentID == a.ID):
		return true
	case viewer.AgentID == 0:
		return false
	case len(hiddenFrom) > 0 && (viewer.OrganisationID == 0 || slices.Contains(hiddenFrom, viewer.OrganisationID)):
		return false
	}
	switch a.Visibility {
	case VisibilityAllAgents:
		return true
	case VisibilityManagers:
		return viewer.IsManagerOrAdmin()
	}
	return false
}

// ProfileFields says which parts of a profile a viewer reads beyond what everyone who sees
// the profile reads (names, organisation, skills …): the parts its owner alone, or its
// owner with managers and administrators, may read.
type ProfileFields struct {
	Email      bool // the professional email: the agent, managers and administrators
	Identity   bool // identity keys (issuer, subject, uid, idp id) and the organisation asserted: the agent only
	Visibility bool // the visibility the agent chose: the agent only
	HiddenFrom bool // the organisations the profile is hidden from: the agent only
	// RemovedSkills: the skills the agent declared then withdrew, with their timelines — the
	// agent only. Withdrawing a skill takes it out of what others read of the profile.
	RemovedSkills bool
}

// ProfileFieldsFor returns the parts of the profile of agentID that viewer reads, once
// CanSeeProfile lets them see the profile at all: every part for the agent (and the
// application itself), the email also for managers and administrators, none of them for
// anyone else.
func ProfileFieldsFor(viewer *User, agentID int64) ProfileFields {
	switch {
	case viewer == nil:
		return ProfileFields{}
	case viewer.System || (viewer.AgentID != 0 && viewer.AgentID == agentID):
		return ProfileFields{Email: true, Identity: true, Visibility: true, HiddenFrom: true, RemovedSkills: true}
	}
	return ProfileFields{Email: viewer.AgentID != 0 && viewer.IsManagerOrAdmin()}
}

// SeeProfile returns what viewer may see of p, the one rule every read of a profile goes
// through: nil when CanSeeProfile refuses the profile; otherwise p itself, with the parts
// ProfileFieldsFor withholds from viewer blanked and p.Shown telling which parts viewer
// reads (so that a blank part reads as withheld, not as empty).
func SeeProfile(viewer *User, p *Profile) *Profile {
	if p == nil || p.Agent == nil || !CanSeeProfile(viewer, p.Agent, p.HiddenFrom) {
		return nil
	}
	f := ProfileFieldsFor(viewer, p.Agent.ID)
	p.Shown = f
	a := p.Agent
	if !f.Email {
		a.Email = ""
	}
	if !f.Identity {
		a.Issuer, a.Subject, a.UID, a.IdpID, a.AssertedOrganisationID = "", "", "", "", 0
	}
	if !f.Visibility {
		a.Visibility = ""
	}
	if !f.HiddenFrom {
		p.HiddenFrom = nil
	}
	return p
}

// RecordsView reports whether what viewer reads of, or does to, the profile of agentID
// goes in the audit log as a view of that profile, which the agent then lists among who
// viewed it: a manager's or administrator's, on someone else's profile. The store applies
// it on every path that finds the profile visible to the viewer — the profile itself, a
// nested edge, a skill's history or endorsements, a validation, an endorsement — whether
// the operation then succeeds or is refused, because a refusal also tells what the profile
// holds (« this skill is not declared »).
func RecordsView(viewer *User, agentID int64) bool {
	return viewer != nil && !viewer.System && viewer.AgentID != 0 && viewer.AgentID != agentID &&
		viewer.IsManagerOrAdmin()
}

// KnowsWhoActed reports whether viewer learns the name of every person who acted on the
// profile of agentID — validated one of its skills, changed a declaration, viewed it —
// whatever the visibility of that person's own profile: the agent, about their own profile
// (and the application itself). Only the name: the actor's profile stays as CanSeeProfile
// allows. Anyone else learns of an actor only what CanSeeProfile shows of them.
func KnowsWhoActed(viewer *User, agentID int64) bool {
	return viewer != nil && (viewer.System || (viewer.AgentID != 0 && viewer.AgentID == agentID))
}

// TalentScope is the set of profiles a viewer finds in a talent search, written as sets
// that the talent index and SQL apply: the agent's own profile, plus the profiles of the
// visibilities listed, less those that hide from the viewer's asserted organisation (or,
// when it is not asserted, from any organisation). It is CanSeeProfile as sets (a test
// checks that Includes and CanSeeProfile agree on every case): managers and
// administrators find MANAGERS and ALL_AGENTS profiles, every other agent ALL_AGENTS
// ones, and nobody finds a profile hidden from their organisation.
type TalentScope struct {
	Everyone     bool  // the application itself
	Self         int64 // the viewer's own profile (0: none)
	Visibilities []Visibility
	// HiddenFrom excludes the profiles hidden from this organisation; when it is 0,
	// every profile hidden from any organisation is excluded.
	HiddenFrom int64
}

// TalentScopeFor returns the scope of a talent search by viewer: nothing for an
// anonymous request.
func TalentScopeFor(viewer *User) TalentScope {
	switch {
	case viewer == nil:
		return TalentScope{}
	case viewer.System:
		return TalentScope{Everyone: true}
	case viewer.AgentID == 0:
		return TalentScope{}
	}
	s := TalentScope{Self: viewer.AgentID, HiddenFrom: viewer.OrganisationID, Visibilities: []Visibility{VisibilityAllAgents}}
	if viewer.IsManagerOrAdmin() {
		s.Visibilities = []Visibility{VisibilityManagers, VisibilityAllAgents}
	}
	return s
}

// Includes reports whether the scope holds the profile of a, hidden from the
// organisations hiddenFrom.
func (s TalentScope) Includes(a *Agent, hiddenFrom []int64) bool {
	switch {
	case s.Everyone || (s.Self != 0 && a.ID == s.Self):
		return true
	case !slices.Contains(s.Visibilities, a.Visibility):
		return false
	case len(hiddenFrom) == 0:
		return true
	}
	return s.HiddenFrom != 0 && !slices.Contains(hiddenFrom, s.HiddenFrom)
}

// RecordsSearch reports whether a talent search by viewer goes in the audit log (who,
// when, the filter, how many results): a manager's or administrator's.
func RecordsSearch(viewer *User) bool {
	return viewer != nil && !viewer.System && viewer.AgentID != 0 && viewer.IsManagerOrAdmin()
}

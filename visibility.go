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
		return viewer.Has(AccessManager) || viewer.Has(AccessAdmin)
	}
	return false
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
		(viewer.Has(AccessManager) || viewer.Has(AccessAdmin))
}

// KnowsWhoActed reports whether viewer learns the name of every person who acted on the
// profile of agentID — validated one of its skills, changed a declaration, viewed it —
// whatever the visibility of that person's own profile: the agent, about their own profile
// (and the application itself). Only the name: the actor's profile stays as CanSeeProfile
// allows. Anyone else learns of an actor only what CanSeeProfile shows of them.
func KnowsWhoActed(viewer *User, agentID int64) bool {
	return viewer != nil && (viewer.System || (viewer.AgentID != 0 && viewer.AgentID == agentID))
}

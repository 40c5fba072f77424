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

package sqlite

import "passerelles"

// visibleAgent returns an SQL condition, on the agents row aliased alias, equal to
// passerelles.CanSeeProfile for the viewer, and its arguments: lists filter in SQL so that
// pages and counts are right, and a test checks the condition against the domain rule.
func visibleAgent(alias string, viewer *passerelles.User) (string, []any) {
	switch {
	case viewer == nil:
		return "0", nil
	case viewer.System:
		return "1", nil
	case viewer.AgentID == 0:
		return "0", nil
	}
	manager := viewer.IsManagerOrAdmin()
	return `(` + alias + `.id = ? OR ((` + alias + `.visibility = 'ALL_AGENTS' OR (` + alias + `.visibility = 'MANAGERS' AND ?))
		AND NOT EXISTS (SELECT 1 FROM agent_hidden_organisations h WHERE h.agent_id = ` + alias + `.id
			AND (h.organisation_id = ? OR ? = 0))))`,
		[]any{viewer.AgentID, manager, viewer.OrganisationID, viewer.OrganisationID}
}

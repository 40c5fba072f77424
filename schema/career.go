package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

// careerTypes builds the types of gaps, paths, career history and mentoring, and adds
// their fields to Role, Transition, Profile and User.
func (b *builder) careerTypes() {
	basis := graphql.NewEnum(graphql.EnumConfig{Name: "GapBasis", Description: "Which of the agent's levels of a skill counts towards a role.",
		Values: graphql.EnumValueConfigMap{
			"VALIDATED": {Value: string(passerelles.GapBasisValidated), Description: "A manager validated a level: it counts."},
			"DECLARED":  {Value: string(passerelles.GapBasisDeclared), Description: "Declared, not validated: the declared level counts."},
			"NONE":      {Value: string(passerelles.GapBasisNone), Description: "Not declared: counts as 0."},
		}})
	stepKind := graphql.NewEnum(graphql.EnumConfig{Name: "CareerStepKind", Description: "How a step of a career path is made.",
		Values: graphql.EnumValueConfigMap{
			"ENTRY":        {Value: string(passerelles.CareerStepEntry), Description: "No current role: the path starts in the role closest to the profile."},
			"CLOSE":        {Value: string(passerelles.TransitionKindClose), Description: "A close move."},
			"PROMOTION":    {Value: string(passerelles.TransitionKindPromotion), Description: "A move that needs growth."},
			"RECONVERSION": {Value: string(passerelles.TransitionKindReconversion), Description: "A change of trade."},
		}})
	mentoringState := graphql.NewEnum(graphql.EnumConfig{Name: "MentoringState", Description: "Where a mentoring request stands.",
		Values: graphql.EnumValueConfigMap{
			"PENDING":   {Value: string(passerelles.MentoringPending), Description: "Waiting for the mentor's answer."},
			"ACCEPTED":  {Value: string(passerelles.MentoringAccepted), Description: "The mentor accepted: both parties read each other's email."},
			"DECLINED":  {Value: string(passerelles.MentoringDeclined), Description: "The mentor declined."},
			"WITHDRAWN": {Value: string(passerelles.MentoringWithdrawn), Description: "The requester withdrew it."},
		}})
	optInt := func(v int) any {
		if v == 0 {
			return nil
		}
		return v
	}
	mentor := graphql.NewObject(graphql.ObjectConfig{Name: "Mentor",
		Description: "An agent willing to mentor whose profile the viewer may see: holds a missing skill at the target level, or made the move. " + passerelles.MentorRankExplanation,
		Fields: graphql.Fields{
			"profile": {Type: b.profile, Description: "Their profile (null if it stopped being visible).", Resolve: b.r.MentorProfile},
			"madeTheMove": prop(nonNull(graphql.Boolean), "Their history shows the move from the viewer's current role to the target role.",
				func(m passerelles.Mentor) any { return m.MadeTheMove }),
			"heldRole": prop(nonNull(graphql.Boolean), "They hold or held the target role.",
				func(m passerelles.Mentor) any { return m.HeldRole }),
			"level": prop(graphql.Int, "Their level of the skill (validated when a manager validated one, else declared); null in a role's list.",
				func(m passerelles.Mentor) any { return optInt(m.Level) }),
			"validated": prop(nonNull(graphql.Boolean), "A manager validated that level.",
				func(m passerelles.Mentor) any { return m.Validated }),
		}})
	skillGap := graphql.NewObject(graphql.ObjectConfig{Name: "SkillGap",
		Description: "What separates an agent from one required skill of a role, and what helps close it.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"skill": {Type: nonNull(b.skill), Description: "The required skill.", Resolve: b.r.SkillGapSkill},
				"declaredLevel": prop(graphql.Int, "The level the agent declared; null when not declared.",
					func(s *resolvers.SkillGapNode) any { return optInt(s.DeclaredLevel) }),
				"validatedLevel": prop(graphql.Int, "The level a manager validated; null when none.",
					func(s *resolvers.SkillGapNode) any { return optInt(s.ValidatedLevel) }),
				"targetLevel": prop(nonNull(graphql.Int), "The level the role requires.",
					func(s *resolvers.SkillGapNode) any { return s.TargetLevel }),
				"countedLevel": prop(nonNull(graphql.Int), "The level that counts (see basis); 0 when not declared.",
					func(s *resolvers.SkillGapNode) any { return s.CountedLevel }),
				"basis": prop(nonNull(basis), "Which level counts.",
					func(s *resolvers.SkillGapNode) any { return string(s.Basis) }),
				"gap": prop(nonNull(graphql.Int), "Levels missing: target − counted, 0 when reached.",
					func(s *resolvers.SkillGapNode) any { return s.SkillGap.Gap }),
				"weight": prop(nonNull(graphql.Int), "How much the skill matters to the role: 1 useful, 2 important, 3 essential.",
					func(s *resolvers.SkillGapNode) any { return s.Weight }),
				"events": {Type: listOf(b.event), Resolve: b.r.SkillGapEvents,
					Description: fmt.Sprintf("The next upcoming events that develop the skill (%d at most); empty when the skill is reached.", resolvers.GapEventsShown)},
				"communities": {Type: listOf(b.community), Resolve: b.r.SkillGapCommunities,
					Description: fmt.Sprintf("Communities that develop the skill (%d at most); empty when reached.", resolvers.GapCommunitiesShown)},
				"mentors": {Type: listOf(mentor), Resolve: b.r.SkillGapMentors,
					Description: fmt.Sprintf("Mentors the viewer may ask for this skill, best first (%d at most): on the viewer's own gap only, empty otherwise and when reached.", resolvers.MentorsShown)},
			}
		})})
	roleGap := graphql.NewObject(graphql.ObjectConfig{Name: "RoleGap",
		Description: "What separates an agent's profile from a role.",
		Fields: graphql.Fields{
			"role": {Type: nonNull(b.role), Description: "The role.", Resolve: b.r.RoleGapRole},
			"match": prop(nonNull(graphql.Int), "How well the profile matches the role, 0–100 (see explanation).",
				func(g *resolvers.RoleGapNode) any { return g.Match }),
			"explanation": prop(nonNull(graphql.String), "How the levels count and the match is computed, in French.",
				func(g *resolvers.RoleGapNode) any { return passerelles.GapExplanation }),
			"skills": {Type: listOf(skillGap), Description: "Every required skill, in the role's order (most essential first).", Resolve: b.r.RoleGapSkills},
			"largestGaps": {Type: listOf(skillGap), Resolve: b.r.RoleGapLargest,
				Description: fmt.Sprintf("The %d missing skills that matter most (weight × gap).", resolvers.LargestGapsShown)},
			"mentors": {Type: listOf(mentor), Resolve: b.r.RoleGapMentors,
				Description: fmt.Sprintf("Agents willing to mentor who moved into the role or hold it (%d at most; who made the viewer's own move first): on the viewer's own gap only.", resolvers.MentorsShown)},
		}})
	step := graphql.NewObject(graphql.ObjectConfig{Name: "CareerStep", Description: "One step of a career path.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"kind": prop(nonNull(stepKind), "How the step is made.", func(s passerelles.CareerStep) any { return string(s.Kind) }),
				"from": {Type: b.role, Description: "The role left; null for ENTRY.", Resolve: b.r.StepRole(false)},
				"to":   {Type: nonNull(b.role), Description: "The role reached.", Resolve: b.r.StepRole(true)},
				"transition": prop(b.transition, "The transition of the catalogue; null for ENTRY.", func(s passerelles.CareerStep) any {
					if s.Transition == nil {
						return nil
					}
					return s.Transition
				}),
				"match": prop(nonNull(graphql.Int), "The agent's match with the role reached, 0–100.", func(s passerelles.CareerStep) any { return s.Match }),
				"cost": prop(nonNull(graphql.Float), "The step's cost: kind (1 close, 2 promotion, 3 reconversion) + (100 − match) / 25 + typical months / 12.",
					func(s passerelles.CareerStep) any { return s.Cost }),
				"explanation": prop(nonNull(graphql.String), "The step explained, in French.", func(s passerelles.CareerStep) any { return s.Explanation }),
			}
		})})
	path := graphql.NewObject(graphql.ObjectConfig{Name: "CareerPath", Description: "A way to a target role, through the catalogue's transitions.",
		Fields: graphql.Fields{
			"steps":       prop(listOf(step), "The steps, in order.", func(c passerelles.CareerPath) any { return c.Steps }),
			"cost":        prop(nonNull(graphql.Float), "The sum of the steps' costs: lower is better.", func(c passerelles.CareerPath) any { return c.Cost }),
			"totalMonths": prop(nonNull(graphql.Int), "The sum of the steps' known typical durations, in months.", func(c passerelles.CareerPath) any { return c.Months }),
		}})
	b.careerPaths = graphql.NewObject(graphql.ObjectConfig{Name: "CareerPaths", Description: "The best career paths to a role, and where they start.",
		Fields: graphql.Fields{
			"from": {Type: b.role, Description: "The role the paths start from (the role closest to the profile when entry is true); null when there is none.", Resolve: b.r.CareerPathsFrom},
			"entry": prop(nonNull(graphql.Boolean), "The agent has no current role: each path starts with an ENTRY step.",
				func(c *passerelles.CareerPaths) any { return c.Entry }),
			"message": prop(nonNull(graphql.String), "Where the paths start, or plainly why there is none, in French.",
				func(c *passerelles.CareerPaths) any { return c.Message }),
			"paths": prop(listOf(path), "The paths, best first; empty when there is none.",
				func(c *passerelles.CareerPaths) any { return c.Paths }),
		}})
	b.roleGap = roleGap

	observed := graphql.NewObject(graphql.ObjectConfig{Name: "ObservedMoves",
		Description: fmt.Sprintf("What agents' career histories tell of a transition; figures of fewer than %d agents are not shown.", passerelles.MinCellSize),
		Fields: graphql.Fields{
			"count": prop(graphql.Int, "How many agents made the move; null when fewer than 5.",
				func(m passerelles.ObservedMoves) any { return intOrNil(m.Count) }),
			"medianMonths": prop(graphql.Int, "Median months spent in the origin role before the move; null when fewer than 5 agents.",
				func(m passerelles.ObservedMoves) any { return intOrNil(m.MedianMonths) }),
			"suppressedReason": prop(graphql.String, "Why the figures are not shown, in French; null when they are.",
				func(m passerelles.ObservedMoves) any { return optional(m.SuppressedReason) }),
		}})
	b.extra["Transition"] = graphql.Fields{"observedMoves": &graphql.Field{Type: nonNull(observed), Resolve: b.r.TransitionObservedMoves,
		Description: "The moves agents recorded along this transition (signed-in people)."}}
	b.extra["Role"] = graphql.Fields{
		"holdersCount": &graphql.Field{Type: graphql.Int, Resolve: b.r.RoleCount(true),
			Description: "How many agents hold the role now; null when fewer than 5 (signed-in people)."},
		"targetersCount": &graphql.Field{Type: graphql.Int, Resolve: b.r.RoleCount(false),
			Description: "How many agents target the role; null when fewer than 5 (signed-in people)."}}

	b.pastRole = graphql.NewObject(graphql.ObjectConfig{Name: "PastRole", Description: "A role of an agent's career history.",
		Fields: graphql.Fields{
			"id":   prop(nonNull(graphql.ID), "Identifier of the entry.", func(e passerelles.PastRole) any { return resolvers.ID(e.ID) }),
			"role": {Type: nonNull(b.role), Description: "The role.", Resolve: b.r.PastRoleRole},
			"startedOn": prop(nonNull(graphql.String), "First day in the role (YYYY-MM-DD).",
				func(e passerelles.PastRole) any { return e.StartedOn.Format("2006-01-02") }),
			"endedOn": prop(graphql.String, "Last day in the role (YYYY-MM-DD); null for the role held still.", func(e passerelles.PastRole) any {
				if e.EndedOn == nil {
					return nil
				}
				return e.EndedOn.Format("2006-01-02")
			}),
		}})
	b.extra["Profile"] = graphql.Fields{"careerHistory": &graphql.Field{Type: listOf(b.pastRole), Resolve: b.r.ProfileCareerHistory,
		Description: fmt.Sprintf("The roles the agent held, by start date (%d at most): read by whoever sees the profile.", passerelles.MaxPastRoles)}}

	b.mentoringRequest = graphql.NewObject(graphql.ObjectConfig{Name: "MentoringRequest",
		Description: "A request that an agent mentor another towards a role; read by its two parties only.",
		Fields: graphql.Fields{
			"id":    prop(nonNull(graphql.ID), "Identifier of the request.", func(m *passerelles.MentoringRequest) any { return resolvers.ID(m.ID) }),
			"state": prop(nonNull(mentoringState), "Where it stands.", func(m *passerelles.MentoringRequest) any { return string(m.State) }),
			"role":  {Type: nonNull(b.role), Description: "The role the requester aims at.", Resolve: b.r.MentoringRole},
			"message": prop(nonNull(graphql.String), "The requester's message.",
				func(m *passerelles.MentoringRequest) any { return m.Message }),
			"createdAt": prop(nonNull(graphql.String), "When it was sent (RFC 3339).",
				func(m *passerelles.MentoringRequest) any { return m.CreatedAt.Format("2006-01-02T15:04:05.000Z07:00") }),
			"answeredAt": prop(graphql.String, "When it was accepted, declined or withdrawn (RFC 3339); null while pending.", func(m *passerelles.MentoringRequest) any {
				if m.AnsweredAt.IsZero() {
					return nil
				}
				return m.AnsweredAt.Format("2006-01-02T15:04:05.000Z07:00")
			}),
			"requesterName": prop(nonNull(graphql.String), "The requester's name.", func(m *passerelles.MentoringRequest) any { return m.RequesterName }),
			"mentorName":    prop(nonNull(graphql.String), "The mentor's name.", func(m *passerelles.MentoringRequest) any { return m.MentorName }),
			"requester":     {Type: b.profile, Description: "The requester's profile, when the viewer may see it.", Resolve: b.r.MentoringParty(false)},
			"mentor":        {Type: b.profile, Description: "The mentor's profile, when the viewer may see it.", Resolve: b.r.MentoringParty(true)},
			"mentorEmail": prop(graphql.String, "The mentor's email, once the mentor accepted; null before.",
				func(m *passerelles.MentoringRequest) any { return optional(m.MentorEmail) }),
			"requesterEmail": prop(graphql.String, "The requester's email, once the mentor accepted; null before.",
				func(m *passerelles.MentoringRequest) any { return optional(m.RequesterEmail) }),
		}})
	b.user.AddFieldConfig("mentoringRequestsSent", &graphql.Field{Type: nonNull(b.connection(b.mentoringRequest)), Args: pageArgs(nil),
		Resolve: b.r.MentoringRequests(true), Description: "The mentoring requests the person sent, latest first: for `me` only (FORBIDDEN for anyone else)."})
	b.user.AddFieldConfig("mentoringRequestsReceived", &graphql.Field{Type: nonNull(b.connection(b.mentoringRequest)), Args: pageArgs(nil),
		Resolve: b.r.MentoringRequests(false), Description: "The mentoring requests the person received, latest first: for `me` only (FORBIDDEN for anyone else)."})
}

func intOrNil(v *int) any {
	if v == nil {
		return nil
	}
	return *v
}

// withCareerQueries adds the queries of gaps, closest roles and paths to fields.
func (b *builder) withCareerQueries(fields graphql.Fields) graphql.Fields {
	agentID := &graphql.ArgumentConfig{Type: graphql.ID, Description: "The agent (absent: the signed-in agent); another agent only when their profile is visible to the viewer."}
	fields["roleGap"] = &graphql.Field{Type: nonNull(b.roleGap), Resolve: b.r.RoleGap,
		Description: "What separates an agent's profile from a role: each required skill with the declared, validated, counted and target levels, and the match.",
		Args: graphql.FieldConfigArgument{
			"roleCode": &graphql.ArgumentConfig{Type: nonNull(graphql.String), Description: "Code of the role (\"D03\")."},
			"agentId":  agentID}}
	fields["closestRoles"] = &graphql.Field{Type: listOf(b.roleGap), Resolve: b.r.ClosestRoles,
		Description: "The roles closest to an agent's profile, best match first (their current role left out).",
		Args: graphql.FieldConfigArgument{
			"agentId": agentID,
			"family":  &graphql.ArgumentConfig{Type: b.roleFamily, Description: "Only roles of this family (DIGITAL: « de quel métier du numérique suis-je le plus proche ? »)."},
			"first":   &graphql.ArgumentConfig{Type: graphql.Int, DefaultValue: 5, Description: "How many roles, from 0 to 100."}}}
	fields["careerPaths"] = &graphql.Field{Type: nonNull(b.careerPaths), Resolve: b.r.CareerPaths,
		Description: "The best career paths to a role through the catalogue's transitions, from the agent's current role (or another role, or the profile alone), each step explained.",
		Args: graphql.FieldConfigArgument{
			"to":       &graphql.ArgumentConfig{Type: nonNull(graphql.String), Description: "Code of the target role."},
			"from":     &graphql.ArgumentConfig{Type: graphql.String, Description: "Code of the starting role (absent: the agent's current role, or the profile alone when none)."},
			"agentId":  agentID,
			"maxSteps": &graphql.ArgumentConfig{Type: graphql.Int, DefaultValue: passerelles.MaxPathSteps, Description: fmt.Sprintf("Most steps a path takes, from 1 to %d.", passerelles.MaxPathSteps)},
			"first":    &graphql.ArgumentConfig{Type: graphql.Int, DefaultValue: 3, Description: fmt.Sprintf("How many paths, from 1 to %d.", passerelles.MaxPaths)}}}
	return fields
}

// careerMutations adds the mutations of career history and mentoring to fields.
func (b *builder) careerMutations(fields graphql.Fields) {
	in := func(name, description string, f graphql.InputObjectConfigFieldMap) graphql.FieldConfigArgument {
		return graphql.FieldConfigArgument{"input": &graphql.ArgumentConfig{Description: description,
			Type: nonNull(graphql.NewInputObject(graphql.InputObjectConfig{Name: name, Description: description, Fields: f}))}}
	}
	entry := graphql.NewInputObject(graphql.InputObjectConfig{Name: "PastRoleInput", Description: "A role of one's career history.",
		Fields: graphql.InputObjectConfigFieldMap{
			"roleId":    inputField(nonNull(graphql.ID), "The role."),
			"startedOn": inputField(nonNull(graphql.String), "First day in the role (YYYY-MM-DD, not in the future)."),
			"endedOn":   inputField(graphql.String, "Last day in the role (YYYY-MM-DD, not before startedOn); absent for the role held still (one at most)."),
		}})
	fields["setCareerHistory"] = &graphql.Field{Description: fmt.Sprintf("Replaces the signed-in agent's career history (%d roles at most).", passerelles.MaxPastRoles),
		Type: payload("SetCareerHistoryPayload", "Result of setCareerHistory.", map[string]*graphql.Field{
			"careerHistory": {Type: listOf(b.pastRole), Description: "The history after the change, by start date."}}),
		Args: in("SetCareerHistoryInput", "The whole history.", graphql.InputObjectConfigFieldMap{
			"entries": inputField(nonNull(graphql.NewList(nonNull(entry))), "Every role held, in any order.")}),
		Resolve: b.r.SetCareerHistory}
	requestPayload := func(name string) *graphql.Object {
		return payload(name, "Result of "+name[:len(name)-len("Payload")]+".", map[string]*graphql.Field{
			"request": {Type: nonNull(b.mentoringRequest), Description: "The request after the change."}})
	}
	requestID := inputField(nonNull(graphql.ID), "The request.")
	fields["requestMentoring"] = &graphql.Field{Type: requestPayload("RequestMentoringPayload"),
		Description: fmt.Sprintf("Asks an agent willing to mentor, whose profile one may see, to mentor one towards a role: not oneself, one pending request per mentor, %d requests a day at most.", passerelles.MaxMentoringRequestsPerDay),
		Args: in("RequestMentoringInput", "The mentor, the role and a message.", graphql.InputObjectConfigFieldMap{
			"mentorId": inputField(nonNull(graphql.ID), "The mentor."),
			"roleCode": inputField(nonNull(graphql.String), "Code of the role aimed at."),
			"message":  inputField(graphql.String, fmt.Sprintf("A message to the mentor (%d characters at most).", passerelles.MaxMentoringMessage))}),
		Resolve: b.r.RequestMentoring}
	fields["respondToMentoring"] = &graphql.Field{Type: requestPayload("RespondToMentoringPayload"),
		Description: "Accepts or declines a pending request (its mentor only); once accepted, both parties read each other's email.",
		Args: in("RespondToMentoringInput", "The request and the answer.", graphql.InputObjectConfigFieldMap{
			"requestId": requestID, "accept": inputField(nonNull(graphql.Boolean), "true to accept, false to decline.")}),
		Resolve: b.r.RespondToMentoring}
	fields["withdrawMentoringRequest"] = &graphql.Field{Type: requestPayload("WithdrawMentoringRequestPayload"),
		Description: "Withdraws a pending request (its requester only).",
		Args:        in("WithdrawMentoringRequestInput", "The request.", graphql.InputObjectConfigFieldMap{"requestId": requestID}),
		Resolve:     b.r.WithdrawMentoringRequest}
}

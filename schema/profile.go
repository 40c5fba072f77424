package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

func enumOf(name, description string, values map[string]string) *graphql.Enum {
	cfg := graphql.EnumValueConfigMap{}
	for v, d := range values {
		cfg[v] = &graphql.EnumValueConfig{Value: v, Description: d}
	}
	return graphql.NewEnum(graphql.EnumConfig{Name: name, Description: description, Values: cfg})
}

func (b *builder) profileEnums() {
	b.visibility = enumOf("Visibility", "Who may see an agent's profile.", map[string]string{
		"PRIVATE":    "Only the agent (the default until they choose).",
		"MANAGERS":   "Managers and administrators.",
		"ALL_AGENTS": "Every signed-in agent.",
	})
	b.evidenceKind = enumOf("EvidenceKind", "What backs a declared skill.", map[string]string{
		"EXPERIENCE":    "A professional experience.",
		"TRAINING":      "A training followed.",
		"CERTIFICATION": "A certification, such as Pix (with its score).",
	})
	b.validationStatus = enumOf("ValidationStatus", "Where a declared level stands against a manager's validation.", map[string]string{
		"NOT_VALIDATED":   "No manager validated it yet.",
		"VALIDATED":       "Validated at (or above) the declared level.",
		"VALIDATED_LOWER": "A manager validated a lower level, with a comment.",
		"ABOVE_VALIDATED": "Declared since above the validated level: not yet validated.",
	})
	b.skillChange = enumOf("SkillChange", "What a version of a declaration records.", map[string]string{
		"DECLARED":  "First declaration.",
		"UPDATED":   "The agent changed it.",
		"VALIDATED": "A manager validated a level.",
		"REMOVED":   "The agent removed it.",
	})
}

func ownedSkill(get func(resolvers.OwnedSkill) any) func(resolvers.OwnedSkill) any { return get }

func (b *builder) evidenceType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Evidence",
		Description: "What backs a declared skill: an experience, a training or a certification.",
		Fields: graphql.Fields{
			"id":          prop(nonNull(graphql.ID), "Identifier.", func(e passerelles.Evidence) any { return resolvers.ID(e.ID) }),
			"kind":        prop(nonNull(b.evidenceKind), "Kind of evidence.", func(e passerelles.Evidence) any { return string(e.Kind) }),
			"title":       prop(nonNull(graphql.String), "Title (training name, certification, position held).", func(e passerelles.Evidence) any { return e.Title }),
			"description": prop(nonNull(graphql.String), "Details.", func(e passerelles.Evidence) any { return e.Description }),
			"score": prop(graphql.Int, "Pix certification score (0–1024), when given.", func(e passerelles.Evidence) any {
				if e.Score == nil {
					return nil
				}
				return *e.Score
			}),
			"obtainedOn": prop(graphql.String, "Date obtained (YYYY-MM-DD), when given.", func(e passerelles.Evidence) any {
				if e.ObtainedOn == nil {
					return nil
				}
				return e.ObtainedOn.Format("2006-01-02")
			}),
			"url": prop(graphql.String, "Link to the evidence, when given.", func(e passerelles.Evidence) any { return optional(e.URL) }),
		},
	})
}

func (b *builder) skillVersionType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "SkillVersion",
		Description: "One version of a declaration: what it said from validFrom until validTo.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"version": prop(nonNull(graphql.Int), "Version number, from 1.", func(v resolvers.OwnedVersion) any { return v.Version }),
				"change":  prop(nonNull(b.skillChange), "What changed.", func(v resolvers.OwnedVersion) any { return string(v.Change) }),
				"level":   {Type: b.level, Description: "Declared level (null once removed).", Resolve: b.r.VersionLevel},
				"validatedLevel": {Type: b.level, Description: "Level validated by a manager, if any.",
					Resolve: b.r.VersionValidatedLevel},
				"currentUse":     prop(nonNull(graphql.Boolean), "Used now (else in the past).", func(v resolvers.OwnedVersion) any { return v.CurrentUse }),
				"wantsToDevelop": prop(nonNull(graphql.Boolean), "The agent wants to develop it.", func(v resolvers.OwnedVersion) any { return v.WantsToDevelop }),
				"comment":        prop(nonNull(graphql.String), "The validating manager's comment.", func(v resolvers.OwnedVersion) any { return v.Comment }),
				"topRank": prop(graphql.Int, "Rank among the agent's top skills in this version (1–5), null when not ranked.",
					func(v resolvers.OwnedVersion) any {
						if v.TopRank == 0 {
							return nil
						}
						return v.TopRank
					}),
				"validFrom": prop(nonNull(graphql.String), "Start of this version (RFC 3339).", func(v resolvers.OwnedVersion) any { return resolvers.FormatTime(v.ValidFrom) }),
				"validTo":   prop(graphql.String, "End of this version; null for the version in force.", func(v resolvers.OwnedVersion) any { return resolvers.FormatTime(v.ValidTo) }),
				"changedBy": {Type: b.profile, Description: "Who made the change, when the viewer may see their profile.",
					Resolve: b.r.VersionChangedBy},
				"changedByName": prop(graphql.String, "The name of who made the change: always given to the agent the profile belongs to, whatever that person's own visibility; null for anyone else (read changedBy) and once that person's account was erased.",
					func(v resolvers.OwnedVersion) any { return optional(v.ChangedByName) }),
			}
		}),
	})
}

func (b *builder) declaredSkillType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "DeclaredSkill",
		Description: "A skill on an agent's profile: declared level, evidence, validation, endorsements and history.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"skill": {Type: nonNull(b.skill), Description: "The skill of the referential.", Resolve: b.r.DeclaredSkillSkill},
				"level": {Type: nonNull(b.level), Description: "Declared level, on the skill's scale.", Resolve: b.r.DeclaredSkillLevel},
				"currentUse": prop(nonNull(graphql.Boolean), "Used now (false: used in the past).",
					ownedSkill(func(s resolvers.OwnedSkill) any { return s.CurrentUse })),
				"wantsToDevelop": prop(nonNull(graphql.Boolean), "The agent wants to develop it.",
					ownedSkill(func(s resolvers.OwnedSkill) any { return s.WantsToDevelop })),
				"topRank": prop(graphql.Int, "Rank among the agent's top skills (1–5), null when not ranked.",
					ownedSkill(func(s resolvers.OwnedSkill) any {
						if s.TopRank == 0 {
							return nil
						}
						return s.TopRank
					})),
				"evidence": prop(listOf(b.evidence), "What backs the declaration.",
					ownedSkill(func(s resolvers.OwnedSkill) any { return s.Evidence })),
				"validatedLevel": {Type: b.level, Description: "Level a manager validated, if any.", Resolve: b.r.DeclaredSkillValidatedLevel},
				"validationStatus": prop(nonNull(b.validationStatus), "Declared level against the validated one.",
					ownedSkill(func(s resolvers.OwnedSkill) any { return string(s.Status()) })),
				"validationComment": prop(graphql.String, "The validating manager's comment, if any.",
					ownedSkill(func(s resolvers.OwnedSkill) any { return optional(s.ValidationComment) })),
				"validatedAt": prop(graphql.String, "When it was validated (RFC 3339).",
					ownedSkill(func(s resolvers.OwnedSkill) any { return resolvers.FormatTime(s.ValidatedAt) })),
				"validatedBy": {Type: b.profile, Description: "The validating manager, when the viewer may see their profile.",
					Resolve: b.r.DeclaredSkillValidatedBy},
				"validatedByName": prop(graphql.String, "The validating manager's name: always given to the agent the profile belongs to, whatever the manager's own visibility; null for anyone else (read validatedBy) and once the manager's account was erased.",
					ownedSkill(func(s resolvers.OwnedSkill) any { return optional(s.ValidatedByName) })),
				"endorsementCount": prop(nonNull(graphql.Int), "How many agents endorsed it.",
					ownedSkill(func(s resolvers.OwnedSkill) any { return s.EndorsementCount })),
				"endorsedByMe": prop(nonNull(graphql.Boolean), "Whether the viewer endorsed it.",
					ownedSkill(func(s resolvers.OwnedSkill) any { return s.EndorsedByViewer })),
				"endorsers": {Type: listOf(b.profile), Description: fmt.Sprintf("The latest endorsers whose profile the viewer may see, %d at most (endorsementCount counts them all).", resolvers.MaxEndorsers),
					Resolve: b.r.DeclaredSkillEndorsers},
				"history": {Type: listOf(b.skillVersion), Description: fmt.Sprintf("The versions of the declaration, oldest first: the latest %d (the export holds them all).", resolvers.MaxVersions),
					Resolve: b.r.DeclaredSkillHistory},
				"declaredAt": prop(nonNull(graphql.String), "First declared (RFC 3339).",
					ownedSkill(func(s resolvers.OwnedSkill) any { return resolvers.FormatTime(s.DeclaredAt) })),
				"updatedAt": prop(nonNull(graphql.String), "Last changed by the agent (RFC 3339).",
					ownedSkill(func(s resolvers.OwnedSkill) any { return resolvers.FormatTime(s.UpdatedAt) })),
			}
		}),
	})
}

func (b *builder) removedSkillType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "RemovedSkill",
		Description: "A skill the agent declared and then removed: its history stays.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"skill": {Type: nonNull(b.skill), Description: "The skill of the referential.", Resolve: b.r.RemovedSkillSkill},
				"removedAt": prop(nonNull(graphql.String), "When it was removed (RFC 3339).",
					func(s resolvers.OwnedRemovedSkill) any { return resolvers.FormatTime(s.RemovedAt) }),
				"history": {Type: listOf(b.skillVersion), Description: fmt.Sprintf("The versions of the declaration, oldest first, the removal last: the latest %d (the export holds them all).", resolvers.MaxVersions),
					Resolve: b.r.RemovedSkillHistory},
			}
		}),
	})
}

func (b *builder) profileType() *graphql.Object {
	pr := func(get func(*passerelles.Profile) any) func(*passerelles.Profile) any { return get }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Profile",
		Description: "An agent's profile, as far as the viewer may see it (visibility chosen by the agent).",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return b.extend("Profile", graphql.Fields{
				"id":        prop(nonNull(graphql.ID), "Identifier of the agent.", pr(func(p *passerelles.Profile) any { return resolvers.ID(p.Agent.ID) })),
				"givenName": prop(nonNull(graphql.String), "Given name.", pr(func(p *passerelles.Profile) any { return p.Agent.GivenName })),
				"usualName": prop(nonNull(graphql.String), "Usual name.", pr(func(p *passerelles.Profile) any { return p.Agent.UsualName })),
				"email": prop(graphql.String, "Professional email; only for the agent, managers and administrators.",
					pr(func(p *passerelles.Profile) any { return optional(p.Agent.Email) })),
				"organisation": {Type: b.organisation, Description: "Entity where the agent works.", Resolve: b.r.ProfileOrganisation},
				"region":       {Type: b.region, Description: "Region where the agent works.", Resolve: b.r.ProfileRegion},
				"grade":        {Type: b.grade, Description: "Category of the civil service.", Resolve: b.r.ProfileGrade},
				"currentRole":  {Type: b.role, Description: "Current role in the catalogue.", Resolve: b.r.ProfileCurrentRole},
				"bio":          prop(nonNull(graphql.String), "Short presentation.", pr(func(p *passerelles.Profile) any { return p.Agent.Bio })),
				"openToMobility": prop(nonNull(graphql.Boolean), "Open to a move.",
					pr(func(p *passerelles.Profile) any { return p.Agent.OpenToMobility })),
				"mobilityFamilies": prop(listOf(b.roleFamily), "Role families the agent would move towards.",
					pr(func(p *passerelles.Profile) any {
						out := make([]string, len(p.MobilityFamilies))
						for i, f := range p.MobilityFamilies {
							out[i] = string(f)
						}
						return out
					})),
				"mobilityRegions": {Type: listOf(b.region), Description: "Regions the agent would move to.", Resolve: b.r.ProfileMobilityRegions},
				"targetRoles":     {Type: listOf(b.role), Description: "Roles the agent aims at.", Resolve: b.r.ProfileTargetRoles},
				"willingToMentor": prop(nonNull(graphql.Boolean), "Willing to mentor other agents.",
					pr(func(p *passerelles.Profile) any { return p.Agent.WillingToMentor })),
				"visibility": {Type: b.visibility, Description: "Who may see the profile; only for the agent.",
					Resolve: func(p graphql.ResolveParams) (any, error) {
						x, err := resolvers.Source[*passerelles.Profile](p)
						if err != nil {
							return nil, err
						}
						if !x.Shown.Visibility { // passerelles.SeeProfile decided
							return nil, nil
						}
						return string(x.Agent.Visibility), nil
					}},
				"visibilityChosen": prop(nonNull(graphql.Boolean), "Whether the agent chose the visibility explicitly (onboarding done).",
					pr(func(p *passerelles.Profile) any { return p.VisibilityChosen })),
				"hiddenFromOrganisations": {Type: graphql.NewList(nonNull(b.organisation)), Description: "Organisations the profile is hidden from; only for the agent.",
					Resolve: b.r.ProfileHiddenFrom},
				"isMe": {Type: nonNull(graphql.Boolean), Description: "Whether this is the viewer's own profile.",
					Resolve: func(p graphql.ResolveParams) (any, error) {
						x, err := resolvers.Source[*passerelles.Profile](p)
						if err != nil {
							return nil, err
						}
						return resolvers.IsMe(p, x), nil
					}},
				"skills": {Type: listOf(b.declaredSkill), Description: "Declared skills, top skills first.", Resolve: b.r.ProfileSkills},
				"removedSkills": {Type: listOf(b.removedSkill), Description: "Skills the agent declared and then removed, the latest removal first, each with its history: shown to whoever may see the profile, as every skill's history is.",
					Resolve: b.r.ProfileRemovedSkills},
				"skillHistory": {Type: listOf(b.skillVersion), Description: fmt.Sprintf("The versions of one skill of the profile, oldest first: the latest %d, removed skills included; empty when never declared.", resolvers.MaxVersions),
					Args:    graphql.FieldConfigArgument{"skillId": &graphql.ArgumentConfig{Type: nonNull(graphql.ID), Description: "The skill."}},
					Resolve: b.r.ProfileSkillHistory},
			})
		}),
	})
}

func (b *builder) profileViewType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "ProfileView",
		Description: "A visit of a manager or administrator to the signed-in agent's profile: a read of it, or an operation on it (validation, endorsement) whether it succeeded or was refused; repeated visits within 10 minutes count once.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"viewer": {Type: b.profile, Description: "The viewer's profile, when it is visible to the agent; null otherwise.", Resolve: b.r.ProfileViewViewer},
				"viewerName": prop(graphql.String, "Who viewed it (always given to the agent); null once the viewer's account was erased.",
					func(v passerelles.ProfileView) any { return optional(v.ViewerName) }),
				"viewerOrganisation": prop(graphql.String, "The viewer's organisation, as their identity provider names it.",
					func(v passerelles.ProfileView) any { return optional(v.ViewerOrganisation) }),
				"at": prop(nonNull(graphql.String), "When (RFC 3339).", func(v passerelles.ProfileView) any { return resolvers.FormatTime(v.At) }),
			}
		}),
	})
}

// payload returns a mutation payload type whose fields read the resolver's result map.
func payload(name, description string, fields map[string]*graphql.Field) *graphql.Object {
	out := graphql.Fields{}
	for k, f := range fields {
		key := k
		f.Resolve = func(p graphql.ResolveParams) (any, error) {
			m, err := resolvers.Source[map[string]any](p)
			if err != nil {
				return nil, err
			}
			return m[key], nil
		}
		out[k] = f
	}
	return graphql.NewObject(graphql.ObjectConfig{Name: name, Description: description, Fields: out})
}

func inputField(t graphql.Input, description string) *graphql.InputObjectFieldConfig {
	return &graphql.InputObjectFieldConfig{Type: t, Description: description}
}

func (b *builder) profileMutations(fields graphql.Fields) {
	in := func(name, description string, f graphql.InputObjectConfigFieldMap) graphql.FieldConfigArgument {
		return graphql.FieldConfigArgument{"input": &graphql.ArgumentConfig{Description: description,
			Type: nonNull(graphql.NewInputObject(graphql.InputObjectConfig{Name: name, Description: description, Fields: f}))}}
	}
	ids := graphql.NewList(nonNull(graphql.ID))
	evidence := graphql.NewInputObject(graphql.InputObjectConfig{Name: "EvidenceInput", Description: "A piece of evidence.",
		Fields: graphql.InputObjectConfigFieldMap{
			"kind":        inputField(nonNull(b.evidenceKind), "Kind of evidence."),
			"title":       inputField(nonNull(graphql.String), "Title (200 characters at most)."),
			"description": inputField(graphql.String, "Details (500 characters at most)."),
			"score":       inputField(graphql.Int, "Pix certification score, 0–1024."),
			"obtainedOn":  inputField(graphql.String, "Date obtained, YYYY-MM-DD, not in the future."),
			"url":         inputField(graphql.String, "Link (https://…)."),
		}})
	skillPayload := func(name string) *graphql.Object {
		return payload(name, "Result of "+name[:len(name)-len("Payload")]+".", map[string]*graphql.Field{
			"skill": {Type: nonNull(b.declaredSkill), Description: "The declared skill after the change."}})
	}
	fields["updateMyProfile"] = &graphql.Field{Description: "Completes or changes the signed-in agent's profile; absent fields stay as they are.",
		Type: payload("UpdateMyProfilePayload", "Result of updateMyProfile.", map[string]*graphql.Field{
			"profile": {Type: nonNull(b.profile), Description: "The profile after the change."}}),
		Args: in("UpdateMyProfileInput", "What to change.", graphql.InputObjectConfigFieldMap{
			"organisationId":            inputField(graphql.ID, "Entity where one works (\"\" clears it)."),
			"regionId":                  inputField(graphql.ID, "Region where one works (\"\" clears it)."),
			"gradeCode":                 inputField(graphql.String, "Grade code (\"A\", \"CONTRACTUEL\"; \"\" clears it)."),
			"currentRoleId":             inputField(graphql.ID, "Current role (\"\" clears it)."),
			"bio":                       inputField(graphql.String, "Short presentation, 1 000 characters at most."),
			"openToMobility":            inputField(graphql.Boolean, "Open to a move."),
			"mobilityFamilies":          inputField(graphql.NewList(nonNull(b.roleFamily)), "Families one would move towards."),
			"mobilityRegionIds":         inputField(ids, "Regions one would move to."),
			"targetRoleIds":             inputField(ids, "Roles one aims at."),
			"willingToMentor":           inputField(graphql.Boolean, "Willing to mentor."),
			"visibility":                inputField(b.visibility, "Who may see the profile."),
			"hiddenFromOrganisationIds": inputField(ids, "Organisations the profile is hidden from."),
		}), Resolve: b.r.UpdateMyProfile}
	fields["declareSkill"] = &graphql.Field{Description: "Declares a skill of the signed-in agent, or changes it (the previous version stays in its history).",
		Type: skillPayload("DeclareSkillPayload"),
		Args: in("DeclareSkillInput", "The declaration.", graphql.InputObjectConfigFieldMap{
			"skillId":        inputField(nonNull(graphql.ID), "The skill."),
			"level":          inputField(nonNull(graphql.Int), "Level value on the skill's scale (Level.value)."),
			"currentUse":     inputField(nonNull(graphql.Boolean), "Used now (false: in the past)."),
			"wantsToDevelop": inputField(nonNull(graphql.Boolean), "Wants to develop it."),
			"evidence":       inputField(graphql.NewList(nonNull(evidence)), "Evidence; replaces the previous evidence when given."),
		}), Resolve: b.r.DeclareSkill}
	fields["removeSkill"] = &graphql.Field{Description: "Removes a skill of the signed-in agent (its history keeps it).",
		Type: payload("RemoveSkillPayload", "Result of removeSkill.", map[string]*graphql.Field{
			"skillId": {Type: nonNull(graphql.ID), Description: "The skill removed."}}),
		Args:    in("RemoveSkillInput", "The skill to remove.", graphql.InputObjectConfigFieldMap{"skillId": inputField(nonNull(graphql.ID), "The skill.")}),
		Resolve: b.r.RemoveSkill}
	fields["rankTopSkills"] = &graphql.Field{Description: "Sets the signed-in agent's top skills, in order (5 at most).",
		Type: payload("RankTopSkillsPayload", "Result of rankTopSkills.", map[string]*graphql.Field{
			"profile": {Type: nonNull(b.profile), Description: "The profile after the change."}}),
		Args:    in("RankTopSkillsInput", "The top skills.", graphql.InputObjectConfigFieldMap{"skillIds": inputField(nonNull(ids), "Declared skills, best first.")}),
		Resolve: b.r.RankTopSkills}
	fields["validateSkill"] = &graphql.Field{Description: "A manager validates the level of an agent's declared skill, or sets another level with a comment.",
		Type: skillPayload("ValidateSkillPayload"),
		Args: in("ValidateSkillInput", "The validation.", graphql.InputObjectConfigFieldMap{
			"agentId": inputField(nonNull(graphql.ID), "The agent."),
			"skillId": inputField(nonNull(graphql.ID), "The declared skill."),
			"level":   inputField(nonNull(graphql.Int), "Validated level value."),
			"comment": inputField(graphql.String, "Comment, required when the level differs from the declared one."),
		}), Resolve: b.r.ValidateSkill}
	fields["endorseSkill"] = &graphql.Field{Description: "Endorses another agent's declared skill (once).",
		Type: skillPayload("EndorseSkillPayload"),
		Args: in("EndorseSkillInput", "The skill to endorse.", graphql.InputObjectConfigFieldMap{
			"agentId": inputField(nonNull(graphql.ID), "The agent."),
			"skillId": inputField(nonNull(graphql.ID), "The declared skill."),
		}), Resolve: b.r.EndorseSkill}
	fields["deleteMyAccount"] = &graphql.Field{Description: "Erases the signed-in agent's account and data, and signs them out.",
		Type: payload("DeleteMyAccountPayload", "Result of deleteMyAccount.", map[string]*graphql.Field{
			"deleted": {Type: nonNull(graphql.Boolean), Description: "True once erased."}}),
		Args: in("DeleteMyAccountInput", "The confirmation.", graphql.InputObjectConfigFieldMap{
			"confirmation": inputField(nonNull(graphql.String), "The word "+passerelles.ErasureConfirmation+", typed by the person."),
		}), Resolve: b.r.DeleteMyAccount}
}

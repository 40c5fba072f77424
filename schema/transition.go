package schema

import (
	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

func transitionKindEnum() *graphql.Enum {
	return graphql.NewEnum(graphql.EnumConfig{
		Name:        "TransitionKind",
		Description: "How far apart two roles are, as France Travail's ROME says.",
		Values: graphql.EnumValueConfigMap{
			"CLOSE":        {Value: string(passerelles.TransitionKindClose), Description: "A close move (« mobilité proche »): skills largely shared."},
			"PROMOTION":    {Value: string(passerelles.TransitionKindPromotion), Description: "A move that needs growth (« si évolution »): new skills to acquire."},
			"RECONVERSION": {Value: string(passerelles.TransitionKindReconversion), Description: "A change of trade (« reconversion »): most required skills are new, as from a business role to a digital one or back."},
		},
	})
}

func (b *builder) transitionType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Transition",
		Description: "A career path (« passerelle ») from one role to another, business to digital or back.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return b.extend("Transition", graphql.Fields{
				"id": prop(nonNull(graphql.ID), "Identifier of the path.",
					func(t *passerelles.Transition) any { return resolvers.ID(t.ID) }),
				"from": {Type: nonNull(b.role), Description: "The role one leaves.", Resolve: b.r.TransitionFrom},
				"to":   {Type: nonNull(b.role), Description: "The role one reaches.", Resolve: b.r.TransitionTo},
				"kind": prop(nonNull(b.transKind), "Close move, move that needs growth or change of trade.",
					func(t *passerelles.Transition) any { return string(t.Kind) }),
				"typicalDurationMonths": prop(graphql.Int, "Typical time the move takes, in months, when known.",
					func(t *passerelles.Transition) any {
						if t.TypicalDurationMonths == 0 {
							return nil
						}
						return t.TypicalDurationMonths
					}),
				"description": prop(nonNull(graphql.String), "What the move is, in French (\"\" when not described).",
					func(t *passerelles.Transition) any { return t.Description }),
				"helps": prop(nonNull(graphql.String), "What helps: trainings, communities, experience.",
					func(t *passerelles.Transition) any { return t.Helps }),
				"retired": prop(nonNull(graphql.Boolean), "Whether an administrator retired the path: kept for history, left out of paths and role pages.",
					func(t *passerelles.Transition) any { return t.Retired() }),
				"retiredAt": prop(graphql.String, "When it was retired (RFC 3339), null while in use.",
					func(t *passerelles.Transition) any { return resolvers.FormatTime(t.RetiredAt) }),
			})
		}),
	})
}

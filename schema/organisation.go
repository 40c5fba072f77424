package schema

import (
	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

func organisationTypeEnum() *graphql.Enum {
	return graphql.NewEnum(graphql.EnumConfig{
		Name:        "OrganisationType",
		Description: "The kind of entity of the ministries.",
		Values: graphql.EnumValueConfigMap{
			"CENTRAL":  {Value: string(passerelles.OrganisationCentral), Description: "A directorate of the central administration."},
			"DREETS":   {Value: string(passerelles.OrganisationDREETS), Description: "A regional directorate (DREETS; DEETS overseas)."},
			"DDETS":    {Value: string(passerelles.OrganisationDDETS), Description: "A departmental directorate (DDETS, DDETS-PP)."},
			"ARS":      {Value: string(passerelles.OrganisationARS), Description: "A regional health agency."},
			"OPERATOR": {Value: string(passerelles.OrganisationOperator), Description: "A public operator (France Travail …)."},
		},
	})
}

func (b *builder) ministryType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Ministry",
		Description: "One of the social ministries, or their shared services.",
		Fields: graphql.Fields{
			"id":   prop(nonNull(graphql.ID), "Identifier of the ministry.", func(m *passerelles.Ministry) any { return resolvers.ID(m.ID) }),
			"code": prop(nonNull(graphql.String), "Stable code (\"travail\", \"sante\").", func(m *passerelles.Ministry) any { return m.Code }),
			"name": prop(nonNull(graphql.String), "Full name.", func(m *passerelles.Ministry) any { return m.Name }),
		},
	})
}

func (b *builder) regionType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Region",
		Description: "A French region, overseas ones included.",
		Fields: graphql.Fields{
			"id":   prop(nonNull(graphql.ID), "Identifier of the region.", func(r *passerelles.Region) any { return resolvers.ID(r.ID) }),
			"code": prop(nonNull(graphql.String), "Stable short code (\"BRE\", \"REU\").", func(r *passerelles.Region) any { return r.Code }),
			"name": prop(nonNull(graphql.String), "Name of the region.", func(r *passerelles.Region) any { return r.Name }),
		},
	})
}

func (b *builder) organisationType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Organisation",
		Description: "An entity of the ministries where agents work.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id":   prop(nonNull(graphql.ID), "Identifier of the organisation.", func(o *passerelles.Organisation) any { return resolvers.ID(o.ID) }),
				"code": prop(nonNull(graphql.String), "Stable code (\"DGT\", \"ARS-BRE\").", func(o *passerelles.Organisation) any { return o.Code }),
				"name": prop(nonNull(graphql.String), "Official name.", func(o *passerelles.Organisation) any { return o.Name }),
				"type": prop(nonNull(b.orgType), "Kind of entity.", func(o *passerelles.Organisation) any { return string(o.Type) }),
				"ministry": {Type: nonNull(b.ministry), Description: "The ministry the organisation reports to.",
					Resolve: b.r.OrganisationMinistry},
				"region": {Type: b.region, Description: "The region it serves; null for national entities.",
					Resolve: b.r.OrganisationRegion},
			}
		}),
	})
}

func (b *builder) gradeType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Grade",
		Description: "A category of the civil service (A+, A, B, C) or the contract status.",
		Fields: graphql.Fields{
			"code":  prop(nonNull(graphql.String), "Stable code (\"A\", \"CONTRACTUEL\").", func(g *passerelles.Grade) any { return g.Code }),
			"label": prop(nonNull(graphql.String), "Label shown to people.", func(g *passerelles.Grade) any { return g.Label }),
		},
	})
}

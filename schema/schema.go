// Package schema builds the GraphQL schema of Passerelles, code first with
// graphql-go/graphql: one file per GraphQL type. The printed SDL is kept in
// schema/schema.graphql, and a test fails when it drifts from the live schema.
package schema

import (
	"github.com/graphql-go/graphql"

	"passerelles/resolvers"
)

// builder holds the types while the schema is built, so that types that refer to each
// other (Skill ↔ Framework, Role ↔ Transition) can be wired with field thunks.
type builder struct {
	r           *resolvers.Resolver
	connections map[string]*graphql.Object

	pageInfo     *graphql.Object
	framework    *graphql.Object
	level        *graphql.Object
	domain       *graphql.Object
	skill        *graphql.Object
	role         *graphql.Object
	roleFamily   *graphql.Enum
	required     *graphql.Object
	transition   *graphql.Object
	transKind    *graphql.Enum
	ministry     *graphql.Object
	region       *graphql.Object
	organisation *graphql.Object
	orgType      *graphql.Enum
	grade        *graphql.Object
	community    *graphql.Object
	accessRole   *graphql.Enum
	grantable    *graphql.Enum
	user         *graphql.Object

	visibility       *graphql.Enum
	evidenceKind     *graphql.Enum
	validationStatus *graphql.Enum
	skillChange      *graphql.Enum
	evidence         *graphql.Object
	skillVersion     *graphql.Object
	declaredSkill    *graphql.Object
	removedSkill     *graphql.Object
	profile          *graphql.Object
	profileView      *graphql.Object
	site             *graphql.Object

	skillMatch       *graphql.Object
	talentConnection *graphql.Object
	talentFilter     *graphql.InputObject

	shortlist      *graphql.Object
	shortlistEntry *graphql.Object
	savedSearch    *graphql.Object

	calendarFeed            *graphql.Object
	notificationConnection  *graphql.Object
	notificationPreferences *graphql.Object
	notificationDelivery    *graphql.Enum
	weekday                 *graphql.Enum
	memberRole              *graphql.Enum
	eventKind               *graphql.Enum
	eventFormat             *graphql.Enum
	eventStatus             *graphql.Enum
	eventWhen               *graphql.Enum
	registrationStatus      *graphql.Enum
	event                   *graphql.Object
	registration            *graphql.Object
	eventFilter             *graphql.InputObject

	roleGap          *graphql.Object
	careerPaths      *graphql.Object
	pastRole         *graphql.Object
	mentoringRequest *graphql.Object

	// extra holds fields that a later part of the schema adds to a type built earlier
	// whose fields are a thunk (AddFieldConfig ignores those): by type name.
	extra map[string]graphql.Fields
}

// extend returns fields with the extra fields of the type name.
func (b *builder) extend(name string, fields graphql.Fields) graphql.Fields {
	for k, f := range b.extra[name] {
		fields[k] = f
	}
	return fields
}

// New builds the schema over the resolver.
func New(r *resolvers.Resolver) (graphql.Schema, error) {
	b := &builder{r: r, connections: map[string]*graphql.Object{}, extra: map[string]graphql.Fields{}}
	b.pageInfo = b.pageInfoType()
	b.roleFamily = roleFamilyEnum()
	b.transKind = transitionKindEnum()
	b.orgType = organisationTypeEnum()
	b.level = b.levelType()
	b.domain = b.domainType()
	b.framework = b.frameworkType()
	b.skill = b.skillType()
	b.required = b.requiredSkillType()
	b.role = b.roleType()
	b.transition = b.transitionType()
	b.ministry = b.ministryType()
	b.region = b.regionType()
	b.organisation = b.organisationType()
	b.grade = b.gradeType()
	b.community = b.communityType()
	b.accessRole = accessRoleEnum()
	b.grantable = grantableAccessRoleEnum()
	b.profileEnums()
	b.evidence = b.evidenceType()
	b.skillVersion = b.skillVersionType()
	b.declaredSkill = b.declaredSkillType()
	b.removedSkill = b.removedSkillType()
	b.profile = b.profileType()
	b.profileView = b.profileViewType()
	b.calendarFeed = b.calendarFeedType()
	b.notificationTypes()
	b.eventTypes()
	b.user = b.userType()
	b.userNotificationFields(b.user)
	b.site = b.siteType()
	b.talentTypes()
	b.shortlistTypes()
	b.careerTypes()
	s, err := graphql.NewSchema(graphql.SchemaConfig{Query: b.queryType(), Mutation: b.mutationType()})
	if err != nil {
		return s, err
	}
	buildEnumLookups(s)
	return s, nil
}

// buildEnumLookups makes every enum of s build its lookups (value → name, name → value)
// now, once: graphql-go v0.8.1 builds them lazily at the first Serialize or ParseValue and
// stores them without a lock, so two requests completing the same enum for the first time
// race (seen by -race under 200 concurrent registrations). Built before the schema serves,
// they are only read afterwards.
func buildEnumLookups(s graphql.Schema) {
	for _, t := range s.TypeMap() {
		if e, ok := t.(*graphql.Enum); ok && len(e.Values()) > 0 {
			v := e.Values()[0]
			e.Serialize(v.Value)
			e.ParseValue(v.Name)
		}
	}
}

// prop is a field read straight from the source value, without graphql-go's reflective
// default resolver.
func prop[S any](typ graphql.Output, description string, get func(S) any) *graphql.Field {
	return &graphql.Field{Type: typ, Description: description, Resolve: func(p graphql.ResolveParams) (any, error) {
		s, err := resolvers.Source[S](p)
		if err != nil {
			return nil, err
		}
		return get(s), nil
	}}
}

// optional renders "" as null.
func optional(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nonNull(t graphql.Type) *graphql.NonNull { return graphql.NewNonNull(t) }

func listOf(t graphql.Type) *graphql.NonNull { return nonNull(graphql.NewList(nonNull(t))) }

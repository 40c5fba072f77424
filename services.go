package passerelles

// Services are the domain services of Passerelles, each an interface: the store builds one
// value (sqlite.DB.Services), and the resolvers, the seed and the server take it whole, so
// that a new service is added in one place instead of in a struct per consumer.
type Services struct {
	Frameworks    FrameworkService
	Skills        SkillService
	Roles         RoleService
	Transitions   TransitionService
	Catalogue     CatalogueService
	Organisations OrganisationService
	Communities   CommunityService
	Events        EventService
	Agents        AgentService
	Sessions      SessionService
	Users         UserService
	SignInStates  SignInStateService
	Profiles      ProfileService
	Talent        TalentService
	Shortlists    ShortlistService
	Calendars     CalendarService
	Notifications NotificationService
	Careers       CareerService        // gaps, closest roles, paths
	CareerHistory CareerHistoryService // past roles, observed moves, role counts
	Mentoring     MentoringService

	// Referentials tells when the referentials change, so that readers may keep them in
	// memory across requests; nil when the store cannot tell (nothing is kept then).
	Referentials ReferentialsVersion
}

// ReferentialsVersion reports the version of the referentials: frameworks with their
// levels and domains, skills, roles with their required skills, career paths, ministries,
// regions, organisations and grades. The version changes after every committed write that
// changes one of them, and only then; it is read before the referentials it stamps, so a
// copy stamped with the current version is never older than the store's.
type ReferentialsVersion interface {
	ReferentialsVersion() uint64
}

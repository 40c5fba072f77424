package passerelles

// Services are the domain services of Passerelles, each an interface: the store builds one
// value (sqlite.DB.Services), and the resolvers, the seed and the server take it whole, so
// that a new service is added in one place instead of in a struct per consumer.
type Services struct {
	Frameworks    FrameworkService
	Skills        SkillService
	Roles         RoleService
	Transitions   TransitionService
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
}

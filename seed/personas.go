package seed

import (
	"context"
	"fmt"
	"slices"

	"passerelles"
)

// Persona is a demo person of the development identity provider: ProConnect-shaped claims,
// plus what Passerelles grants them once they exist.
type Persona struct {
	Subject           string
	GivenName         string
	UsualName         string
	Email             string
	UID               string
	Siret             string
	IdpID             string
	OrganizationLabel string
	Roles             []string // ProConnect "roles" claim
	Label             string   // French line of the sign-in page

	Access     []passerelles.AccessRole // MANAGER or ADMIN granted at set-up
	AnimatorOf string                   // code of the community the persona animates
	// Develops are the skills the persona wants to develop (« souhaite développer »),
	// declared at set-up at the lowest level of their referential, so that Mon espace
	// recommends the events that develop them. The other personas start with an empty
	// profile: the browser tests declare skills and go through the first visit from there.
	Develops []PersonaSkill
	// CurrentRole and TargetRole are codes of the catalogue set at set-up (as the agent
	// would in « Mon profil ») while the persona has neither a current role nor a target:
	// a business role and a digital one, so that « Mon parcours » has a gap, paths and
	// mentors to show. A persona who changes them keeps their change across restarts.
	CurrentRole, TargetRole string
}

// PersonaSkill names a skill of a referential: framework code and skill code.
type PersonaSkill struct{ Framework, Code string }

// Personas are the demo personas: an agent of each ministry, a manager, an animator and an
// administrator.
var Personas = []Persona{
	{Subject: "persona-agent-travail", GivenName: "Camille", UsualName: "Lefèvre", Email: "camille.lefevre@travail.demo.gouv.fr",
		UID: "clefevre", Siret: "13000203700017", IdpID: "demo-agentconnect", OrganizationLabel: "DREETS Bretagne",
		Roles: []string{"agent_public"}, Label: "Agente du ministère du Travail (DREETS Bretagne), gestionnaire RH"},
	{Subject: "persona-agent-sante", GivenName: "Karim", UsualName: "Benali", Email: "karim.benali@sante.demo.gouv.fr",
		UID: "kbenali", Siret: "13000548100010", IdpID: "demo-agentconnect", OrganizationLabel: "ARS Occitanie",
		Roles: []string{"agent_public"}, Label: "Agent du ministère de la Santé (ARS Occitanie), chargé d’études statistiques",
		// A statistician aiming at data analysis: a showcase move of the demo (B05 → D06).
		CurrentRole: "B05", TargetRole: "D06"},
	{Subject: "persona-agent-solidarites", GivenName: "Inès", UsualName: "Moreau", Email: "ines.moreau@solidarites.demo.gouv.fr",
		UID: "imoreau", Siret: "11000201100044", IdpID: "demo-agentconnect", OrganizationLabel: "Direction générale de la cohésion sociale",
		Roles: []string{"agent_public"}, Label: "Agente du ministère des Solidarités (DGCS), chargée de mission"},
	{Subject: "persona-manager", GivenName: "Nathalie", UsualName: "Garnier", Email: "nathalie.garnier@sg.demo.gouv.fr",
		UID: "ngarnier", Siret: "11000201100044", IdpID: "demo-agentconnect", OrganizationLabel: "Direction du numérique",
		Roles: []string{"agent_public"}, Label: "Manager à la Direction du numérique (DNUM)",
		Access: []passerelles.AccessRole{passerelles.AccessManager}},
	{Subject: "persona-animateur", GivenName: "Thomas", UsualName: "Nguyen", Email: "thomas.nguyen@sante.demo.gouv.fr",
		UID: "tnguyen", Siret: "13000548100010", IdpID: "demo-agentconnect", OrganizationLabel: "Direction de la recherche, des études, de l’évaluation et des statistiques",
		Roles: []string{"agent_public"}, Label: "Animateur de la Communauté Data (DREES)", AnimatorOf: "data",
		// A statistician who animates the data community and wants to secure and program
		// better: the security and development communities' events.
		Develops: []PersonaSkill{{"ecf", "E.8"}, {"pix", "3.4"}}},
	{Subject: "persona-admin", GivenName: "Sophie", UsualName: "Marchand", Email: "sophie.marchand@sg.demo.gouv.fr",
		UID: "smarchand", Siret: "11000201100044", IdpID: "demo-agentconnect", OrganizationLabel: "Direction du numérique",
		Roles: []string{"agent_public"}, Label: "Administratrice de Passerelles (DNUM)",
		Access: []passerelles.AccessRole{passerelles.AccessAdmin}},
}

// SetUpPersonas creates the agents of the personas for issuer (as their first sign-in
// would), grants their roles and community roles. Running it again changes nothing.
func SetUpPersonas(ctx context.Context, svc passerelles.Services, issuer string) error {
	ctx = passerelles.NewSystemContext(ctx)
	for _, p := range Personas {
		m, err := svc.Users.SignIn(ctx, passerelles.Identity{Issuer: issuer, Subject: p.Subject, GivenName: p.GivenName,
			UsualName: p.UsualName, Email: p.Email, UID: p.UID, Siret: p.Siret, IdpID: p.IdpID,
			OrganizationLabel: p.OrganizationLabel, Roles: p.Roles}, nil)
		if err != nil {
			return fmt.Errorf("seed: persona %s: %w", p.Subject, err)
		}
		for _, r := range p.Access {
			if err := svc.Users.GrantAccessRole(ctx, m.Agent.ID, r); err != nil {
				return fmt.Errorf("seed: persona %s: %w", p.Subject, err)
			}
		}
		if err := declareWishes(ctx, svc, m.Agent.ID, m.AccessRoles, p.Develops); err != nil {
			return fmt.Errorf("seed: persona %s: %w", p.Subject, err)
		}
		if err := setRoles(ctx, svc, m.Agent.ID, m.AccessRoles, p.CurrentRole, p.TargetRole); err != nil {
			return fmt.Errorf("seed: persona %s: %w", p.Subject, err)
		}
		if p.AnimatorOf != "" {
			c, err := svc.Communities.FindCommunityByCode(ctx, p.AnimatorOf)
			if err != nil {
				return fmt.Errorf("seed: persona %s: %w", p.Subject, err)
			}
			if _, err := svc.Communities.ImportMembers(ctx, []passerelles.CommunityMember{{CommunityID: c.ID, AgentID: m.Agent.ID,
				Role: passerelles.MemberRoleAnimator}}); err != nil {
				return fmt.Errorf("seed: persona %s: %w", p.Subject, err)
			}
		}
	}
	return nil
}

// declareWishes declares, as the agent would, each skill of wishes the agent never declared
// (no history): at the lowest level its referential defines, wanted for development. A
// skill the persona changed or removed since is left as they made it.
func declareWishes(ctx context.Context, svc passerelles.Services, agentID int64, roles []passerelles.AccessRole, wishes []PersonaSkill) error {
	me := passerelles.NewContextWithUser(ctx, &passerelles.User{AgentID: agentID, AccessRoles: roles})
	for _, w := range wishes {
		s, err := svc.Skills.FindSkillByCode(ctx, w.Framework, w.Code)
		if err != nil {
			return fmt.Errorf("skill %s %s: %w", w.Framework, w.Code, err)
		}
		if _, err := svc.Profiles.FindSkillHistory(me, agentID, s.ID); err == nil {
			continue
		} else if passerelles.ErrorCode(err) != passerelles.ENOTFOUND {
			return err
		}
		level := 1
		if len(s.DefinedLevels) > 0 {
			level = slices.Min(s.DefinedLevels)
		}
		if _, err := svc.Profiles.DeclareSkill(me, passerelles.SkillDeclaration{SkillID: s.ID, Level: level, WantsToDevelop: true}); err != nil {
			return fmt.Errorf("skill %s %s: %w", w.Framework, w.Code, err)
		}
	}
	return nil
}

// setRoles gives the agent the current role and the target role of those codes, as the
// agent would, while they have neither (none given: nothing to do).
func setRoles(ctx context.Context, svc passerelles.Services, agentID int64, roles []passerelles.AccessRole, current, target string) error {
	if current == "" || target == "" {
		return nil
	}
	me := passerelles.NewContextWithUser(ctx, &passerelles.User{AgentID: agentID, AccessRoles: roles})
	p, err := svc.Profiles.FindProfile(me, agentID)
	if err != nil {
		return err
	}
	if p.Agent.CurrentRoleID != 0 || len(p.TargetRoleIDs) > 0 {
		return nil
	}
	cur, err := svc.Roles.FindRoleByCode(ctx, current)
	if err != nil {
		return err
	}
	tgt, err := svc.Roles.FindRoleByCode(ctx, target)
	if err != nil {
		return err
	}
	_, err = svc.Profiles.UpdateProfile(me, passerelles.ProfileUpdate{CurrentRoleID: &cur.ID, TargetRoleIDs: &[]int64{tgt.ID}})
	return err
}

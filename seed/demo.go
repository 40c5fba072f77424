package seed

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"passerelles"
)

// DemoIssuer is the identity issuer of generated agents: they can never sign in, and a
// real provider's agents never collide with them.
const DemoIssuer = passerelles.DemoIssuer

// DemoOptions tunes the demo data.
type DemoOptions struct {
	Agents    int    // how many agents in all (existing demo agents count)
	Seed      uint64 // the same seed gives the same data
	BatchSize int    // agents per transaction
	// Progress, when set, is told how many agents are done out of how many.
	Progress func(done, total int)
	// Now anchors the events (its month, Paris time): the past ones are those ended before
	// it. The store's clock (sqlite.DB.Now) must agree: attendance is marked only once an
	// event has started.
	Now time.Time
}

// DemoReport says what a demo load did.
type DemoReport struct {
	AgentsCreated  int
	MembersCreated int
	EventsCreated  int
	// RegistrationsCreated counts registrations and waitlist places.
	RegistrationsCreated int
	// AttendanceMarked counts the seats of past events whose attendance was marked.
	AttendanceMarked int
	// Careers are the career histories of the agents this load created (the first
	// maxDemoCareers demo agents have one in two, the showcase movers included), for
	// CareerHistoryService.SetCareerHistory as each agent.
	Careers []DemoCareer
}

var givenNames = strings.Fields(`Camille Dominique Claude Sacha Alix Morgane Léa Emma Chloé Inès Manon Sarah Julie
Laura Pauline Marie Anne Sophie Nathalie Isabelle Sandrine Céline Aurélie Élodie Hélène Fatima Amina Yasmine
Thomas Nicolas Julien Maxime Antoine Alexandre Pierre Paul Louis Hugo Lucas Mathieu Olivier Philippe Laurent
Stéphane Sébastien François Jérôme David Karim Mehdi Youssef Samir Jean Michel Patrick Thierry Éric Benoît Cédric`)

var familyNames = strings.Fields(`Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent
Lefèbvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert
Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas Perrin Morin
Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire
Duval Joly Gautier Roger Roche Roy Noël Meyer Lucas Meunier Jean Perez Marchand Dufour Blanchard Marie Barbier
Brun Dumas Brunet Schmitt Leroux Colin Fernandez Pierre Renard Arnaud Rolland Caron Aubert Giraud Leclerc Vidal
Bourgeois Renaud Lemoine Picard Gaillard Philippe Leclercq Lacroix Fabre Dupuis Olivier Rodriguez Da Silva Hoarau
Payet Grondin Fontaine Bamana Saïd Ahamada Jean-Baptiste Alexandre Lubin Edouard Tanguy Le Gall Le Goff Kerbrat`)

var interests = []string{
	"la donnée et la statistique publique", "l’accessibilité numérique", "la sécurité des systèmes d’information",
	"la conception de services publics numériques", "l’automatisation des tâches répétitives", "la gestion de projet agile",
	"la protection des données personnelles", "la sobriété numérique", "le développement d’applications",
	"l’accompagnement des usagers au numérique", "la cartographie des processus métier", "l’intelligence artificielle au service des agents",
}

type demoCatalogue struct {
	orgs        []*passerelles.Organisation
	grades      []*passerelles.Grade
	roles       []*passerelles.Role
	pix, ecf    []*passerelles.Skill
	communities []*passerelles.Community
	skillsByID  map[int64]*passerelles.Skill
	paris       int64 // the region of the demo events' address (Île-de-France)
}

func loadCatalogue(ctx context.Context, svc passerelles.Services) (*demoCatalogue, error) {
	c := &demoCatalogue{}
	var err error
	if c.orgs, _, err = svc.Organisations.FindOrganisations(ctx, passerelles.OrganisationFilter{Page: passerelles.Page{Limit: passerelles.MaxPageSize}}); err != nil {
		return nil, err
	}
	if c.grades, err = svc.Organisations.FindGrades(ctx); err != nil {
		return nil, err
	}
	if c.roles, _, err = svc.Roles.FindRoles(ctx, passerelles.RoleFilter{Page: passerelles.Page{Limit: passerelles.MaxPageSize}}); err != nil {
		return nil, err
	}
	pix, ecf := "pix", "ecf"
	if c.pix, _, err = svc.Skills.FindSkills(ctx, passerelles.SkillFilter{FrameworkCode: &pix, Page: passerelles.Page{Limit: passerelles.MaxPageSize}}); err != nil {
		return nil, err
	}
	if c.ecf, _, err = svc.Skills.FindSkills(ctx, passerelles.SkillFilter{FrameworkCode: &ecf, Page: passerelles.Page{Limit: passerelles.MaxPageSize}}); err != nil {
		return nil, err
	}
	regions, _, err := svc.Organisations.FindRegions(ctx, nil, passerelles.Page{Limit: passerelles.MaxPageSize})
	if err != nil {
		return nil, err
	}
	for _, r := range regions {
		if r.Code == "IDF" {
			c.paris = r.ID
		}
	}
	if c.communities, _, err = svc.Communities.FindCommunities(ctx, passerelles.CommunityFilter{Page: passerelles.Page{Limit: passerelles.MaxPageSize}}); err != nil {
		return nil, err
	}
	c.skillsByID = map[int64]*passerelles.Skill{}
	for _, s := range append(append([]*passerelles.Skill{}, c.pix...), c.ecf...) {
		c.skillsByID[s.ID] = s
	}
	if len(c.orgs) == 0 || len(c.roles) == 0 || len(c.pix) == 0 || len(c.ecf) == 0 || len(c.grades) == 0 {
		return nil, fmt.Errorf("seed: load the referentials before the demo data")
	}
	return c, nil
}

// nearestDefined returns the level of s closest to want (e-CF defines only some levels).
func nearestDefined(s *passerelles.Skill, want, top int) int {
	want = min(max(want, 1), top)
	if len(s.DefinedLevels) == 0 {
		return want
	}
	best := s.DefinedLevels[0]
	for _, v := range s.DefinedLevels {
		if abs(v-want) < abs(best-want) {
			best = v
		}
	}
	return best
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// demoAgent builds agent number i (from 1); the same i and seed give the same agent.
func (c *demoCatalogue) demoAgent(seed uint64, i int, created time.Time) *passerelles.Agent {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	given := givenNames[r.IntN(len(givenNames))]
	family := familyNames[r.IntN(len(familyNames))]
	org := c.orgs[r.IntN(len(c.orgs))]
	// About one agent in four holds a digital role; the others a business role. Retired
	// roles are held by nobody new.
	var role *passerelles.Role
	for {
		role = c.roles[r.IntN(len(c.roles))]
		if (role.Family == passerelles.RoleFamilyDigital) == (r.IntN(4) == 0) && !role.Retired() {
			break
		}
	}
	// An agent who took a showcase path holds its last role.
	showcase := c.showcaseRoles(i)
	if showcase != nil {
		role = showcase[len(showcase)-1]
	}
	a := &passerelles.Agent{
		Issuer:            DemoIssuer,
		Subject:           fmt.Sprintf("demo-%07d", i),
		GivenName:         given,
		UsualName:         family,
		Email:             fmt.Sprintf("%s.%s.%d@demo.passerelles.invalid", asciiLower(given), asciiLower(family), i),
		OrganisationLabel: org.Name,
		OrganisationID:    org.ID,
		RegionID:          org.RegionID,
		GradeCode:         c.grades[r.IntN(len(c.grades))].Code,
		CurrentRoleID:     role.ID,
		OpenToMobility:    r.IntN(3) == 0,
		WillingToMentor:   r.IntN(6) == 0,
		Visibility:        []passerelles.Visibility{passerelles.VisibilityPrivate, passerelles.VisibilityManagers, passerelles.VisibilityAllAgents, passerelles.VisibilityAllAgents}[r.IntN(4)],
		CreatedAt:         created,
	}
	// Most of those who made a showcase move are willing to mentor the next ones, with a
	// profile every agent may see, so that « Mon parcours » shows mentors who made the move.
	if showcase != nil && (i/6/len(showcaseMoves))%3 != 2 { // two of three in each group
		a.WillingToMentor, a.Visibility = true, passerelles.VisibilityAllAgents
	}
	a.Bio = fmt.Sprintf("%s, %s. Centres d’intérêt : %s.", role.Title, org.Name, interests[r.IntN(len(interests))])

	levels := map[int64]int{}
	order := []int64{}
	declare := func(s *passerelles.Skill, level, scale int) {
		if _, ok := levels[s.ID]; ok {
			return
		}
		levels[s.ID] = nearestDefined(s, level, scale)
		order = append(order, s.ID)
	}
	byID := c.skillsByID
	// The skills of one's own role, around their target level.
	for _, rs := range role.RequiredSkills {
		s := byID[rs.SkillID]
		scale := 8
		if s.FrameworkID == c.ecf[0].FrameworkID {
			scale = 5
		}
		declare(s, rs.Level+r.IntN(3)-1, scale)
	}
	// Digital literacy: most Pix competences, mostly independent level.
	for _, k := range r.Perm(len(c.pix))[:8+r.IntN(6)] {
		declare(c.pix[k], 1+r.IntN(3)+r.IntN(3), 8)
	}
	// Digital professionals declare e-CF competences; some business agents a few too.
	n := 0
	if role.Family == passerelles.RoleFamilyDigital {
		n = 3 + r.IntN(4)
	} else if r.IntN(5) == 0 {
		n = 1 + r.IntN(2)
	}
	for _, k := range r.Perm(len(c.ecf))[:n] {
		declare(c.ecf[k], 1+r.IntN(3), 5)
	}
	rank := 0
	for _, id := range order {
		as := passerelles.AgentSkill{SkillID: id, Level: levels[id], CurrentUse: r.IntN(5) != 0, WantsToDevelop: r.IntN(4) == 0}
		if rank < 3 && r.IntN(4) == 0 {
			rank++
			as.TopRank = rank
		}
		a.Skills = append(a.Skills, as)
	}
	return a
}

func asciiLower(s string) string {
	repl := strings.NewReplacer("é", "e", "è", "e", "ë", "e", "ï", "i", "î", "i", "ç", "c", "ô", "o", " ", "-", "'", "")
	return strings.ToLower(repl.Replace(s))
}

// GenerateDemo creates, idempotently, opts.Agents demo agents with plausible skill
// profiles, community memberships (animators included), and the events of each community
// over the months around opts.Now (past ones with their attendance, this month's, the next
// ones) with their registrations and waitlists.
func GenerateDemo(ctx context.Context, svc passerelles.Services, opts DemoOptions) (DemoReport, error) {
	ctx = passerelles.NewSystemContext(ctx)
	var rep DemoReport
	if opts.BatchSize <= 0 {
		opts.BatchSize = 5000
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	c, err := loadCatalogue(ctx, svc)
	if err != nil {
		return rep, err
	}
	created := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	var members []passerelles.CommunityMember
	// The first agents created register for the events (a second load creates no agent,
	// so it registers nobody and changes nothing).
	var registrants []int64
	for start := 1; start <= opts.Agents; start += opts.BatchSize {
		end := min(start+opts.BatchSize-1, opts.Agents)
		batch := make([]*passerelles.Agent, 0, end-start+1)
		for i := start; i <= end; i++ {
			batch = append(batch, c.demoAgent(opts.Seed, i, created.Add(time.Duration(i)*time.Minute)))
		}
		n, err := svc.Agents.ImportAgents(ctx, batch)
		if err != nil {
			return rep, fmt.Errorf("seed: demo agents %d–%d: %w", start, end, err)
		}
		rep.AgentsCreated += n
		for k, a := range batch {
			if a.ID == 0 {
				continue
			}
			i := start + k
			if h := c.demoCareer(opts.Seed, i, a); h != nil {
				rep.Careers = append(rep.Careers, DemoCareer{AgentID: a.ID, Entries: h})
			}
			if len(registrants) < maxDemoRegistrants {
				registrants = append(registrants, a.ID)
			}
			// Each new agent joins about one community in five; the first agents of each
			// community animate it.
			if len(c.communities) > 0 && i%5 == 0 {
				comm := c.communities[(i/5)%len(c.communities)]
				role := passerelles.MemberRoleMember
				if i/5 <= 2*len(c.communities) {
					role = passerelles.MemberRoleAnimator
				}
				members = append(members, passerelles.CommunityMember{CommunityID: comm.ID, AgentID: a.ID, Role: role, JoinedAt: a.CreatedAt})
			}
		}
		if len(members) >= opts.BatchSize || end == opts.Agents {
			n, err := svc.Communities.ImportMembers(ctx, members)
			if err != nil {
				return rep, fmt.Errorf("seed: demo members: %w", err)
			}
			rep.MembersCreated += n
			members = members[:0]
		}
		if opts.Progress != nil {
			opts.Progress(end, opts.Agents)
		}
	}
	// Career histories go through the service, as each agent would record theirs: the
	// validation applies and the moves they made are counted for the transitions.
	for _, career := range rep.Careers {
		me := passerelles.NewContextWithUser(ctx, &passerelles.User{AgentID: career.AgentID, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}})
		entries := make([]passerelles.PastRole, len(career.Entries))
		for k, x := range career.Entries {
			entries[k] = passerelles.PastRole{RoleID: x.RoleID, StartedOn: x.StartedOn, EndedOn: x.EndedOn}
		}
		if _, err := svc.CareerHistory.SetCareerHistory(me, entries); err != nil {
			return rep, fmt.Errorf("seed: career of demo agent %d: %w", career.AgentID, err)
		}
	}
	paris, err := time.LoadLocation(passerelles.DefaultTimeZone)
	if err != nil {
		return rep, fmt.Errorf("seed: %w", err)
	}
	events := c.demoEvents(opts.Now, paris)
	big, err := c.bigDataDays(ctx, svc, opts.Now, paris)
	if err != nil {
		return rep, err
	}
	events = append(events, big...)
	if rep.EventsCreated, err = svc.Events.ImportEvents(ctx, events); err != nil {
		return rep, fmt.Errorf("seed: demo events: %w", err)
	}
	// Registrations and waitlists: each event with a limit fills up and has three agents
	// waiting; an unlimited one gets a dozen registrations. Events already over have their
	// attendance marked: about four in five came.
	for k, e := range events {
		if len(registrants) == 0 || e.ID == 0 {
			break
		}
		n := 12
		if e.Capacity > 0 {
			n = e.Capacity + 3
		}
		ids := make([]int64, 0, n)
		for j := range min(n, len(registrants)) {
			ids = append(ids, registrants[(k*13+j)%len(registrants)])
		}
		added, err := svc.Events.ImportRegistrations(ctx, e.ID, ids)
		if err != nil {
			return rep, fmt.Errorf("seed: demo registrations: %w", err)
		}
		rep.RegistrationsCreated += added
		if added == 0 || e.EndsAt.After(opts.Now) {
			continue
		}
		attended := make(map[int64]bool, len(ids))
		for j, id := range ids {
			attended[id] = (k+j)%5 != 0
		}
		marked, err := svc.Events.ImportAttendance(ctx, e.ID, attended)
		if err != nil {
			return rep, fmt.Errorf("seed: demo attendance: %w", err)
		}
		rep.AttendanceMarked += marked
	}
	return rep, nil
}

// maxDemoRegistrants is how many demo agents register for events: enough to fill the
// largest (the « Journée de la data », 200 seats) and leave a waitlist.
const maxDemoRegistrants = 400

// demoMonths is the span of the demo events around the current month: the two months
// before (past events, their attendance marked), the current month (events before and
// after today) and the two months after.
const demoMonthsBefore, demoMonthsAfter = 2, 2

// demoPlan is one kind of community event of the demo.
type demoPlan struct {
	title  string
	kind   passerelles.EventKind
	format passerelles.EventFormat
	hour   int
	hours  int
	cap    int
}

var demoPlans = []demoPlan{
	{"Rencontre mensuelle", passerelles.EventMeetup, passerelles.EventHybrid, 12, 1, 40},
	{"Webinaire : retours d’expérience", passerelles.EventWebinar, passerelles.EventOnline, 14, 1, 0},
	{"Atelier pratique", passerelles.EventWorkshop, passerelles.EventOnsite, 9, 3, 20},
}

// weekday returns day, or the Monday after when it falls on a weekend.
func weekday(day time.Time) time.Time {
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	return day
}

// demoEvents plans one event a month for each community, from demoMonthsBefore months
// before now's month to demoMonthsAfter months after: each community on its own days of
// the month (the 2nd, 6th, 10th … by its rank by id), so that a month holds events before
// and after most days of it, and the kind turning from one month to the next. What a month
// holds depends on that month alone, never on now: a reload later plans the same events
// for the months it shares with an earlier load (ImportEvents keys them by community,
// title and start, so they are not created twice) and adds only the new months.
func (c *demoCatalogue) demoEvents(now time.Time, paris *time.Location) []*passerelles.Event {
	p := now.In(paris)
	current := time.Date(p.Year(), p.Month(), 1, 0, 0, 0, 0, paris)
	comms := slices.Clone(c.communities)
	slices.SortFunc(comms, func(a, b *passerelles.Community) int { return cmp.Compare(a.ID, b.ID) })
	var events []*passerelles.Event
	for m := -demoMonthsBefore; m <= demoMonthsAfter; m++ {
		first := current.AddDate(0, m, 0)
		month := first.Year()*12 + int(first.Month())
		for ci, comm := range comms {
			pl := demoPlans[(month+ci)%len(demoPlans)]
			day := weekday(first.AddDate(0, 0, 1+(ci%7)*4))
			start := time.Date(day.Year(), day.Month(), day.Day(), pl.hour, 0, 0, 0, paris)
			e := &passerelles.Event{
				CommunityID: comm.ID,
				Title:       fmt.Sprintf("%s — %s", pl.title, comm.Name),
				Description: fmt.Sprintf("Un temps d’échange de la %s, ouvert à tous les agents des ministères sociaux.", strings.ToLower(comm.Name[:1])+comm.Name[1:]),
				Kind:        pl.kind, Status: passerelles.EventPublished, Format: pl.format,
				StartsAt: start, EndsAt: start.Add(time.Duration(pl.hours) * time.Hour),
				TimeZone: passerelles.DefaultTimeZone, Capacity: pl.cap,
				RegistrationDeadline: start.AddDate(0, 0, -2),
				SkillIDs:             comm.SkillIDs,
			}
			if pl.format != passerelles.EventOnline {
				e.Address, e.RegionID = "14 avenue Duquesne, 75007 Paris", c.paris
			}
			if pl.format != passerelles.EventOnsite {
				e.OnlineURL = "https://webconf.numerique.gouv.fr/passerelles-" + comm.Code
			}
			events = append(events, e)
		}
	}
	return events
}

// bigDataDays plans the data community's two big days that are not upcoming already: the
// « Journée de la data » in the middle of next month, the « Salon de la data » in the
// middle of the month after. One of each is upcoming at a time, so a reload, the same
// day or months later, plans none while the last ones are still to come.
func (c *demoCatalogue) bigDataDays(ctx context.Context, svc passerelles.Services, now time.Time, paris *time.Location) ([]*passerelles.Event, error) {
	var data *passerelles.Community
	for _, comm := range c.communities {
		if comm.Code == "data" {
			data = comm
		}
	}
	if data == nil {
		return nil, nil
	}
	p := now.In(paris)
	next := time.Date(p.Year(), p.Month()+1, 1, 0, 0, 0, 0, paris)
	var events []*passerelles.Event
	for k, t := range []struct {
		title string
		kind  passerelles.EventKind
	}{{"Journée de la data", passerelles.EventConference}, {"Salon de la data", passerelles.EventFair}} {
		upcoming, _, err := svc.Events.FindEvents(ctx, passerelles.EventFilter{When: passerelles.EventsUpcoming, CommunityID: data.ID, Kind: t.kind,
			Text: t.title, Page: passerelles.Page{Limit: 1}})
		if err != nil {
			return nil, fmt.Errorf("seed: demo events: %w", err)
		}
		if len(upcoming) > 0 {
			continue
		}
		day := weekday(next.AddDate(0, k, 14))
		start := time.Date(day.Year(), day.Month(), day.Day(), 9, 30, 0, 0, paris)
		events = append(events, &passerelles.Event{
			CommunityID: data.ID, Title: fmt.Sprintf("%s %d", t.title, start.Year()),
			Description: "Conférences, démonstrations et stands des équipes data des ministères sociaux.",
			Kind:        t.kind, Status: passerelles.EventPublished, Format: passerelles.EventHybrid,
			Address: "Ministères sociaux, 14 avenue Duquesne, 75007 Paris", RegionID: c.paris, OnlineURL: "https://webconf.numerique.gouv.fr/passerelles-data",
			StartsAt: start, EndsAt: start.Add(8 * time.Hour), TimeZone: passerelles.DefaultTimeZone, Capacity: 200,
			RegistrationDeadline: start.AddDate(0, 0, -7), SkillIDs: data.SkillIDs,
		})
	}
	return events, nil
}

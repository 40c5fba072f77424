package passerelles

import (
	"encoding/json"
	"strings"
	"time"
)

// ExportVersion is the version of the export format. It changes when a key is renamed or
// removed or changes meaning; keys may be added without changing it.
const ExportVersion = 1

// DataExport is everything Passerelles stores about one agent (GDPR rights of access and
// portability), in the format of the file that GET /me/export.json and Query.exportMyData
// give: a JSON object whose camelCase keys are stable and documented (README, « Export
// format »). Every key is always present: lists are [] when empty, text is "" when empty,
// and null means no value for a number, a date or a reference.
//
// References to other agents follow CanSeeProfile at the time of the export: their id is
// given only when the exporter may see their profile now (an agent endorsed last year who
// has since made their profile private appears without an id). The names of the people
// who acted on the exporter's profile — validated a skill, changed a declaration, viewed
// it — are given whatever their visibility, as KnowsWhoActed says.
type DataExport struct {
	Version              int                        `json:"version"`
	ExportedAt           time.Time                  `json:"exportedAt"`
	Agent                ExportedAgent              `json:"agent"`
	Roles                []ExportedRole             `json:"roles"`
	Skills               []ExportedSkill            `json:"skills"`
	SkillHistory         []ExportedSkillVersion     `json:"skillHistory"`
	EndorsementsGiven    []ExportedEndorsementGiven `json:"endorsementsGiven"`
	CommunityMemberships []ExportedMembership       `json:"communityMemberships"`
	EventRegistrations   []ExportedRegistration     `json:"eventRegistrations"`
	ProfileViews         []ExportedProfileView      `json:"profileViews"`
	Actions              []ExportedAction           `json:"actions"`
	AboutMe              []ExportedAuditEntry       `json:"aboutMe"`
	Sessions             []ExportedSession          `json:"sessions"`
	OnShortlists         []ExportedShortlisting     `json:"onShortlists"`
	Shortlists           []ExportedShortlist        `json:"shortlists"`
	SavedSearches        []ExportedSavedSearch      `json:"savedSearches"`
	CalendarFeed         *ExportedCalendarFeed      `json:"calendarFeed"`
	// NotificationPreferences and Notifications: how notifications reach the agent, and
	// every notification kept for them.
	NotificationPreferences ExportedNotificationPreferences `json:"notificationPreferences"`
	Notifications           []ExportedNotification          `json:"notifications"`
	// CareerHistory: the roles the agent recorded, by start date; MentoringRequests: the
	// requests they sent and received.
	CareerHistory     []ExportedPastRole         `json:"careerHistory"`
	MentoringRequests []ExportedMentoringRequest `json:"mentoringRequests"`
}

// ExportedPastRole is a role of the agent's career history; dates as YYYY-MM-DD, endedOn
// null for a role held still.
type ExportedPastRole struct {
	RoleID    int64   `json:"roleId"`
	StartedOn string  `json:"startedOn"`
	EndedOn   *string `json:"endedOn"`
}

// ExportedMentoringRequest is a mentoring request the agent sent (sent true) or received;
// otherAgentId is the other party, null unless the agent may see their profile now.
type ExportedMentoringRequest struct {
	Sent         bool           `json:"sent"`
	OtherAgentID *int64         `json:"otherAgentId"`
	RoleID       int64          `json:"roleId"`
	Message      string         `json:"message"`
	State        MentoringState `json:"state"`
	CreatedAt    time.Time      `json:"createdAt"`
	AnsweredAt   *time.Time     `json:"answeredAt"`
}

// ExportedCalendarFeed says that the agent has a personal calendar feed and since when;
// null when none. Its secret address is not in the export: the store keeps only a hash
// of it, and an export file must not let its reader subscribe to the feed.
type ExportedCalendarFeed struct {
	CreatedAt time.Time `json:"createdAt"`
}

// ExportedAgent is the agent's identity, as their identity provider asserts it, and the
// profile they completed.
type ExportedAgent struct {
	ID                        int64        `json:"id"`
	Issuer                    string       `json:"issuer"`
	Subject                   string       `json:"subject"`
	GivenName                 string       `json:"givenName"`
	UsualName                 string       `json:"usualName"`
	Email                     string       `json:"email"`
	UID                       string       `json:"uid"`
	Siret                     string       `json:"siret"`
	IdpID                     string       `json:"idpId"`
	OrganisationLabel         string       `json:"organisationLabel"`
	AssertedOrganisationID    *int64       `json:"assertedOrganisationId"`
	OrganisationID            *int64       `json:"organisationId"`
	RegionID                  *int64       `json:"regionId"`
	GradeCode                 *string      `json:"gradeCode"`
	CurrentRoleID             *int64       `json:"currentRoleId"`
	Bio                       string       `json:"bio"`
	OpenToMobility            bool         `json:"openToMobility"`
	MobilityFamilies          []RoleFamily `json:"mobilityFamilies"`
	MobilityRegionIDs         []int64      `json:"mobilityRegionIds"`
	TargetRoleIDs             []int64      `json:"targetRoleIds"`
	WillingToMentor           bool         `json:"willingToMentor"`
	Visibility                Visibility   `json:"visibility"`
	VisibilityChosenAt        *time.Time   `json:"visibilityChosenAt"`
	HiddenFromOrganisationIDs []int64      `json:"hiddenFromOrganisationIds"`
	OnboardedAt               *time.Time   `json:"onboardedAt"`
	CreatedAt                 time.Time    `json:"createdAt"`
	UpdatedAt                 time.Time    `json:"updatedAt"`
}

// ExportedRole is an access role the agent holds; grantedAt is null for AGENT, which every
// signed-in person holds.
type ExportedRole struct {
	Role      AccessRole `json:"role"`
	GrantedAt *time.Time `json:"grantedAt"`
}

// ExportedSkillRef names a skill of a referential, so that the file reads without the
// application: its id in Passerelles, its framework's code, its code and its name.
type ExportedSkillRef struct {
	ID        int64  `json:"id"`
	Framework string `json:"framework"`
	Code      string `json:"code"`
	Name      string `json:"name"`
}

// ExportedPerson is another person who acted on the agent's profile: id only when the
// agent may see their profile now, name null once their account was erased.
type ExportedPerson struct {
	ID   *int64  `json:"id"`
	Name *string `json:"name"`
}

// ExportedSkill is a skill the agent declares now, with its evidence, its validation and
// the endorsements it received.
type ExportedSkill struct {
	Skill          ExportedSkillRef      `json:"skill"`
	Level          int                   `json:"level"`
	CurrentUse     bool                  `json:"currentUse"`
	WantsToDevelop bool                  `json:"wantsToDevelop"`
	TopRank        *int                  `json:"topRank"`
	DeclaredAt     time.Time             `json:"declaredAt"`
	UpdatedAt      time.Time             `json:"updatedAt"`
	Validation     *ExportedValidation   `json:"validation"`
	Evidence       []ExportedEvidence    `json:"evidence"`
	Endorsements   []ExportedEndorsement `json:"endorsements"`
}

// ExportedValidation is a manager's validation of a declared skill.
type ExportedValidation struct {
	Level   int              `json:"level"`
	Status  ValidationStatus `json:"status"`
	Comment string           `json:"comment"`
	At      time.Time        `json:"at"`
	By      ExportedPerson   `json:"by"`
}

// ExportedEvidence is a piece of evidence of a declared skill.
type ExportedEvidence struct {
	Kind        EvidenceKind `json:"kind"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Score       *int         `json:"score"`
	ObtainedOn  *string      `json:"obtainedOn"` // YYYY-MM-DD
	URL         string       `json:"url"`
	AddedAt     time.Time    `json:"addedAt"`
}

// ExportedEndorsement is an endorsement the agent received; endorserId is null when the
// agent may not see the endorser's profile.
type ExportedEndorsement struct {
	EndorserID *int64    `json:"endorserId"`
	At         time.Time `json:"at"`
}

// ExportedSkillVersion is one version of a declaration's history (removed skills
// included): what it said from validFrom until validTo (null for the version in force).
type ExportedSkillVersion struct {
	Skill          ExportedSkillRef `json:"skill"`
	Version        int              `json:"version"`
	Change         SkillChange      `json:"change"`
	Level          *int             `json:"level"`
	CurrentUse     bool             `json:"currentUse"`
	WantsToDevelop bool             `json:"wantsToDevelop"`
	TopRank        *int             `json:"topRank"`
	ValidatedLevel *int             `json:"validatedLevel"`
	Comment        string           `json:"comment"`
	ChangedBy      *ExportedPerson  `json:"changedBy"`
	ValidFrom      time.Time        `json:"validFrom"`
	ValidTo        *time.Time       `json:"validTo"`
}

// ExportedEndorsementGiven is an endorsement the agent gave to another agent's skill;
// agentId is null when the agent may no longer see that profile.
type ExportedEndorsementGiven struct {
	AgentID *int64           `json:"agentId"`
	Skill   ExportedSkillRef `json:"skill"`
	At      time.Time        `json:"at"`
}

// ExportedMembership is a community the agent belongs to.
type ExportedMembership struct {
	CommunityID int64      `json:"communityId"`
	Role        MemberRole `json:"role"`
	JoinedAt    time.Time  `json:"joinedAt"`
}

// ExportedRegistration is the agent's registration to an event.
type ExportedRegistration struct {
	EventID      int64     `json:"eventId"`
	Status       string    `json:"status"`
	Position     int       `json:"position"`
	RegisteredAt time.Time `json:"registeredAt"`
	UpdatedAt    time.Time `json:"updatedAt"`
	// EventTitle names the event, so that the file reads without the API.
	EventTitle string `json:"eventTitle"`
	// WaitlistPosition is the rank on the waitlist (1: the next to get a seat), null
	// unless waitlisted; Attended is what an animator marked, null until marked.
	WaitlistPosition *int  `json:"waitlistPosition"`
	Attended         *bool `json:"attended"`
}

// ExportedProfileView is a view of the agent's profile by a manager or administrator.
type ExportedProfileView struct {
	ViewerID           *int64    `json:"viewerId"`
	ViewerName         *string   `json:"viewerName"`
	ViewerOrganisation string    `json:"viewerOrganisation"`
	At                 time.Time `json:"at"`
}

// ExportedAction is what the agent did that the audit log recorded (views of profiles,
// validations, role changes).
type ExportedAction struct {
	At        time.Time `json:"at"`
	Action    string    `json:"action"`
	SubjectID *int64    `json:"subjectId"`
	Details   string    `json:"details"`
}

// ExportedAuditEntry is an entry of the audit log about the agent, made by someone else
// (validations of their skills, roles granted or revoked), without who made it: the
// agent's skills and roles say who when they may.
type ExportedAuditEntry struct {
	At      time.Time `json:"at"`
	Action  string    `json:"action"`
	Details string    `json:"details"`
}

// ExportedSession is a signed-in browser of the agent (the session's token and the
// provider's id token, credentials, are not exported).
type ExportedSession struct {
	CreatedAt  time.Time `json:"createdAt"`
	LastSeenAt time.Time `json:"lastSeenAt"`
	ExpiresAt  time.Time `json:"expiresAt"`
}

// ExportedShortlisting is a shortlist of a manager or administrator that the agent is on:
// its owner (id as for every reference, name and organisation always, as for who viewed
// the profile), its name and when the agent was added. The owner's note on the agent is
// theirs and is not exported.
type ExportedShortlisting struct {
	OwnerID           *int64    `json:"ownerId"`
	OwnerName         string    `json:"ownerName"`
	OwnerOrganisation string    `json:"ownerOrganisation"`
	Shortlist         string    `json:"shortlist"`
	AddedAt           time.Time `json:"addedAt"`
}

// ExportedShortlist is a shortlist the agent keeps (managers and administrators), with
// their notes.
type ExportedShortlist struct {
	Name      string                   `json:"name"`
	CreatedAt time.Time                `json:"createdAt"`
	UpdatedAt time.Time                `json:"updatedAt"`
	Entries   []ExportedShortlistEntry `json:"entries"`
}

// ExportedShortlistEntry is an agent on one of the exporter's shortlists, with the
// exporter's note.
type ExportedShortlistEntry struct {
	AgentID   *int64    `json:"agentId"`
	Note      string    `json:"note"`
	AddedAt   time.Time `json:"addedAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// ExportedSavedSearch is a talent search the agent saved: its name, its filter (as the
// audit log records filters: skills with their minimum levels, lists of ids and codes,
// text) and when it last ran.
type ExportedSavedSearch struct {
	Name      string          `json:"name"`
	Filter    json.RawMessage `json:"filter"`
	CreatedAt time.Time       `json:"createdAt"`
	LastRunAt time.Time       `json:"lastRunAt"`
}

// ExportedNotificationPreferences are the agent's preferences of notification, the
// defaults (updatedAt null) when they chose none. Hours are Europe/Paris, HH:MM.
type ExportedNotificationPreferences struct {
	Delivery        NotificationDelivery `json:"delivery"`
	ByEmail         bool                 `json:"byEmail"`
	QuietHoursStart *string              `json:"quietHoursStart"`
	QuietHoursEnd   *string              `json:"quietHoursEnd"`
	DigestDay       string               `json:"digestDay"` // MONDAY … SUNDAY
	DigestTime      string               `json:"digestTime"`
	UpdatedAt       *time.Time           `json:"updatedAt"`
}

// ExportedEventID is an event's id where the export may have none (null): a type of its
// own, because every *int64 of the export outside the agent's profile is a reference to
// another agent, which ForgetAgents clears (TestForgetAgentsCoversEveryReference).
type ExportedEventID int64

// ExportedNotification is one notification of the agent, about an event (eventId) or
// none.
type ExportedNotification struct {
	Kind      NotificationKind `json:"kind"`
	EventID   *ExportedEventID `json:"eventId"`
	CreatedAt time.Time        `json:"createdAt"`
	ReadAt    *time.Time       `json:"readAt"`
	EmailedAt *time.Time       `json:"emailedAt"`
}

// ExportNotificationPreferences gives preferences in the export's form.
func ExportNotificationPreferences(p *NotificationPreferences) ExportedNotificationPreferences {
	out := ExportedNotificationPreferences{Delivery: p.Delivery, ByEmail: p.ByEmail,
		DigestDay: strings.ToUpper(p.DigestWeekday.String()), DigestTime: FormatClock(p.DigestMinute)}
	if p.Quiet != nil {
		start, end := FormatClock(p.Quiet.Start), FormatClock(p.Quiet.End)
		out.QuietHoursStart, out.QuietHoursEnd = &start, &end
	}
	if !p.UpdatedAt.IsZero() {
		at := p.UpdatedAt
		out.UpdatedAt = &at
	}
	return out
}

// agentRefs returns every reference to another agent in x — the one list that
// ReferencedAgents and ForgetAgents share, so that a new reference cannot escape the rule.
func (x *DataExport) agentRefs() []**int64 {
	var out []**int64
	for i := range x.Skills {
		s := &x.Skills[i]
		if s.Validation != nil {
			out = append(out, &s.Validation.By.ID)
		}
		for j := range s.Endorsements {
			out = append(out, &s.Endorsements[j].EndorserID)
		}
	}
	for i := range x.SkillHistory {
		if c := x.SkillHistory[i].ChangedBy; c != nil {
			out = append(out, &c.ID)
		}
	}
	for i := range x.EndorsementsGiven {
		out = append(out, &x.EndorsementsGiven[i].AgentID)
	}
	for i := range x.ProfileViews {
		out = append(out, &x.ProfileViews[i].ViewerID)
	}
	for i := range x.MentoringRequests {
		out = append(out, &x.MentoringRequests[i].OtherAgentID)
	}
	for i := range x.Actions {
		out = append(out, &x.Actions[i].SubjectID)
	}
	for i := range x.OnShortlists {
		out = append(out, &x.OnShortlists[i].OwnerID)
	}
	for i := range x.Shortlists {
		for j := range x.Shortlists[i].Entries {
			out = append(out, &x.Shortlists[i].Entries[j].AgentID)
		}
	}
	return out
}

// ReferencedAgents returns the ids of the agents x refers to (the exporter included when a
// list names them), each once.
func (x *DataExport) ReferencedAgents() []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, ref := range x.agentRefs() {
		if *ref != nil && !seen[**ref] {
			seen[**ref] = true
			out = append(out, **ref)
		}
	}
	return out
}

// ForgetAgents applies the rule of references to other agents: it clears every reference
// to an agent whose profile the exporter may not see now (visible[id] false, as
// CanSeeProfile says), so that the file tells what they did without telling who they are.
// The exporter's own id stays: they see their own profile.
func (x *DataExport) ForgetAgents(visible map[int64]bool) {
	for _, ref := range x.agentRefs() {
		if *ref != nil && !visible[**ref] && **ref != x.Agent.ID {
			*ref = nil
		}
	}
}

// skillRefs returns every reference to a skill in x.
func (x *DataExport) skillRefs() []*ExportedSkillRef {
	var out []*ExportedSkillRef
	for i := range x.Skills {
		out = append(out, &x.Skills[i].Skill)
	}
	for i := range x.SkillHistory {
		out = append(out, &x.SkillHistory[i].Skill)
	}
	for i := range x.EndorsementsGiven {
		out = append(out, &x.EndorsementsGiven[i].Skill)
	}
	return out
}

// ReferencedSkills returns the ids of the skills x refers to, each once.
func (x *DataExport) ReferencedSkills() []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, ref := range x.skillRefs() {
		if !seen[ref.ID] {
			seen[ref.ID] = true
			out = append(out, ref.ID)
		}
	}
	return out
}

// NameSkills completes every skill reference of x from skills, by id.
func (x *DataExport) NameSkills(skills map[int64]ExportedSkillRef) {
	for _, ref := range x.skillRefs() {
		if s, ok := skills[ref.ID]; ok {
			*ref = s
		}
	}
}

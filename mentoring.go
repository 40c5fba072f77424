package passerelles

import (
	"context"
	"time"
)

// MentoringState is where a mentoring request stands.
type MentoringState string

// Mentoring states: a request is PENDING until the mentor accepts or declines it, or its
// requester withdraws it.
const (
	MentoringPending   MentoringState = "PENDING"
	MentoringAccepted  MentoringState = "ACCEPTED"
	MentoringDeclined  MentoringState = "DECLINED"
	MentoringWithdrawn MentoringState = "WITHDRAWN"
)

// Limits of mentoring requests.
const (
	MaxMentoringMessage = 1000 // characters of the message to the mentor
	// MaxMentoringRequestsPerDay bounds the requests one agent sends in 24 hours, so that
	// nobody floods the willing mentors.
	MaxMentoringRequestsPerDay = 5
	// MaxMentors is how many mentors a list of mentors returns at most.
	MaxMentors = 20
)

// MentoringRequest is an agent's request that another agent mentor them towards a role.
type MentoringRequest struct {
	ID          int64
	RequesterID int64
	MentorID    int64
	RoleID      int64
	Message     string
	State       MentoringState
	CreatedAt   time.Time
	AnsweredAt  time.Time // zero while pending

	// Names of both parties: each party reads both, since the request itself tells the
	// mentor who asks and the requester chose the mentor.
	RequesterName, MentorName string
	// MentorEmail and RequesterEmail: given to both parties once the mentor accepted
	// (MentoringContactShown), "" otherwise.
	MentorEmail, RequesterEmail string
}

// MentoringInput is what a requester writes.
type MentoringInput struct {
	MentorID int64
	RoleCode string
	Message  string
}

// Validate returns EINVALID for a missing mentor or role, or a message ValidateText
// refuses (and normalises the one it accepts).
func (in *MentoringInput) Validate() error {
	if in.MentorID <= 0 {
		return WithField("mentorId", Errorf(EINVALID, "Choisissez un mentor."))
	}
	if in.RoleCode == "" {
		return WithField("roleCode", Errorf(EINVALID, "Choisissez le métier visé."))
	}
	return WithField("message", ValidateText("Le message", &in.Message, MaxMentoringMessage, TextMultiLine))
}

// CheckMentoringRequest is the rule of who may ask whom: a signed-in agent, not
// themselves, a mentor whose profile they may see (CanSeeProfile; otherwise ENOTFOUND,
// as for a missing profile) and who is willing to mentor, with no request to that mentor
// still pending (ECONFLICT) and fewer than MaxMentoringRequestsPerDay requests sent in
// the last 24 hours.
func CheckMentoringRequest(viewer *User, mentor *Agent, mentorHiddenFrom []int64, pendingWithMentor bool, sentLastDay int) error {
	switch {
	case viewer == nil || viewer.AgentID == 0:
		return Errorf(EUNAUTHENTICATED, "Connectez-vous pour demander un mentorat.")
	case mentor == nil || !CanSeeProfile(viewer, mentor, mentorHiddenFrom):
		return WithField("mentorId", Errorf(ENOTFOUND, "Ce profil n’existe pas ou ne vous est pas visible."))
	case mentor.ID == viewer.AgentID:
		return WithField("mentorId", Errorf(EINVALID, "Vous ne pouvez pas vous demander un mentorat à vous-même."))
	case !mentor.WillingToMentor:
		return WithField("mentorId", Errorf(EINVALID, "Cet agent ne propose pas de mentorat."))
	case pendingWithMentor:
		return WithField("mentorId", Errorf(ECONFLICT, "Vous avez déjà une demande en attente auprès de cet agent."))
	case sentLastDay >= MaxMentoringRequestsPerDay:
		return Errorf(EINVALID, "Vous avez envoyé %d demandes de mentorat en 24 heures : attendez un peu avant d’en envoyer d’autres.", MaxMentoringRequestsPerDay)
	}
	return nil
}

// CheckAnswer returns nil when viewer may accept or decline r: its mentor, while it is
// pending. A request the viewer is no party to is ENOTFOUND.
func (r *MentoringRequest) CheckAnswer(viewer *User) error {
	switch {
	case viewer == nil || viewer.AgentID == 0:
		return Errorf(EUNAUTHENTICATED, "Connectez-vous pour répondre à une demande de mentorat.")
	case !r.HasParty(viewer):
		return Errorf(ENOTFOUND, "Cette demande de mentorat n’existe pas.")
	case viewer.AgentID != r.MentorID:
		return Errorf(EFORBIDDEN, "Seul le mentor sollicité répond à une demande de mentorat.")
	case r.State != MentoringPending:
		return Errorf(ECONFLICT, "Cette demande n’est plus en attente.")
	}
	return nil
}

// CheckWithdraw returns nil when viewer may withdraw r: its requester, while it is pending.
func (r *MentoringRequest) CheckWithdraw(viewer *User) error {
	switch {
	case viewer == nil || viewer.AgentID == 0:
		return Errorf(EUNAUTHENTICATED, "Connectez-vous pour retirer une demande de mentorat.")
	case !r.HasParty(viewer):
		return Errorf(ENOTFOUND, "Cette demande de mentorat n’existe pas.")
	case viewer.AgentID != r.RequesterID:
		return Errorf(EFORBIDDEN, "Seul l’auteur d’une demande de mentorat peut la retirer.")
	case r.State != MentoringPending:
		return Errorf(ECONFLICT, "Cette demande n’est plus en attente.")
	}
	return nil
}

// HasParty reports whether viewer is the requester or the mentor of r: nobody else reads
// a request (administrators neither).
func (r *MentoringRequest) HasParty(viewer *User) bool {
	return viewer != nil && viewer.AgentID != 0 && (viewer.AgentID == r.RequesterID || viewer.AgentID == r.MentorID)
}

// MentoringContactShown reports whether the parties read each other's email: once the
// mentor accepted, and only them.
func (r *MentoringRequest) MentoringContactShown(viewer *User) bool {
	return r.State == MentoringAccepted && r.HasParty(viewer)
}

// SeeMentoringRequest blanks what viewer may not read of r (the emails before acceptance)
// and returns nil when viewer is no party to it.
func SeeMentoringRequest(viewer *User, r *MentoringRequest) *MentoringRequest {
	if r == nil || !r.HasParty(viewer) {
		return nil
	}
	if !r.MentoringContactShown(viewer) {
		r.MentorEmail, r.RequesterEmail = "", ""
	}
	return r
}

// Mentor is an agent who may help the viewer close a gap: willing to mentor, visible to
// the viewer, and holding a missing skill at the target level or having made the move.
type Mentor struct {
	AgentID int64
	// MadeTheMove: their history shows a move into the target role from the viewer's
	// current role (the very move the viewer wants to make).
	MadeTheMove bool
	// HeldRole: they hold the target role now or held it (history).
	HeldRole bool
	// Level of the skill by CountedLevel (0 for a list of the role's mentors), and whether
	// a manager validated it.
	Level     int
	Validated bool
}

// MentorRankExplanation says, in French, who the mentors are and how they are ranked.
const MentorRankExplanation = "Les mentors proposés acceptent de l’être et leur profil vous est visible. Pour une compétence, " +
	"ils la détiennent au niveau attendu : niveau déclaré au moins égal, et aucun niveau validé inférieur. " +
	"Viennent d’abord ceux qui ont fait le même passage que vous (de votre métier actuel au métier visé), puis ceux qui " +
	"exercent ou ont exercé le métier visé, puis les niveaux les plus élevés."

// MentorQuery asks for the mentors of one role for the signed-in agent: for each skill of
// Skills (the ones missing, with their target level) and for the role itself (agents who
// moved into it).
type MentorQuery struct {
	RoleID        int64
	CurrentRoleID int64 // the viewer's current role: a mentor who left it for RoleID ranks first
	Skills        []SkillGap
	Limit         int // per list, 1…MaxMentors
}

// MentoringService keeps mentoring requests and finds mentors.
type MentoringService interface {
	// RequestMentoring sends a request from the signed-in agent (CheckMentoringRequest) and
	// notifies the mentor. Returns EINVALID, ENOTFOUND, ECONFLICT as the rule says.
	RequestMentoring(ctx context.Context, in MentoringInput) (*MentoringRequest, error)

	// RespondToMentoring accepts or declines a pending request (CheckAnswer) and notifies
	// the requester.
	RespondToMentoring(ctx context.Context, id int64, accept bool) (*MentoringRequest, error)

	// WithdrawMentoring withdraws a pending request of the signed-in agent (CheckWithdraw).
	WithdrawMentoring(ctx context.Context, id int64) (*MentoringRequest, error)

	// FindMentoringRequests returns the requests the signed-in agent sent (sent) or
	// received, the latest first, and their total.
	FindMentoringRequests(ctx context.Context, sent bool, page Page) ([]*MentoringRequest, int, error)

	// FindMentors returns, for each skill of q (by skill id) and for the role (key 0), the
	// mentors the signed-in agent may ask, best first (MentorRankExplanation).
	FindMentors(ctx context.Context, q MentorQuery) (map[int64][]Mentor, error)
}

package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"

	"passerelles"
)

// EventService implements passerelles.EventService: events, registrations, the waitlist
// and attendance. Every change of a registration happens in one write transaction on the
// single writer, so that concurrent registrations queue and seats are counted exactly.
type EventService struct{ db *DB }

var _ passerelles.EventService = (*EventService)(nil)

// NewEventService returns the event service of db.
func NewEventService(db *DB) *EventService { return &EventService{db: db} }

// eventColumns are the columns scanEvent reads, the counts of seats taken and waiting
// included (registrations_event_status answers them from the index).
const eventColumns = `e.id, e.community_id, e.title, e.description, COALESCE(e.description_html, ''),
	COALESCE(e.description_text, ''), e.kind, e.status, e.format, e.address,
	COALESCE(e.region_id, 0), e.online_url, e.starts_at, e.ends_at, e.time_zone, e.capacity, e.registration_deadline,
	e.sequence, e.published_at, e.cancelled_at, e.created_at, e.updated_at,
	(SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'REGISTERED'),
	(SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'WAITLISTED')`

type scanner interface{ Scan(dest ...any) error }

func scanEvent(row scanner, extra ...any) (*passerelles.Event, error) {
	e := &passerelles.Event{SkillIDs: []int64{}}
	var kind, status, format string
	var starts, ends, created, updated int64
	var deadline, published, cancelled sql.NullInt64
	dest := append([]any{&e.ID, &e.CommunityID, &e.Title, &e.Description, &e.DescriptionHTML, &e.DescriptionText, &kind, &status, &format, &e.Address,
		&e.RegionID, &e.OnlineURL, &starts, &ends, &e.TimeZone, &e.Capacity, &deadline,
		&e.Sequence, &published, &cancelled, &created, &updated, &e.RegisteredCount, &e.WaitlistCount}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	e.Kind, e.Status, e.Format = passerelles.EventKind(kind), passerelles.EventStatus(status), passerelles.EventFormat(format)
	e.StartsAt, e.EndsAt = time.UnixMilli(starts).UTC(), time.UnixMilli(ends).UTC()
	e.CreatedAt, e.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	e.RegistrationDeadline, e.PublishedAt, e.CancelledAt = timeOf(deadline), timeOf(published), timeOf(cancelled)
	return e, nil
}

func timeOf(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}

// eventSearchText is the folded text the listing's text filter looks in.
func eventSearchText(e *passerelles.Event) string {
	return passerelles.FoldForSearch(e.Title + "\n" + e.Description)
}

// searchWords folds text as the events' search text is folded and splits it into words.
func searchWords(text string) []string {
	return strings.FieldsFunc(passerelles.FoldForSearch(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// loadEventSkills fills the skills of events, in one statement.
func loadEventSkills(ctx context.Context, tx *Tx, events []*passerelles.Event) error {
	if len(events) == 0 {
		return nil
	}
	byID := make(map[int64]*passerelles.Event, len(events))
	ids := make([]int64, 0, len(events))
	for _, e := range events {
		byID[e.ID] = e
		ids = append(ids, e.ID)
	}
	rows, err := tx.QueryContext(ctx, `SELECT es.event_id, es.skill_id FROM event_skills es JOIN skills s ON s.id = es.skill_id
		WHERE es.event_id IN (SELECT value FROM json_each(?)) ORDER BY es.event_id, s.framework_id, s.position`, jsonIDs(ids))
	if err != nil {
		return fmt.Errorf("sqlite: event skills: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var eid, sid int64
		if err := rows.Scan(&eid, &sid); err != nil {
			return fmt.Errorf("sqlite: event skills: %w", err)
		}
		byID[eid].SkillIDs = append(byID[eid].SkillIDs, sid)
	}
	return rows.Err()
}

// eventViewer is the person reading events: the communities they animate decide what they
// manage (passerelles.CanManageEvents).
type eventViewer struct {
	u        *passerelles.User
	animates map[int64]bool
}

func loadEventViewer(ctx context.Context, tx *Tx, u *passerelles.User) (*eventViewer, error) {
	v := &eventViewer{u: u, animates: map[int64]bool{}}
	if u == nil || u.AgentID == 0 {
		return v, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT community_id FROM community_members WHERE agent_id = ? AND role = 'ANIMATOR'`, u.AgentID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: animated communities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: animated communities: %w", err)
		}
		v.animates[id] = true
	}
	return v, rows.Err()
}

func (v *eventViewer) canManage(communityID int64) bool {
	role := passerelles.MemberRole("")
	if v.animates[communityID] {
		role = passerelles.MemberRoleAnimator
	}
	return passerelles.CanManageEvents(v.u, role)
}

// visibleEvents is the SQL twin of passerelles.CanSeeEvent for alias: published and
// cancelled events for everyone, drafts for administrators and the animators of the
// event's community.
func visibleEvents(alias string, u *passerelles.User) (string, []any) {
	if u == nil {
		return "0", nil
	}
	return `(` + alias + `.status <> 'DRAFT' OR ? OR ` + alias + `.community_id IN
		(SELECT community_id FROM community_members WHERE agent_id = ? AND role = 'ANIMATOR'))`,
		[]any{u.Has(passerelles.AccessAdmin), u.AgentID}
}

// see applies what the viewer may read of events: what they manage, and the online link
// only with a seat or the right to manage (one read of the viewer's registrations).
func (v *eventViewer) see(ctx context.Context, tx *Tx, events []*passerelles.Event) error {
	if len(events) == 0 {
		return nil
	}
	regs, err := registrationsOf(ctx, tx, v.u, events)
	if err != nil {
		return err
	}
	for _, e := range events {
		passerelles.SeeEvent(v.u, e, v.canManage(e.CommunityID), regs[e.ID], tx.now)
	}
	return nil
}

// registrationColumns are the columns scanRegistration reads, the rank on the waitlist
// included.
const registrationColumns = `r.id, r.event_id, r.agent_id, r.status, r.position, r.registered_at, r.updated_at, r.attended,
	r.attendance_marked_at, CASE WHEN r.status = 'WAITLISTED' THEN (SELECT COUNT(*) FROM registrations w
		WHERE w.event_id = r.event_id AND w.status = 'WAITLISTED' AND w.position <= r.position) ELSE 0 END`

func scanRegistration(row scanner, extra ...any) (*passerelles.Registration, error) {
	r := &passerelles.Registration{}
	var status string
	var registered, updated int64
	var attended, marked sql.NullInt64
	if err := row.Scan(append([]any{&r.ID, &r.EventID, &r.AgentID, &status, &r.Position, &registered, &updated, &attended,
		&marked, &r.WaitlistPosition}, extra...)...); err != nil {
		return nil, err
	}
	r.Status = passerelles.RegistrationStatus(status)
	r.RegisteredAt, r.UpdatedAt = time.UnixMilli(registered).UTC(), time.UnixMilli(updated).UTC()
	if attended.Valid {
		a := attended.Int64 == 1
		r.Attended = &a
	}
	r.AttendanceMarkedAt = timeOf(marked)
	return r, nil
}

// registrationsOf returns u's registrations to events, by event.
func registrationsOf(ctx context.Context, tx *Tx, u *passerelles.User, events []*passerelles.Event) (map[int64]*passerelles.Registration, error) {
	out := map[int64]*passerelles.Registration{}
	if u == nil || u.AgentID == 0 || len(events) == 0 {
		return out, nil
	}
	ids := make([]int64, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	return findRegistrations(ctx, tx, u.AgentID, ids)
}

func findRegistrations(ctx context.Context, tx *Tx, agentID int64, eventIDs []int64) (map[int64]*passerelles.Registration, error) {
	out := map[int64]*passerelles.Registration{}
	rows, err := tx.QueryContext(ctx, `SELECT `+registrationColumns+` FROM registrations r
		WHERE r.agent_id = ? AND r.event_id IN (SELECT value FROM json_each(?))`, agentID, jsonIDs(eventIDs))
	if err != nil {
		return nil, fmt.Errorf("sqlite: find registrations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRegistration(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: find registrations: %w", err)
		}
		out[r.EventID] = r
	}
	return out, rows.Err()
}

func signedIn(ctx context.Context) (*passerelles.User, error) {
	u := passerelles.UserFromContext(ctx)
	if u == nil {
		return nil, passerelles.Errorf(passerelles.EUNAUTHENTICATED, "Connectez-vous pour voir les événements.")
	}
	return u, nil
}

func eventNotFound(id int64) error {
	return passerelles.Errorf(passerelles.ENOTFOUND, "L’événement %d n’existe pas.", id)
}

// findEvent reads one event with its skills, whatever its status.
func findEvent(ctx context.Context, tx *Tx, id int64) (*passerelles.Event, error) {
	e, err := scanEvent(tx.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events e WHERE e.id = ?`, id))
	if err == sql.ErrNoRows {
		return nil, eventNotFound(id)
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find event: %w", err)
	}
	return e, loadEventSkills(ctx, tx, []*passerelles.Event{e})
}

// FindEventByID implements passerelles.EventService.
func (s *EventService) FindEventByID(ctx context.Context, id int64) (*passerelles.Event, error) {
	u, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	var e *passerelles.Event
	err = s.db.read(ctx, func(tx *Tx) error {
		if e, err = findEvent(ctx, tx, id); err != nil {
			return err
		}
		v, err := loadEventViewer(ctx, tx, u)
		if err != nil {
			return err
		}
		if !passerelles.CanSeeEvent(u, e, v.canManage(e.CommunityID)) {
			return eventNotFound(id)
		}
		return v.see(ctx, tx, []*passerelles.Event{e})
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// whenCondition is the SQL of a time filter at now, and the order it lists in.
func whenCondition(when passerelles.EventWhen, now time.Time) (cond string, args []any, order string) {
	switch when {
	case passerelles.EventsUpcoming:
		return "e.ends_at > ?", []any{formatTime(now)}, "e.starts_at, e.id"
	case passerelles.EventsPast:
		return "e.ends_at <= ?", []any{formatTime(now)}, "e.starts_at DESC, e.id DESC"
	}
	return "1", nil, "e.starts_at, e.id"
}

// FindEvents implements passerelles.EventService: one statement for the page and its
// total, one for the skills, one for what the viewer animates, one for their
// registrations.
func (s *EventService) FindEvents(ctx context.Context, filter passerelles.EventFilter) ([]*passerelles.Event, int, error) {
	u, err := signedIn(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := filter.Validate(); err != nil {
		return nil, 0, err
	}
	w, order := eventsWhere(u, filter, s.db.Now())
	var events []*passerelles.Event
	total := 0
	err = s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+eventColumns+`, COUNT(*) OVER () FROM events e`+w.String()+
			` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(w.args, filter.Limit, filter.Offset)...)
		if err != nil {
			return fmt.Errorf("sqlite: find events: %w", err)
		}
		defer rows.Close()
		events = []*passerelles.Event{}
		for rows.Next() {
			e, err := scanEvent(rows, &total)
			if err != nil {
				return fmt.Errorf("sqlite: find events: %w", err)
			}
			events = append(events, e)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: find events: %w", err)
		}
		rows.Close()
		if len(events) == 0 && filter.Offset > 0 {
			// Past the end: the window saw no row to carry the total.
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM events e`+w.String(), w.args...).Scan(&total); err != nil {
				return fmt.Errorf("sqlite: count events: %w", err)
			}
		}
		return s.finish(ctx, tx, u, events)
	})
	if err != nil {
		return nil, 0, err
	}
	return events, total, nil
}

// eventsWhere is the SQL condition of the events u may see that filter selects at now, and
// the order they list in.
func eventsWhere(u *passerelles.User, filter passerelles.EventFilter, now time.Time) (where, string) {
	var w where
	cond, args := visibleEvents("e", u)
	w.add(cond, args...)
	when, whenArgs, order := whenCondition(filter.When, now)
	w.add(when, whenArgs...)
	if !filter.StartsFrom.IsZero() || !filter.StartsBefore.IsZero() {
		// The status is one of three (a CHECK of the table): naming them lets the index
		// events_starts (status, starts_at) serve the period as three ranges of the index,
		// where the visibility's OR would otherwise read every event.
		w.add("e.status IN ('DRAFT', 'PUBLISHED', 'CANCELLED')")
		if !filter.StartsFrom.IsZero() {
			w.add("e.starts_at >= ?", formatTime(filter.StartsFrom))
		}
		if !filter.StartsBefore.IsZero() {
			w.add("e.starts_at < ?", formatTime(filter.StartsBefore))
		}
	}
	if filter.CommunityID != 0 {
		w.add("e.community_id = ?", filter.CommunityID)
	}
	if filter.Kind != "" {
		w.add("e.kind = ?", string(filter.Kind))
	}
	if filter.Format != "" {
		w.add("e.format = ?", string(filter.Format))
	}
	if filter.RegionID != 0 {
		w.add("e.region_id = ?", filter.RegionID)
	}
	if filter.SkillID != 0 {
		w.add("EXISTS (SELECT 1 FROM event_skills es WHERE es.event_id = e.id AND es.skill_id = ?)", filter.SkillID)
	}
	if len(filter.SkillIDs) > 0 {
		w.add("EXISTS (SELECT 1 FROM event_skills es WHERE es.event_id = e.id AND es.skill_id IN (SELECT value FROM json_each(?)))", jsonIDs(filter.SkillIDs))
	}
	for _, word := range searchWords(filter.Text) {
		w.add("instr(e.search_text, ?) > 0", word)
	}
	return w, order
}

// finish loads the skills of events and applies what the viewer may read of them.
func (s *EventService) finish(ctx context.Context, tx *Tx, u *passerelles.User, events []*passerelles.Event) error {
	if err := loadEventSkills(ctx, tx, events); err != nil {
		return err
	}
	v, err := loadEventViewer(ctx, tx, u)
	if err != nil {
		return err
	}
	return v.see(ctx, tx, events)
}

// FindCommunityEvents implements passerelles.EventService: one statement for the pages
// of every community (a window per community), then the skills and the viewer's part.
func (s *EventService) FindCommunityEvents(ctx context.Context, communityIDs []int64, when passerelles.EventWhen, page passerelles.Page) (map[int64]passerelles.EventPage, error) {
	u, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	if err := page.Validate(); err != nil {
		return nil, err
	}
	f := passerelles.EventFilter{When: when, Page: page}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	out := make(map[int64]passerelles.EventPage, len(communityIDs))
	for _, id := range communityIDs {
		out[id] = passerelles.EventPage{Events: []*passerelles.Event{}}
	}
	if len(communityIDs) == 0 {
		return out, nil
	}
	vis, visArgs := visibleEvents("e", u)
	whenCond, whenArgs, order := whenCondition(when, s.db.Now())
	args := append(append(append([]any{jsonIDs(communityIDs)}, visArgs...), whenArgs...), page.Offset, page.Offset+page.Limit)
	err = s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT * FROM (SELECT `+eventColumns+`,
				ROW_NUMBER() OVER (PARTITION BY e.community_id ORDER BY `+order+`) AS n,
				COUNT(*) OVER (PARTITION BY e.community_id) AS total
			FROM events e WHERE e.community_id IN (SELECT value FROM json_each(?)) AND `+vis+` AND `+whenCond+`)
			WHERE n > ? AND n <= ? ORDER BY 2, n`, args...)
		if err != nil {
			return fmt.Errorf("sqlite: find community events: %w", err)
		}
		defer rows.Close()
		var all []*passerelles.Event
		for rows.Next() {
			var n, total int
			e, err := scanEvent(rows, &n, &total)
			if err != nil {
				return fmt.Errorf("sqlite: find community events: %w", err)
			}
			p := out[e.CommunityID]
			p.Events, p.Total = append(p.Events, e), total
			out[e.CommunityID] = p
			all = append(all, e)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: find community events: %w", err)
		}
		rows.Close()
		if page.Offset > 0 {
			// Lists whose page lies past their end saw no row: count them together.
			var past []int64
			for id, p := range out {
				if len(p.Events) == 0 {
					past = append(past, id)
				}
			}
			if len(past) > 0 {
				crows, err := tx.QueryContext(ctx, `SELECT e.community_id, COUNT(*) FROM events e
					WHERE e.community_id IN (SELECT value FROM json_each(?)) AND `+vis+` AND `+whenCond+` GROUP BY e.community_id`,
					append(append([]any{jsonIDs(past)}, visArgs...), whenArgs...)...)
				if err != nil {
					return fmt.Errorf("sqlite: count community events: %w", err)
				}
				defer crows.Close()
				for crows.Next() {
					var id int64
					var total int
					if err := crows.Scan(&id, &total); err != nil {
						return fmt.Errorf("sqlite: count community events: %w", err)
					}
					p := out[id]
					p.Total = total
					out[id] = p
				}
				if err := crows.Err(); err != nil {
					return err
				}
			}
		}
		return s.finish(ctx, tx, u, all)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eventFull is the SQL twin of Event.SeatsLeft() == 0 for alias e: a limited capacity
// with every seat taken (0 with a seat left or no limit, 1 when only the waitlist is left).
const eventFull = `(e.capacity > 0 AND (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'REGISTERED') >= e.capacity)`

// FindRecommendedEvents implements passerelles.EventService: events with a seat left
// come before full ones (only the waitlist is left there), then most matching skills
// first, then soonest.
func (s *EventService) FindRecommendedEvents(ctx context.Context, page passerelles.Page) ([]*passerelles.Event, int, error) {
	u, err := signedIn(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := page.Validate(); err != nil {
		return nil, 0, err
	}
	events := []*passerelles.Event{}
	total := 0
	if u.AgentID == 0 {
		return events, 0, nil
	}
	now := formatTime(s.db.Now())
	err = s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+eventColumns+`, COUNT(*) OVER () FROM events e
			JOIN (SELECT es.event_id, COUNT(*) AS matches FROM agent_skills a JOIN event_skills es ON es.skill_id = a.skill_id
				WHERE a.agent_id = ? AND a.wants_to_develop = 1 GROUP BY es.event_id) m ON m.event_id = e.id
			WHERE e.status = 'PUBLISHED' AND e.starts_at > ? AND COALESCE(e.registration_deadline, e.starts_at) > ?
				AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = e.id AND r.agent_id = ? AND r.status <> 'CANCELLED')
			ORDER BY `+eventFull+`, m.matches DESC, e.starts_at, e.id LIMIT ? OFFSET ?`, u.AgentID, now, now, u.AgentID, page.Limit, page.Offset)
		if err != nil {
			return fmt.Errorf("sqlite: recommended events: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanEvent(rows, &total)
			if err != nil {
				return fmt.Errorf("sqlite: recommended events: %w", err)
			}
			events = append(events, e)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: recommended events: %w", err)
		}
		rows.Close()
		return s.finish(ctx, tx, u, events)
	})
	if err != nil {
		return nil, 0, err
	}
	return events, total, nil
}

// roleIn returns u's role in the community, "" when not a member.
func roleIn(ctx context.Context, tx *Tx, u *passerelles.User, communityID int64) (passerelles.MemberRole, error) {
	if u == nil || u.AgentID == 0 {
		return "", nil
	}
	var role string
	err := tx.QueryRowContext(ctx, `SELECT role FROM community_members WHERE community_id = ? AND agent_id = ?`, communityID, u.AgentID).Scan(&role)
	if err == sql.ErrNoRows {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("sqlite: role in community: %w", err)
	}
	return passerelles.MemberRole(role), nil
}

// manageEvent reads the event id for a change by u: ENOTFOUND when u may not see it,
// EFORBIDDEN when u sees it and may not manage it.
func manageEvent(ctx context.Context, tx *Tx, u *passerelles.User, id int64) (*passerelles.Event, error) {
	if u == nil {
		return nil, passerelles.Errorf(passerelles.EUNAUTHENTICATED, "Connectez-vous pour continuer.")
	}
	e, err := findEvent(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	role, err := roleIn(ctx, tx, u, e.CommunityID)
	if err != nil {
		return nil, err
	}
	can := passerelles.CanManageEvents(u, role)
	if !passerelles.CanSeeEvent(u, e, can) {
		return nil, eventNotFound(id)
	}
	if err := passerelles.RequireManageEvents(u, role); err != nil {
		return nil, err
	}
	e.CanManage, e.LinkShown = true, true
	return e, nil
}

// writeEventSkills replaces the skills of the event.
func writeEventSkills(ctx context.Context, tx *Tx, e *passerelles.Event) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_skills WHERE event_id = ?`, e.ID); err != nil {
		return fmt.Errorf("sqlite: event skills: %w", err)
	}
	for i, sid := range e.SkillIDs {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO event_skills (event_id, skill_id) VALUES (?, ?)`, e.ID, sid); err != nil {
			return passerelles.WithField(fmt.Sprintf("skillIds.%d", i), classify("lier une compétence à l’événement", err))
		}
	}
	return nil
}

// checkEventReferences returns EINVALID, with its field, for an unknown region or skill.
func checkEventReferences(ctx context.Context, tx *Tx, e *passerelles.Event) error {
	if e.RegionID != 0 {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM regions WHERE id = ?`, e.RegionID).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: check region: %w", err)
		}
		if n == 0 {
			return &passerelles.Error{Code: passerelles.EINVALID, Field: "regionId", Message: "Cette région n’existe pas."}
		}
	}
	for i, sid := range e.SkillIDs {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM skills WHERE id = ?`, sid).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: check skill: %w", err)
		}
		if n == 0 {
			return &passerelles.Error{Code: passerelles.EINVALID, Field: fmt.Sprintf("skillIds.%d", i), Message: "Cette compétence n’existe pas."}
		}
	}
	return nil
}

// CreateEvent implements passerelles.EventService.
func (s *EventService) CreateEvent(ctx context.Context, in passerelles.EventInput) (*passerelles.Event, error) {
	u := passerelles.UserFromContext(ctx)
	if u == nil {
		return nil, passerelles.Errorf(passerelles.EUNAUTHENTICATED, "Connectez-vous pour continuer.")
	}
	var id int64
	err := s.db.write(ctx, func(tx *Tx) error {
		var archived sql.NullInt64
		var name string
		err := tx.QueryRowContext(ctx, `SELECT name, archived_at FROM communities WHERE id = ?`, in.CommunityID).Scan(&name, &archived)
		if err == sql.ErrNoRows {
			return &passerelles.Error{Code: passerelles.ENOTFOUND, Field: "communityId", Message: "Cette communauté n’existe pas."}
		} else if err != nil {
			return fmt.Errorf("sqlite: create event: %w", err)
		}
		role, err := roleIn(ctx, tx, u, in.CommunityID)
		if err != nil {
			return err
		}
		if err := passerelles.RequireManageEvents(u, role); err != nil {
			return err
		}
		c := passerelles.Community{Name: name, ArchivedAt: timeOf(archived)}
		if err := c.CheckJoinable(); err != nil {
			return err
		}
		e := &passerelles.Event{CommunityID: in.CommunityID, Status: passerelles.EventDraft}
		if err := in.Apply(e); err != nil {
			return err
		}
		if err := e.CheckStartsAhead(tx.now); err != nil {
			return err
		}
		if err := checkEventReferences(ctx, tx, e); err != nil {
			return err
		}
		e.DescriptionHTML, e.DescriptionText = s.db.describe(e.Description)
		now := formatTime(tx.now)
		res, err := tx.ExecContext(ctx, `INSERT INTO events (community_id, title, description, description_html, description_text,
			kind, status, format, address, region_id, online_url, starts_at, ends_at, time_zone, capacity, registration_deadline,
			created_by, created_at, updated_at, search_text) VALUES (?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.CommunityID, e.Title, e.Description, e.DescriptionHTML, e.DescriptionText, string(e.Kind), string(e.Format), e.Address, nullInt64(e.RegionID),
			e.OnlineURL, formatTime(e.StartsAt), formatTime(e.EndsAt), e.TimeZone, e.Capacity, nullTime(e.RegistrationDeadline),
			nullInt64(u.AgentID), now, now, eventSearchText(e))
		if err != nil {
			return sameEvent(classify("créer l’événement", err))
		}
		if e.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		id = e.ID
		return writeEventSkills(ctx, tx, e)
	})
	if err != nil {
		return nil, err
	}
	return s.FindEventByID(ctx, id)
}

// UpdateEvent implements passerelles.EventService.
func (s *EventService) UpdateEvent(ctx context.Context, id int64, in passerelles.EventInput) (*passerelles.Event, error) {
	u := passerelles.UserFromContext(ctx)
	err := s.db.write(ctx, func(tx *Tx) error {
		e, err := manageEvent(ctx, tx, u, id)
		if err != nil {
			return err
		}
		if e.Status == passerelles.EventCancelled {
			return passerelles.Errorf(passerelles.ECONFLICT, "Cet événement est annulé : il ne peut plus être modifié.")
		}
		if err := e.CheckChangeable(tx.now); err != nil {
			return err
		}
		old := *e
		if err := in.Apply(e); err != nil {
			return err
		}
		if err := e.CheckStartsAhead(tx.now); err != nil {
			return err
		}
		if e.Capacity > 0 && e.Capacity < e.RegisteredCount {
			return &passerelles.Error{Code: passerelles.EINVALID, Field: "capacity",
				Message: fmt.Sprintf("La capacité ne peut pas descendre sous le nombre de places déjà prises (%d).", e.RegisteredCount)}
		}
		if err := checkEventReferences(ctx, tx, e); err != nil {
			return err
		}
		changed := passerelles.SequenceChange(&old, e)
		if changed {
			e.Sequence++
		}
		if e.Description != old.Description || old.DescriptionHTML == "" && e.Description != "" {
			e.DescriptionHTML, e.DescriptionText = s.db.describe(e.Description)
		}
		_, err = tx.ExecContext(ctx, `UPDATE events SET title = ?, description = ?, description_html = ?, description_text = ?,
			kind = ?, format = ?, address = ?, region_id = ?, online_url = ?, starts_at = ?, ends_at = ?, time_zone = ?,
			capacity = ?, registration_deadline = ?, sequence = ?, updated_at = ?, search_text = ? WHERE id = ?`,
			e.Title, e.Description, e.DescriptionHTML, e.DescriptionText, string(e.Kind), string(e.Format), e.Address, nullInt64(e.RegionID), e.OnlineURL,
			formatTime(e.StartsAt), formatTime(e.EndsAt), e.TimeZone, e.Capacity, nullTime(e.RegistrationDeadline),
			e.Sequence, formatTime(tx.now), eventSearchText(e), e.ID)
		if err != nil {
			return sameEvent(classify("modifier l’événement", err))
		}
		if err := writeEventSkills(ctx, tx, e); err != nil {
			return err
		}
		if e.Status != passerelles.EventPublished {
			return nil
		}
		if changed {
			agents, err := participantIDs(ctx, tx, e.ID)
			if err != nil {
				return err
			}
			if err := notify(ctx, tx, agents, passerelles.NotifyEventChanged, e.ID); err != nil {
				return err
			}
		}
		_, err = promote(ctx, tx, e)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.FindEventByID(ctx, id)
}

// sameEvent names the conflict of an event with another of its community with the same
// title and start (the events' unique key).
func sameEvent(err error) error {
	if passerelles.ErrorCode(err) == passerelles.ECONFLICT {
		return &passerelles.Error{Code: passerelles.ECONFLICT, Field: "title",
			Message: "La communauté a déjà un événement de ce titre qui commence au même moment."}
	}
	return err
}

// participantIDs returns the agents registered or waitlisted for the event.
func participantIDs(ctx context.Context, tx *Tx, eventID int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT agent_id FROM registrations WHERE event_id = ? AND status IN ('REGISTERED', 'WAITLISTED')
		ORDER BY position`, eventID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: participants: %w", err)
	}
	return scanIDs(rows)
}

func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// promote gives the seats free in e (its RegisteredCount as read in tx) to the first of
// its waitlist, in order of arrival, and tells each (PROMOTED_FROM_WAITLIST); it returns
// the agents promoted. Called in the transaction that freed the seats or raised the
// capacity, so that no other write sees a free seat with a waitlist. Once the event has
// started (CheckChangeable) the waitlist stays as it was: a seat given afterwards would be
// a seat nobody took.
func promote(ctx context.Context, tx *Tx, e *passerelles.Event) ([]int64, error) {
	if e.Status != passerelles.EventPublished || e.CheckChangeable(tx.now) != nil {
		return nil, nil
	}
	free := -1 // LIMIT -1: every one, when the capacity is unlimited
	if e.Capacity > 0 {
		if free = e.Capacity - e.RegisteredCount; free <= 0 {
			return nil, nil
		}
	}
	rows, err := tx.QueryContext(ctx, `UPDATE registrations SET status = 'REGISTERED', updated_at = ? WHERE id IN
		(SELECT id FROM registrations WHERE event_id = ? AND status = 'WAITLISTED' ORDER BY position LIMIT ?) RETURNING agent_id`,
		formatTime(tx.now), e.ID, free)
	if err != nil {
		return nil, fmt.Errorf("sqlite: promote: %w", err)
	}
	agents, err := scanIDs(rows)
	if err != nil {
		return nil, fmt.Errorf("sqlite: promote: %w", err)
	}
	e.RegisteredCount += len(agents)
	e.WaitlistCount -= len(agents)
	return agents, notify(ctx, tx, agents, passerelles.NotifyPromoted, e.ID)
}

// PublishEvent implements passerelles.EventService.
func (s *EventService) PublishEvent(ctx context.Context, id int64) (*passerelles.Event, error) {
	u := passerelles.UserFromContext(ctx)
	err := s.db.write(ctx, func(tx *Tx) error {
		e, err := manageEvent(ctx, tx, u, id)
		if err != nil {
			return err
		}
		if e.Status != passerelles.EventDraft {
			return passerelles.Errorf(passerelles.ECONFLICT, "Seul un brouillon se publie : cet événement est déjà publié ou annulé.")
		}
		if err := e.CheckPublishable(tx.now); err != nil {
			return err
		}
		// An archived community takes no new event, a draft written before it was archived
		// included.
		c := passerelles.Community{}
		var archived sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT name, archived_at FROM communities WHERE id = ?`, e.CommunityID).Scan(&c.Name, &archived); err != nil {
			return fmt.Errorf("sqlite: publish event: %w", err)
		}
		c.ArchivedAt = timeOf(archived)
		if err := c.CheckJoinable(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE events SET status = 'PUBLISHED', published_at = ?, updated_at = ? WHERE id = ?`,
			formatTime(tx.now), formatTime(tx.now), id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.FindEventByID(ctx, id)
}

// CancelEvent implements passerelles.EventService.
func (s *EventService) CancelEvent(ctx context.Context, id int64) (*passerelles.Event, error) {
	u := passerelles.UserFromContext(ctx)
	err := s.db.write(ctx, func(tx *Tx) error {
		e, err := manageEvent(ctx, tx, u, id)
		if err != nil {
			return err
		}
		if err := passerelles.CheckCancellable(e); err != nil {
			return err
		}
		if err := e.CheckChangeable(tx.now); err != nil {
			return err // its registrations and attendance stay as they were
		}
		now := formatTime(tx.now)
		rows, err := tx.QueryContext(ctx, `UPDATE registrations SET status = 'CANCELLED', updated_at = ?
			WHERE event_id = ? AND status IN ('REGISTERED', 'WAITLISTED') RETURNING agent_id`, now, id)
		if err != nil {
			return fmt.Errorf("sqlite: cancel registrations: %w", err)
		}
		agents, err := scanIDs(rows)
		if err != nil {
			return fmt.Errorf("sqlite: cancel registrations: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET status = 'CANCELLED', cancelled_at = ?, sequence = sequence + 1,
			updated_at = ? WHERE id = ?`, now, now, id); err != nil {
			return fmt.Errorf("sqlite: cancel event: %w", err)
		}
		return notify(ctx, tx, agents, passerelles.NotifyEventCancelled, id)
	})
	if err != nil {
		return nil, err
	}
	return s.FindEventByID(ctx, id)
}

// visibleEvent reads the event for a registration by u: ENOTFOUND for a draft u does
// not manage.
func visibleEvent(ctx context.Context, tx *Tx, u *passerelles.User, id int64) (*passerelles.Event, error) {
	e, err := findEvent(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if e.Status == passerelles.EventDraft {
		role, err := roleIn(ctx, tx, u, e.CommunityID)
		if err != nil {
			return nil, err
		}
		if !passerelles.CanSeeEvent(u, e, passerelles.CanManageEvents(u, role)) {
			return nil, eventNotFound(id)
		}
	}
	return e, nil
}

func requireAgent(ctx context.Context) (*passerelles.User, error) {
	u := passerelles.UserFromContext(ctx)
	if u == nil || u.AgentID == 0 {
		return nil, passerelles.Errorf(passerelles.EUNAUTHENTICATED, "Connectez-vous pour vous inscrire.")
	}
	return u, nil
}

// RegisterForEvent implements passerelles.EventService.
func (s *EventService) RegisterForEvent(ctx context.Context, eventID int64) (*passerelles.Registration, error) {
	u, err := requireAgent(ctx)
	if err != nil {
		return nil, err
	}
	var reg *passerelles.Registration
	err = s.db.write(ctx, func(tx *Tx) error {
		e, err := visibleEvent(ctx, tx, u, eventID)
		if err != nil {
			return err
		}
		regs, err := findRegistrations(ctx, tx, u.AgentID, []int64{eventID})
		if err != nil {
			return err
		}
		if r := regs[eventID]; r != nil && r.Status != passerelles.RegistrationCancelled {
			reg = r // already there: nothing changes, nothing is told again
			return nil
		}
		if err := passerelles.CheckRegistrationOpen(e, tx.now); err != nil {
			return err
		}
		_, err = register(ctx, tx, e, u.AgentID, regs[eventID] != nil)
		if err != nil {
			return err
		}
		kind := passerelles.NotifyRegistrationConfirmed
		regs, err = findRegistrations(ctx, tx, u.AgentID, []int64{eventID})
		if err != nil {
			return err
		}
		if reg = regs[eventID]; reg.Status == passerelles.RegistrationWaitlisted {
			kind = passerelles.NotifyWaitlisted
		}
		return notify(ctx, tx, []int64{u.AgentID}, kind, eventID)
	})
	if err != nil {
		return nil, err
	}
	return reg, nil
}

// register gives agentID a seat of e when one is free and nobody waits, else the end of
// its waitlist, at the next position of arrival; again reuses the agent's cancelled row.
func register(ctx context.Context, tx *Tx, e *passerelles.Event, agentID int64, again bool) (passerelles.RegistrationStatus, error) {
	status := passerelles.RegistrationRegistered
	if e.Capacity > 0 && (e.RegisteredCount >= e.Capacity || e.WaitlistCount > 0) {
		status = passerelles.RegistrationWaitlisted
	}
	now := formatTime(tx.now)
	var err error
	if again {
		_, err = tx.ExecContext(ctx, `UPDATE registrations SET status = ?, registered_at = ?, updated_at = ?, attended = NULL,
			attendance_marked_at = NULL, position = (SELECT COALESCE(MAX(position), 0) + 1 FROM registrations WHERE event_id = ?)
			WHERE event_id = ? AND agent_id = ?`, string(status), now, now, e.ID, e.ID, agentID)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO registrations (event_id, agent_id, status, position, registered_at, updated_at)
			VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM registrations WHERE event_id = ?), ?, ?)`,
			e.ID, agentID, string(status), e.ID, now, now)
	}
	if err != nil {
		return "", classify("inscrire à l’événement", err)
	}
	if status == passerelles.RegistrationRegistered {
		e.RegisteredCount++
	} else {
		e.WaitlistCount++
	}
	return status, nil
}

// UnregisterFromEvent implements passerelles.EventService.
func (s *EventService) UnregisterFromEvent(ctx context.Context, eventID int64) (*passerelles.Registration, error) {
	u, err := requireAgent(ctx)
	if err != nil {
		return nil, err
	}
	var reg *passerelles.Registration
	err = s.db.write(ctx, func(tx *Tx) error {
		e, err := visibleEvent(ctx, tx, u, eventID)
		if err != nil {
			return err
		}
		regs, err := findRegistrations(ctx, tx, u.AgentID, []int64{eventID})
		if err != nil {
			return err
		}
		r := regs[eventID]
		if r == nil || r.Status == passerelles.RegistrationCancelled {
			return passerelles.Errorf(passerelles.ENOTFOUND, "Vous n’avez pas d’inscription à cet événement.")
		}
		if err := passerelles.CheckRegistrationOpen(e, tx.now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE registrations SET status = 'CANCELLED', updated_at = ? WHERE id = ?`,
			formatTime(tx.now), r.ID); err != nil {
			return fmt.Errorf("sqlite: unregister: %w", err)
		}
		if r.Status == passerelles.RegistrationRegistered {
			e.RegisteredCount--
			if _, err := promote(ctx, tx, e); err != nil {
				return err
			}
		}
		regs, err = findRegistrations(ctx, tx, u.AgentID, []int64{eventID})
		reg = regs[eventID]
		return err
	})
	if err != nil {
		return nil, err
	}
	return reg, nil
}

// FindMyRegistrations implements passerelles.EventService.
func (s *EventService) FindMyRegistrations(ctx context.Context, eventIDs []int64) (map[int64]*passerelles.Registration, error) {
	u := passerelles.UserFromContext(ctx)
	if u == nil {
		return nil, passerelles.Errorf(passerelles.EUNAUTHENTICATED, "Connectez-vous pour voir vos inscriptions.")
	}
	if u.AgentID == 0 || len(eventIDs) == 0 {
		return map[int64]*passerelles.Registration{}, nil
	}
	var out map[int64]*passerelles.Registration
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		out, err = findRegistrations(ctx, tx, u.AgentID, eventIDs)
		return err
	})
	return out, err
}

// requireManageAll returns EFORBIDDEN unless u manages every event of eventIDs that
// exists (ENOTFOUND for a draft u may not see).
func requireManageAll(ctx context.Context, tx *Tx, u *passerelles.User, eventIDs []int64) error {
	if u == nil {
		return passerelles.Errorf(passerelles.EUNAUTHENTICATED, "Connectez-vous pour continuer.")
	}
	v, err := loadEventViewer(ctx, tx, u)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, community_id, status FROM events WHERE id IN (SELECT value FROM json_each(?))`, jsonIDs(eventIDs))
	if err != nil {
		return fmt.Errorf("sqlite: events of participants: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e := &passerelles.Event{}
		var status string
		if err := rows.Scan(&e.ID, &e.CommunityID, &status); err != nil {
			return err
		}
		e.Status = passerelles.EventStatus(status)
		can := v.canManage(e.CommunityID)
		if !passerelles.CanSeeEvent(u, e, can) {
			return eventNotFound(e.ID)
		}
		if !can {
			return passerelles.Errorf(passerelles.EFORBIDDEN, "Seuls les animateurs de la communauté et les administrateurs voient les personnes inscrites.")
		}
	}
	return rows.Err()
}

const participantColumns = registrationColumns + `, a.given_name, a.usual_name, a.email, a.organisation_label`

func scanParticipant(row scanner, extra ...any) (*passerelles.Registration, error) {
	var given, usual, email, org string
	r, err := scanRegistration(row, append([]any{&given, &usual, &email, &org}, extra...)...)
	if err != nil {
		return nil, err
	}
	r.GivenName, r.UsualName, r.Email, r.OrganisationLabel = given, usual, email, org
	return r, nil
}

// FindParticipants implements passerelles.EventService: one statement for the pages of
// every event (a window per event), after the check of what the viewer manages.
func (s *EventService) FindParticipants(ctx context.Context, eventIDs []int64, status passerelles.RegistrationStatus, page passerelles.Page) (map[int64]passerelles.RegistrationPage, error) {
	u := passerelles.UserFromContext(ctx)
	if status != passerelles.RegistrationRegistered && status != passerelles.RegistrationWaitlisted {
		return nil, passerelles.Errorf(passerelles.EINVALID, "Les personnes inscrites se lisent par statut : places ou liste d’attente.")
	}
	if err := page.Validate(); err != nil {
		return nil, err
	}
	out := make(map[int64]passerelles.RegistrationPage, len(eventIDs))
	for _, id := range eventIDs {
		out[id] = passerelles.RegistrationPage{Registrations: []*passerelles.Registration{}}
	}
	if len(eventIDs) == 0 {
		return out, nil
	}
	err := s.db.read(ctx, func(tx *Tx) error {
		if err := requireManageAll(ctx, tx, u, eventIDs); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT * FROM (SELECT `+participantColumns+`,
				ROW_NUMBER() OVER (PARTITION BY r.event_id ORDER BY r.position) AS n,
				COUNT(*) OVER (PARTITION BY r.event_id) AS total
			FROM registrations r JOIN agents a ON a.id = r.agent_id
			WHERE r.event_id IN (SELECT value FROM json_each(?)) AND r.status = ?)
			WHERE n > ? AND n <= ? ORDER BY 2, n`, jsonIDs(eventIDs), string(status), page.Offset, page.Offset+page.Limit)
		if err != nil {
			return fmt.Errorf("sqlite: find participants: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var n, total int
			r, err := scanParticipant(rows, &n, &total)
			if err != nil {
				return fmt.Errorf("sqlite: find participants: %w", err)
			}
			p := out[r.EventID]
			p.Registrations, p.Total = append(p.Registrations, r), total
			out[r.EventID] = p
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		if page.Offset == 0 {
			return nil
		}
		for id, p := range out {
			if len(p.Registrations) == 0 {
				if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM registrations WHERE event_id = ? AND status = ?`, id, string(status)).Scan(&p.Total); err != nil {
					return fmt.Errorf("sqlite: count participants: %w", err)
				}
				out[id] = p
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ExportParticipants implements passerelles.EventService.
func (s *EventService) ExportParticipants(ctx context.Context, eventID int64) (*passerelles.Event, []*passerelles.Registration, error) {
	u := passerelles.UserFromContext(ctx)
	var e *passerelles.Event
	regs := []*passerelles.Registration{}
	err := s.db.read(ctx, func(tx *Tx) error {
		var err error
		if e, err = manageEvent(ctx, tx, u, eventID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+participantColumns+` FROM registrations r JOIN agents a ON a.id = r.agent_id
			WHERE r.event_id = ? AND r.status IN ('REGISTERED', 'WAITLISTED') ORDER BY r.status = 'WAITLISTED', r.position`, eventID)
		if err != nil {
			return fmt.Errorf("sqlite: export participants: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanParticipant(rows)
			if err != nil {
				return fmt.Errorf("sqlite: export participants: %w", err)
			}
			regs = append(regs, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, nil, err
	}
	return e, regs, nil
}

// MarkAttendance implements passerelles.EventService.
func (s *EventService) MarkAttendance(ctx context.Context, eventID, agentID int64, attended bool) (*passerelles.Registration, error) {
	u := passerelles.UserFromContext(ctx)
	var reg *passerelles.Registration
	err := s.db.write(ctx, func(tx *Tx) error {
		e, err := manageEvent(ctx, tx, u, eventID)
		if err != nil {
			return err
		}
		if err := passerelles.CheckAttendance(e, tx.now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE registrations SET attended = ?, attendance_marked_at = ?, updated_at = ?
			WHERE event_id = ? AND agent_id = ? AND status = 'REGISTERED'`, attended, formatTime(tx.now), formatTime(tx.now), eventID, agentID)
		if err != nil {
			return fmt.Errorf("sqlite: mark attendance: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &passerelles.Error{Code: passerelles.ENOTFOUND, Field: "agentId", Message: "Cet agent n’a pas de place à cet événement."}
		}
		reg, err = scanParticipant(tx.QueryRowContext(ctx, `SELECT `+participantColumns+` FROM registrations r
			JOIN agents a ON a.id = r.agent_id WHERE r.event_id = ? AND r.agent_id = ?`, eventID, agentID))
		return err
	})
	if err != nil {
		return nil, err
	}
	return reg, nil
}

// ImportEvents implements passerelles.EventService.
func (s *EventService) ImportEvents(ctx context.Context, events []*passerelles.Event) (int, error) {
	if err := passerelles.RequireSystem(ctx); err != nil {
		return 0, err
	}
	for _, e := range events {
		if err := e.Validate(); err != nil {
			return 0, err
		}
		e.DescriptionHTML, e.DescriptionText = s.db.describe(e.Description) // before the writer is held
	}
	added := 0
	err := s.db.write(ctx, func(tx *Tx) error {
		now := formatTime(tx.now)
		for _, e := range events {
			var published sql.NullInt64
			if e.Status != passerelles.EventDraft {
				published = sql.NullInt64{Int64: now, Valid: true}
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO events (community_id, title, description, description_html,
				description_text, kind, status, format, address, region_id, online_url, starts_at, ends_at, time_zone, capacity,
				registration_deadline, published_at, created_at, updated_at, search_text)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_id, title, starts_at) DO NOTHING`,
				e.CommunityID, e.Title, e.Description, e.DescriptionHTML, e.DescriptionText, string(e.Kind), string(e.Status), string(e.Format), e.Address,
				nullInt64(e.RegionID), e.OnlineURL, formatTime(e.StartsAt), formatTime(e.EndsAt), e.TimeZone, e.Capacity,
				nullTime(e.RegistrationDeadline), published, now, now, eventSearchText(e))
			if err != nil {
				return classify("créer un événement", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				if err := tx.QueryRowContext(ctx, `SELECT id FROM events WHERE community_id = ? AND title = ? AND starts_at = ?`,
					e.CommunityID, e.Title, formatTime(e.StartsAt)).Scan(&e.ID); err != nil {
					return fmt.Errorf("sqlite: find imported event: %w", err)
				}
				continue
			}
			added++
			if e.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			for _, sid := range e.SkillIDs {
				if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO event_skills (event_id, skill_id) VALUES (?, ?)`, e.ID, sid); err != nil {
					return classify("lier une compétence à l’événement", err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

// ImportRegistrations implements passerelles.EventService.
func (s *EventService) ImportRegistrations(ctx context.Context, eventID int64, agentIDs []int64) (int, error) {
	if err := passerelles.RequireSystem(ctx); err != nil {
		return 0, err
	}
	added := 0
	err := s.db.write(ctx, func(tx *Tx) error {
		e, err := findEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		for _, id := range agentIDs {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM registrations WHERE event_id = ? AND agent_id = ?`, eventID, id).Scan(&n); err != nil {
				return fmt.Errorf("sqlite: import registrations: %w", err)
			}
			if n > 0 {
				continue
			}
			if _, err := register(ctx, tx, e, id, false); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

// ImportAttendance implements passerelles.EventService.
func (s *EventService) ImportAttendance(ctx context.Context, eventID int64, attended map[int64]bool) (int, error) {
	if err := passerelles.RequireSystem(ctx); err != nil {
		return 0, err
	}
	marked := 0
	err := s.db.write(ctx, func(tx *Tx) error {
		e, err := findEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if err := passerelles.CheckAttendance(e, tx.now); err != nil {
			return err
		}
		for _, id := range slices.Sorted(maps.Keys(attended)) {
			res, err := tx.ExecContext(ctx, `UPDATE registrations SET attended = ?, attendance_marked_at = ?, updated_at = ?
				WHERE event_id = ? AND agent_id = ? AND status = 'REGISTERED' AND attended IS NULL`,
				attended[id], formatTime(tx.now), formatTime(tx.now), eventID, id)
			if err != nil {
				return fmt.Errorf("sqlite: import attendance: %w", err)
			}
			n, _ := res.RowsAffected()
			marked += int(n)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return marked, nil
}

// CountUpcomingEvents implements passerelles.EventService.
func (s *EventService) CountUpcomingEvents(ctx context.Context, now time.Time) (int, error) {
	var n int
	err := s.db.reader.QueryRowContext(ctx, `SELECT COUNT(*) FROM events WHERE status = 'PUBLISHED' AND starts_at > ?`, formatTime(now)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite: count events: %w", err)
	}
	return n, nil
}

// refreshEventSearch writes the folded search text of the events written before it
// existed (migration 0011).
func (db *DB) refreshEventSearch(ctx context.Context) error {
	return db.write(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, title, description FROM events WHERE search_text IS NULL`)
		if err != nil {
			return fmt.Errorf("sqlite: read event search text: %w", err)
		}
		type stale struct {
			id   int64
			text string
		}
		var todo []stale
		for rows.Next() {
			var e passerelles.Event
			if err := rows.Scan(&e.ID, &e.Title, &e.Description); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: read event search text: %w", err)
			}
			todo = append(todo, stale{e.ID, eventSearchText(&e)})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, s := range todo {
			if _, err := tx.ExecContext(ctx, `UPDATE events SET search_text = ? WHERE id = ?`, s.text, s.id); err != nil {
				return fmt.Errorf("sqlite: refresh event search text: %w", err)
			}
		}
		return nil
	})
}

package passerelles

import (
	"context"
	"time"
)

// Bounds of shortlists and saved searches: what one owner may keep. They keep a page of
// lists, a list and a run of a saved search small enough to read in one go, and what
// one manager stores about others within reason.
const (
	MaxShortlistsPerOwner    = 50
	MaxShortlistEntries      = 200  // agents on one list
	MaxShortlistNameLength   = 100  // characters
	MaxShortlistNoteLength   = 2000 // characters of a private note
	MaxSavedSearchesPerOwner = 50
	MaxSavedSearchNameLength = 100
	// MaxSavedSearchKept is how many matches of a run a saved search keeps (the best
	// ranked), to tell which results of the next run are new: as agent ids in a
	// compressed bitmap, at most about 20 KB a saved search (2 bytes an id, less when
	// they are dense). A run with more matches than that counts as new those beyond it
	// that come back; a search that broad is not one to follow.
	MaxSavedSearchKept = 10_000
)

// Shortlist is a named list of agents that a manager or administrator keeps, with a
// private note on each: the owner alone reads the list and its notes.
type Shortlist struct {
	ID      int64
	OwnerID int64
	Name    string
	// EntryCount is the number of agents on the list.
	EntryCount int
	// Departed counts the agents who left the list since the owner last acknowledged it
	// (AcknowledgeDepartures): an agent leaves every list of an owner who may no longer
	// see their profile (StaysOnShortlist), and erasing one's account leaves them all.
	// Only a number: who left is never told.
	Departed  int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ShortlistEntry is an agent on a shortlist, with the owner's private note.
type ShortlistEntry struct {
	ShortlistID int64
	AgentID     int64
	Note        string
	AddedAt     time.Time
	UpdatedAt   time.Time
	// Profile is the agent's profile as the owner may see it (SeeProfile).
	Profile *Profile
}

// SavedSearch is a talent search that a manager or administrator keeps, to run again
// and learn which results are new since the run before.
type SavedSearch struct {
	ID      int64
	OwnerID int64
	Name    string
	Filter  TalentFilter
	// CreatedAt is when it was saved, which counts as its first run; LastRunAt when a
	// run last started from its first page.
	CreatedAt time.Time
	LastRunAt time.Time
	// NewCount is how many matches of the last run were not matches of the run before.
	NewCount int
}

// SavedSearchRun is one page of a run of a saved search: the results as SearchTalent
// gives them, and which of them are new.
type SavedSearchRun struct {
	*TalentResults
	// New tells, by agent id, which results of the page were not matches of the run
	// before this one (the first run is the save itself).
	New map[int64]bool
	// NewCount is how many matches of this run are new.
	NewCount int
}

// CanHaveShortlists reports whether user keeps shortlists and saved searches: managers
// and administrators, signed in as themselves (the application itself has none).
func CanHaveShortlists(u *User) bool {
	return u != nil && !u.System && u.AgentID != 0 && u.IsManagerOrAdmin()
}

// RequireShortlistOwner returns the user who may keep shortlists and saved searches:
// EUNAUTHENTICATED for an anonymous request, EFORBIDDEN for anyone else than a manager or
// administrator.
func RequireShortlistOwner(ctx context.Context) (*User, error) {
	u := UserFromContext(ctx)
	switch {
	case u == nil || (u.AgentID == 0 && !u.System):
		return nil, Errorf(EUNAUTHENTICATED, "Connectez-vous pour continuer.")
	case !CanHaveShortlists(u):
		return nil, Errorf(EFORBIDDEN, "Les listes et les recherches enregistrées sont réservées aux managers et aux administrateurs.")
	}
	return u, nil
}

// StaysOnShortlist reports whether agent a, hidden from the organisations hiddenFrom,
// stays on the shortlists of owner: as long as the owner may see the profile
// (CanSeeProfile). An agent who makes their profile private or shown to agents of
// another kind, hides it from the owner's organisation, or whom the owner may no longer
// see because the owner lost their role or changed organisation, leaves every list of
// that owner, note included: a list never keeps, even out of sight, a person who chose
// not to be seen.
func StaysOnShortlist(owner *User, a *Agent, hiddenFrom []int64) bool {
	return CanSeeProfile(owner, a, hiddenFrom)
}

// ValidateShortlistName checks the name of a shortlist (required, one line) and brings
// it to its stored form.
func ValidateShortlistName(name *string) error {
	return WithField("name", ValidateText("Le nom de la liste", name, MaxShortlistNameLength, TextRequired))
}

// ValidateShortlistNote checks a private note (optional, several lines) and brings it to
// its stored form.
func ValidateShortlistNote(note *string) error {
	return WithField("note", ValidateText("La note", note, MaxShortlistNoteLength, TextMultiLine))
}

// ValidateSavedSearchName checks the name of a saved search (required, one line).
func ValidateSavedSearchName(name *string) error {
	return WithField("name", ValidateText("Le nom de la recherche", name, MaxSavedSearchNameLength, TextRequired))
}

// CheckShortlistRoom returns ECONFLICT when an owner who has n lists may not create
// another.
func CheckShortlistRoom(n int) error {
	if n >= MaxShortlistsPerOwner {
		return WithField("name", Errorf(ECONFLICT, "Vous avez déjà %d listes, le maximum : supprimez-en une pour en créer une autre.", MaxShortlistsPerOwner))
	}
	return nil
}

// CheckShortlistEntryRoom returns ECONFLICT when a list of n agents may not take another.
func CheckShortlistEntryRoom(n int) error {
	if n >= MaxShortlistEntries {
		return WithField("shortlistId", Errorf(ECONFLICT, "Cette liste compte déjà %d profils, le maximum : retirez-en un ou créez une autre liste.", MaxShortlistEntries))
	}
	return nil
}

// CheckSavedSearchRoom returns ECONFLICT when an owner who has n saved searches may not
// save another.
func CheckSavedSearchRoom(n int) error {
	if n >= MaxSavedSearchesPerOwner {
		return WithField("name", Errorf(ECONFLICT, "Vous avez déjà %d recherches enregistrées, le maximum : supprimez-en une pour en enregistrer une autre.", MaxSavedSearchesPerOwner))
	}
	return nil
}

// ShortlistService keeps the shortlists and saved searches of managers and
// administrators. Every method returns EUNAUTHENTICATED for an anonymous request and
// EFORBIDDEN for anyone else than a manager or administrator (RequireShortlistOwner); a
// list or saved search of another owner answers ENOTFOUND, as a missing one.
type ShortlistService interface {
	// FindShortlists returns the signed-in owner's lists, by name, and how many they have.
	FindShortlists(ctx context.Context, page Page) ([]*Shortlist, int, error)

	// FindShortlist returns one of the owner's lists. ENOTFOUND for another's.
	FindShortlist(ctx context.Context, id int64) (*Shortlist, error)

	// FindShortlistEntries returns a page of the entries of each of the owner's lists
	// ids, newest first, with their profiles as the owner sees them, and the number of
	// entries of each list: one read for every list (the request's loader batches the
	// lists of a response). Lists of another owner are absent. Reading a list is not a
	// view of the profiles on it, as a search result is not; opening one is.
	FindShortlistEntries(ctx context.Context, ids []int64, page Page) (map[int64][]*ShortlistEntry, map[int64]int, error)

	// CreateShortlist creates a list named name. EINVALID for a name ValidateShortlistName
	// refuses, ECONFLICT when the owner has a list of that name or MaxShortlistsPerOwner.
	CreateShortlist(ctx context.Context, name string) (*Shortlist, error)

	// RenameShortlist renames a list. As CreateShortlist, and ENOTFOUND.
	RenameShortlist(ctx context.Context, id int64, name string) (*Shortlist, error)

	// DeleteShortlist deletes a list and its notes. ENOTFOUND.
	DeleteShortlist(ctx context.Context, id int64) error

	// AddToShortlist puts the agent on the list with a private note; it is an operation
	// on the profile, recorded as a view (RecordsView). ENOTFOUND for a list of another
	// owner or a profile the owner may not see, EINVALID for a note
	// ValidateShortlistNote refuses, ECONFLICT when the agent is on the list already or
	// it holds MaxShortlistEntries.
	AddToShortlist(ctx context.Context, id, agentID int64, note string) (*ShortlistEntry, error)

	// UpdateShortlistNote replaces the note of an agent on the list. ENOTFOUND when the
	// agent is not on it, EINVALID for the note.
	UpdateShortlistNote(ctx context.Context, id, agentID int64, note string) (*ShortlistEntry, error)

	// RemoveFromShortlist takes the agent off the list, note included. ENOTFOUND when
	// the agent is not on it.
	RemoveFromShortlist(ctx context.Context, id, agentID int64) error

	// AcknowledgeDepartures sets the list's Departed count back to zero, once the owner
	// has read it.
	AcknowledgeDepartures(ctx context.Context, id int64) (*Shortlist, error)

	// FindSavedSearches returns the owner's saved searches, by name.
	FindSavedSearches(ctx context.Context, page Page) ([]*SavedSearch, int, error)

	// SaveSearch keeps the filter under name, with its current matches as the first run.
	// EINVALID for a name or a filter SearchTalent refuses, ECONFLICT when a saved search
	// of that name exists or the owner has MaxSavedSearchesPerOwner.
	SaveSearch(ctx context.Context, name string, filter TalentFilter) (*SavedSearch, error)

	// DeleteSavedSearch deletes a saved search. ENOTFOUND.
	DeleteSavedSearch(ctx context.Context, id int64) error

	// RunSavedSearch runs a saved search as SearchTalent does (recorded as a search), and
	// tells which results are new since the run before. A run starts at its first page
	// (after nil): that page makes this run the last one, and its matches become what
	// the next run is compared with; later pages of the run are compared with the same
	// run before. ENOTFOUND, and SearchTalent's errors.
	RunSavedSearch(ctx context.Context, id int64, first int, after *TalentCursor, facets bool) (*SavedSearchRun, error)
}

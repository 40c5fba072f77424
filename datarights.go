package passerelles

import (
	"context"
	"strings"
	"time"
)

// ProfileView is a visit of a manager or administrator to an agent's profile. The agent
// always learns who looked at their data (name and organisation), whatever the visibility
// of the viewer's own profile.
type ProfileView struct {
	ViewerID           int64 // 0 when the viewer's account was erased
	ViewerName         string
	ViewerOrganisation string
	At                 time.Time
}

// ErasureConfirmation is the word a person types to confirm the erasure of their account.
const ErasureConfirmation = "SUPPRIMER"

// CheckErasureConfirmation returns EINVALID unless word, spaces around it aside, is
// ErasureConfirmation: an erasure cannot be undone, so the person says it twice.
func CheckErasureConfirmation(word string) error {
	if strings.TrimSpace(word) != ErasureConfirmation {
		return WithField("confirmation", Errorf(EINVALID, "Pour confirmer, saisissez %s.", ErasureConfirmation))
	}
	return nil
}

// DataRightsService gives agents their rights on their data: who viewed their profile,
// the export of everything stored about them, the erasure of their account (part of
// ProfileService).
type DataRightsService interface {
	// FindProfileViews returns who viewed the signed-in agent's profile, newest first.
	FindProfileViews(ctx context.Context, page Page) ([]ProfileView, int, error)

	// ExportMyData returns everything stored about the signed-in agent, in the export
	// format (DataExport). Returns EUNAUTHENTICATED for an anonymous request.
	ExportMyData(ctx context.Context) (*DataExport, error)

	// DeleteMyAccount erases the signed-in agent: their profile, declarations and their
	// history, evidence, endorsements given and received, memberships, registrations,
	// sessions and search-index rows, leaving no copy of them on disk. Audit entries keep
	// only pseudonyms. confirmation is the word the person typed: EINVALID unless
	// CheckErasureConfirmation accepts it (checked first, nothing is read before). Returns
	// ECONFLICT for the last administrator (KeepAnAdministrator).
	DeleteMyAccount(ctx context.Context, confirmation string) error
}

package passerelles

import (
	"net/mail"
	"strings"
)

// Site is what the pages say about the service itself, from its configuration: the
// address people write to about the service, their personal data or its accessibility
// (the legal notice, the personal-data page and the accessibility statement give it).
type Site struct {
	ContactEmail string
}

// Validate returns EINVALID unless ContactEmail is one bare address (« nom@domaine.fr »,
// without a display name or angle brackets): the pages turn it into a mailto: link.
func (s *Site) Validate() error {
	a, err := mail.ParseAddress(s.ContactEmail)
	if err != nil || a.Address != s.ContactEmail || a.Name != "" || strings.ContainsAny(s.ContactEmail, " <>\"") {
		return Errorf(EINVALID, "L’adresse de contact « %s » n’est pas une adresse électronique (nom@domaine.fr).", EchoText(s.ContactEmail, 100))
	}
	return nil
}

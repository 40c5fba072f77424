package passerelles

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// CatalogueFormatVersion is the version of the catalogue's exchange format (JSON and CSV).
// It changes only when a key is renamed or removed or changes meaning.
const CatalogueFormatVersion = 1

// MaxCatalogueImportBytes bounds an imported catalogue file: the 33 roles and 22
// transitions of the referentials take about 30 KB, so 2 MiB leaves room for a catalogue
// fifty times larger while keeping a hostile upload cheap to refuse.
const MaxCatalogueImportBytes = 2 << 20

// MaxCatalogueLines bounds what one import holds (roles, required skills and transitions).
const MaxCatalogueLines = 5000

// MaxCatalogueErrors is how many invalid lines a refused import names at most.
const MaxCatalogueErrors = 50

// Catalogue is the catalogue of roles and transitions as a file holds it: skills by their
// referential and code, roles by their code, so that a file moves between databases.
type Catalogue struct {
	Version     int                   `json:"version"`
	ExportedAt  time.Time             `json:"exportedAt"`
	Roles       []CatalogueRole       `json:"roles"`
	Transitions []CatalogueTransition `json:"transitions"`
}

// CatalogueRole is a role of a catalogue file.
type CatalogueRole struct {
	Line           int                      `json:"-"` // where it starts in the file, from 1
	Code           string                   `json:"code"`
	Title          string                   `json:"title"`
	Family         RoleFamily               `json:"family"`
	Description    string                   `json:"description"`
	RomeCode       string                   `json:"romeCode"`
	Retired        bool                     `json:"retired"`
	RequiredSkills []CatalogueRequiredSkill `json:"requiredSkills"`
}

// CatalogueRequiredSkill is a skill a role of a catalogue file requires.
type CatalogueRequiredSkill struct {
	Line      int    `json:"-"`
	Framework string `json:"framework"` // code of the referential: "pix", "ecf"
	Skill     string `json:"skill"`     // code of the skill in it: "1.3", "B.1"
	Level     int    `json:"level"`     // a value of the referential's scale
	Weight    int    `json:"weight"`    // 1 useful, 2 important, 3 essential
}

// CatalogueTransition is a transition of a catalogue file, between two role codes.
type CatalogueTransition struct {
	Line                  int            `json:"-"`
	From                  string         `json:"from"`
	To                    string         `json:"to"`
	Kind                  TransitionKind `json:"kind"`
	TypicalDurationMonths int            `json:"typicalDurationMonths"`
	Description           string         `json:"description"`
	Helps                 string         `json:"helps"`
	Retired               bool           `json:"retired"`
}

// CatalogueLineError is why one line of an imported file is refused.
type CatalogueLineError struct {
	Line    int    `json:"line"`    // 0 when the error concerns the whole file
	Message string `json:"message"` // French, starting with « ligne N : » when Line > 0
}

// CatalogueInvalidError refuses a whole import: it lists the invalid lines (at most
// MaxCatalogueErrors) and unwraps to an EINVALID domain error whose message names the
// first, so that every layer that reads codes treats it as invalid input.
type CatalogueInvalidError struct {
	Lines []CatalogueLineError
}

// Error implements the error interface.
func (e *CatalogueInvalidError) Error() string { return e.Unwrap().Error() }

// Unwrap returns the EINVALID domain error that sums the refusal up.
func (e *CatalogueInvalidError) Unwrap() error {
	msg := "Import refusé : le fichier ne contient aucune erreur nommée."
	if len(e.Lines) > 0 {
		msg = fmt.Sprintf("Import refusé, rien n’a été modifié : %s", e.Lines[0].Message)
		if n := len(e.Lines) - 1; n == 1 {
			msg += " (et 1 autre erreur)"
		} else if n > 1 {
			msg += fmt.Sprintf(" (et %d autres erreurs)", n)
		}
	}
	return Errorf(EINVALID, "%s", msg)
}

// CatalogueErrors collects the refusals of an import, line by line.
type CatalogueErrors struct{ lines []CatalogueLineError }

// Add records that line is refused for err (a domain error's message is kept, other
// errors become « valeur refusée »), as « ligne N : message » with the message's first
// letter lowered (unless it starts a code such as « B05 »).
func (c *CatalogueErrors) Add(line int, err error) {
	c.Addf(line, "%s", ErrorMessage(err))
}

// Addf records that line is refused for the formatted French reason.
func (c *CatalogueErrors) Addf(line int, format string, args ...any) {
	if len(c.lines) >= MaxCatalogueErrors {
		return
	}
	msg := strings.TrimSuffix(fmt.Sprintf(format, args...), ".")
	if line > 0 {
		msg = fmt.Sprintf("ligne %d : %s", line, lowerFirst(msg))
	}
	c.lines = append(c.lines, CatalogueLineError{Line: line, Message: msg})
}

// Full reports whether no more errors are recorded.
func (c *CatalogueErrors) Full() bool { return len(c.lines) >= MaxCatalogueErrors }

// Err returns nil without errors, else the *CatalogueInvalidError that lists them.
func (c *CatalogueErrors) Err() error {
	if len(c.lines) == 0 {
		return nil
	}
	return &CatalogueInvalidError{Lines: c.lines}
}

// lowerFirst lowers the first letter of a sentence, not of a code or an acronym (« Le
// niveau » becomes « le niveau », « ROME » and « B05 » stay).
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[n:])
	if unicode.IsUpper(r) && !unicode.IsUpper(next) && !unicode.IsDigit(next) {
		return string(unicode.ToLower(r)) + s[n:]
	}
	return s
}

// CatalogueChangeAction says what an import did to one item.
type CatalogueChangeAction string

// What an import does to an item; an unchanged item is only counted.
const (
	CatalogueCreated  CatalogueChangeAction = "CREATED"
	CatalogueUpdated  CatalogueChangeAction = "UPDATED"
	CatalogueRetired  CatalogueChangeAction = "RETIRED"
	CatalogueRestored CatalogueChangeAction = "RESTORED"
)

// CatalogueChange is one change an import made (or would make, in a dry run).
type CatalogueChange struct {
	Line   int                   `json:"line"`
	Item   string                `json:"item"`   // "ROLE" or "TRANSITION"
	Code   string                `json:"code"`   // "B05", or "B05→D06" for a transition
	Action CatalogueChangeAction `json:"action"` // CREATED, UPDATED, RETIRED, RESTORED
}

// CatalogueImportReport says what an import changed. Roles and transitions the file
// does not hold are left as they are: a file never deletes anything (retire with the
// file's retired column instead).
type CatalogueImportReport struct {
	DryRun    bool              `json:"dryRun"` // true: checked, nothing written
	Changes   []CatalogueChange `json:"changes"`
	Unchanged int               `json:"unchanged"` // items of the file already so
}

// CatalogueService exports and imports the catalogue of roles and transitions.
type CatalogueService interface {
	// ExportCatalogue returns every role (retired ones included, by code) with its
	// required skills and every transition (by origin then destination code). Returns
	// EFORBIDDEN unless an administrator asks.
	ExportCatalogue(ctx context.Context) (*Catalogue, error)

	// ImportCatalogue checks every item of c against the domain's rules and the store
	// (skills, levels, roles), then applies it in one transaction, and records it in the
	// audit log; with dryRun it only checks and reports. An import with any invalid item
	// changes nothing and returns a *CatalogueInvalidError naming each line (EINVALID).
	// Importing what ExportCatalogue returned changes nothing. Returns EFORBIDDEN unless an
	// administrator asks.
	ImportCatalogue(ctx context.Context, c *Catalogue, dryRun bool) (*CatalogueImportReport, error)
}

// Check records in errs every refusal the domain can tell from the file alone: each role
// and transition against its Validate (texts are normalised in place, as Validate does),
// a code or a pair of roles given twice, a skill required twice by one role, too many
// lines. What needs the store (skills and their levels, roles not in the file, retired
// roles) is checked by the store.
func (c *Catalogue) Check(errs *CatalogueErrors) {
	lines := len(c.Roles) + len(c.Transitions)
	for _, r := range c.Roles {
		lines += len(r.RequiredSkills)
	}
	if lines > MaxCatalogueLines {
		errs.Addf(0, "Le fichier contient %d éléments, pour %d au plus.", lines, MaxCatalogueLines)
		return
	}
	codes := map[string]int{}
	for i := range c.Roles {
		cr := &c.Roles[i]
		if first, ok := codes[cr.Code]; ok && cr.Code != "" {
			errs.Addf(cr.Line, "Le métier %s est déjà décrit ligne %d.", cr.Code, first)
			continue
		}
		codes[cr.Code] = cr.Line
		r := cr.Role()
		for k := range r.RequiredSkills {
			r.RequiredSkills[k].SkillID = int64(k + 1) // checked by framework and code below
		}
		if err := r.Validate(); err != nil {
			line := cr.Line
			if f := ErrorField(err); strings.HasPrefix(f, "requiredSkills.") {
				var k int
				if _, e := fmt.Sscanf(f, "requiredSkills.%d", &k); e == nil && k < len(cr.RequiredSkills) && cr.RequiredSkills[k].Line > 0 {
					line = cr.RequiredSkills[k].Line
				}
			}
			errs.Add(line, err)
			continue
		}
		cr.Title, cr.Description = r.Title, r.Description
		skills := map[string]int{}
		for _, rs := range cr.RequiredSkills {
			key := rs.Framework + "\x00" + rs.Skill
			if first, ok := skills[key]; ok {
				errs.Addf(rs.Line, "La compétence %s du référentiel %s est déjà requise par le métier %s (ligne %d).", rs.Skill, rs.Framework, cr.Code, first)
			}
			skills[key] = rs.Line
		}
	}
	pairs := map[[2]string]int{}
	for i := range c.Transitions {
		ct := &c.Transitions[i]
		key := [2]string{ct.From, ct.To}
		if first, ok := pairs[key]; ok {
			errs.Addf(ct.Line, "La passerelle %s → %s est déjà décrite ligne %d.", ct.From, ct.To, first)
			continue
		}
		pairs[key] = ct.Line
		if ct.From == "" || ct.To == "" {
			errs.Addf(ct.Line, "Une passerelle nomme le code du métier de départ et celui d’arrivée.")
			continue
		}
		// Two stand-in ids: the roles are looked up by the store.
		t := Transition{FromRoleID: 1, ToRoleID: 2, Kind: ct.Kind, TypicalDurationMonths: ct.TypicalDurationMonths,
			Description: ct.Description, Helps: ct.Helps}
		if ct.From == ct.To {
			t.ToRoleID = 1
		}
		if err := t.Validate(); err != nil {
			errs.Add(ct.Line, err)
			continue
		}
		ct.Description, ct.Helps = t.Description, t.Helps
	}
}

// Role returns the role the file describes, without ids (the store resolves skills).
func (cr *CatalogueRole) Role() *Role {
	r := &Role{Code: cr.Code, Title: cr.Title, Family: cr.Family, Description: cr.Description, RomeCode: cr.RomeCode,
		RequiredSkills: make([]RequiredSkill, len(cr.RequiredSkills))}
	for i, rs := range cr.RequiredSkills {
		r.RequiredSkills[i] = RequiredSkill{Level: rs.Level, Weight: rs.Weight}
	}
	return r
}

package passerelles_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"passerelles"
)

func TestValidateText(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		max   int
		flags passerelles.TextFlag
		want  string // the stored form, when accepted
		code  string
	}{
		{"Plain", "Formation Pix", 200, passerelles.TextRequired, "Formation Pix", ""},
		{"StoredInNFC", "Donne\u0301es", 200, 0, "Données", ""},
		{"SurroundingSpacesTrimmed", "  Formation \u00a0", 200, 0, "Formation", ""},
		{"EmptyOptional", "", 200, 0, "", ""},
		{"ErrEmptyRequired", "", 200, passerelles.TextRequired, "", passerelles.EINVALID},
		{"ErrBlankRequired", " \u00a0 ", 200, passerelles.TextRequired, "", passerelles.EINVALID},
		{"ErrZeroWidthOnlyRequired", "\u200b\u200b", 200, passerelles.TextRequired, "", passerelles.EINVALID},
		{"ErrHangulFillerOnlyRequired", "\u3164", 200, passerelles.TextRequired, "", passerelles.EINVALID},
		{"ErrBlankBrailleOnlyRequired", "\u2800", 200, passerelles.TextRequired, "", passerelles.EINVALID},
		{"ErrCombiningMarkOnlyRequired", "\u0301", 200, passerelles.TextRequired, "", passerelles.EINVALID},
		{"ZeroWidthInsideVisibleText", "a\u200bb", 200, passerelles.TextRequired, "a\u200bb", ""},
		{"ErrNUL", "a\x00b", 200, 0, "", passerelles.EINVALID},
		{"ErrEscapeSequence", "\x1b[31mrouge", 200, passerelles.TextMultiLine, "", passerelles.EINVALID},
		{"ErrBell", "ding\a", 200, passerelles.TextMultiLine, "", passerelles.EINVALID},
		{"ErrDEL", "a\x7f", 200, 0, "", passerelles.EINVALID},
		{"ErrC1", "a\u0085b", 200, passerelles.TextMultiLine, "", passerelles.EINVALID},
		{"ErrNewlineInOneLine", "Titre\nsuite", 200, 0, "", passerelles.EINVALID},
		{"ErrTabInOneLine", "Titre\tsuite", 200, 0, "", passerelles.EINVALID},
		{"ErrCarriageReturnInOneLine", "Titre\rsuite", 200, 0, "", passerelles.EINVALID},
		{"ErrLineSeparatorInOneLine", "Titre\u2028suite", 200, 0, "", passerelles.EINVALID},
		{"NewlineAndTabInMultiLine", "Ligne 1\n\tLigne 2", 200, passerelles.TextMultiLine, "Ligne 1\n\tLigne 2", ""},
		{"CRLFBecomesLF", "Ligne 1\r\nLigne 2\rLigne 3\u2029Ligne 4", 200, passerelles.TextMultiLine, "Ligne 1\nLigne 2\nLigne 3\nLigne 4", ""},
		{"ErrRightToLeftOverride", "facture\u202egpj.exe", 200, 0, "", passerelles.EINVALID},
		{"ErrLeftToRightEmbedding", "a\u202ab", 200, 0, "", passerelles.EINVALID},
		{"ErrPopDirectional", "a\u202cb", 200, 0, "", passerelles.EINVALID},
		{"ErrIsolate", "a\u2066b\u2069", 200, 0, "", passerelles.EINVALID},
		{"ErrFirstStrongIsolate", "a\u2068b", 200, 0, "", passerelles.EINVALID},
		{"ErrRightToLeftMark", "a\u200fb", 200, 0, "", passerelles.EINVALID},
		{"ErrLeftToRightMark", "a\u200eb", 200, 0, "", passerelles.EINVALID},
		{"ErrArabicLetterMark", "a\u061cb", 200, 0, "", passerelles.EINVALID},
		{"ErrNoncharacter", "a\ufffeb", 200, 0, "", passerelles.EINVALID},
		{"ErrTagCharacters", "a\U000E0041\U000E0042", 200, 0, "", passerelles.EINVALID},
		{"ErrInvalidUTF8", "a\xffb", 200, 0, "", passerelles.EINVALID},
		{"ArabicAndHebrewText", "مرحبا שלום", 200, passerelles.TextRequired, "مرحبا שלום", ""},
		{"Emoji", "Équipe 🚀", 200, passerelles.TextRequired, "Équipe 🚀", ""},
		{"MaxCountsCharactersNotBytes", strings.Repeat("é", 10), 10, 0, strings.Repeat("é", 10), ""},
		{"MaxCountsAfterNFC", strings.Repeat("e\u0301", 10), 10, 0, strings.Repeat("é", 10), ""},
		{"ErrTooLong", strings.Repeat("é", 11), 10, 0, "", passerelles.EINVALID},
		{"VerbatimNotNormalised", "sub-e\u0301 ", 200, passerelles.TextVerbatim, "sub-e\u0301 ", ""},
		{"ErrVerbatimControl", "sub\x00", 200, passerelles.TextVerbatim, "", passerelles.EINVALID},
		{"ErrVerbatimBidi", "sub\u202e", 200, passerelles.TextVerbatim, "", passerelles.EINVALID},
		{"ProviderCleaned", " Ca\u202emille\x00\x1b[31m\nDupont\u200f ", 200, passerelles.TextFromProvider, "Camille[31m Dupont", ""},
		{"ProviderInvalidUTF8Cleaned", "Cam\xffille", 200, passerelles.TextFromProvider, "Camille", ""},
		{"ProviderNFC", "Ame\u0301lie", 200, passerelles.TextFromProvider, "Amélie", ""},
		{"ErrProviderTooLong", strings.Repeat("a", 101), 100, passerelles.TextFromProvider, "", passerelles.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.in
			err := passerelles.ValidateText("Le champ", &s, tc.max, tc.flags)
			if got := passerelles.ErrorCode(err); got != tc.code {
				t.Fatalf("code = %q, want %q (%v)", got, tc.code, err)
			}
			if err != nil {
				if msg := passerelles.ErrorMessage(err); !strings.HasPrefix(msg, "Le champ ") {
					t.Fatalf("message %q does not name the field", msg)
				}
				if s != tc.in {
					t.Fatalf("refused text changed to %q", s)
				}
				return
			}
			if s != tc.want {
				t.Fatalf("stored %q, want %q", s, tc.want)
			}
		})
	}
}

func TestValidateLink(t *testing.T) {
	for _, tc := range []struct {
		name, in, code string
	}{
		{"Empty", "", ""},
		{"HTTPS", "https://pix.fr/certification?id=12#resultat", ""},
		{"HTTP", "http://example.org/", ""},
		{"InternationalPath", "https://fr.wikipedia.org/wiki/Données", ""},
		{"ErrUserPart", "https://service-public.gouv.fr@evil.example/", passerelles.EINVALID},
		{"ErrUserAndPassword", "https://service-public.gouv.fr:motdepasse@evil.example/", passerelles.EINVALID},
		{"ErrBackslash", "https://service-public.gouv.fr\\@evil.example/", passerelles.EINVALID},
		{"ErrSpace", "https://exemple.fr/a b", passerelles.EINVALID},
		{"ErrBidiInPath", "https://evil.example/\u202efdp.exe", passerelles.EINVALID},
		{"ErrNewline", "https://exemple.fr/\nautre", passerelles.EINVALID},
		{"ErrJavascript", "javascript:alert(1)", passerelles.EINVALID},
		{"ErrData", "data:text/html,<script>", passerelles.EINVALID},
		{"ErrNoHost", "https:///chemin", passerelles.EINVALID},
		{"ErrRelative", "/chemin", passerelles.EINVALID},
		{"ErrTooLong", "https://exemple.fr/" + strings.Repeat("a", 500), passerelles.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.in
			if got := passerelles.ErrorCode(passerelles.ValidateLink("Le lien", &s, 500)); got != tc.code {
				t.Fatalf("code = %q, want %q", got, tc.code)
			}
		})
	}
}

func TestEvidenceValidate(t *testing.T) {
	now := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) *time.Time { t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); return &t }
	for _, tc := range []struct {
		name string
		e    passerelles.Evidence
		code string
	}{
		{"OK", passerelles.Evidence{Kind: passerelles.EvidenceTraining, Title: "Formation", ObtainedOn: day(2024, 3, 1), URL: "https://exemple.fr/"}, ""},
		{"EarliestDate", passerelles.Evidence{Kind: passerelles.EvidenceTraining, Title: "Formation", ObtainedOn: day(1950, 1, 1)}, ""},
		{"Today", passerelles.Evidence{Kind: passerelles.EvidenceTraining, Title: "Formation", ObtainedOn: day(2026, 5, 4)}, ""},
		{"ErrYearOne", passerelles.Evidence{Kind: passerelles.EvidenceTraining, Title: "Formation", ObtainedOn: day(1, 1, 1)}, passerelles.EINVALID},
		{"ErrBefore1950", passerelles.Evidence{Kind: passerelles.EvidenceTraining, Title: "Formation", ObtainedOn: day(1949, 12, 31)}, passerelles.EINVALID},
		{"ErrFuture", passerelles.Evidence{Kind: passerelles.EvidenceTraining, Title: "Formation", ObtainedOn: day(2026, 5, 5)}, passerelles.EINVALID},
		{"ErrZeroWidthTitle", passerelles.Evidence{Kind: passerelles.EvidenceTraining, Title: "\u200b"}, passerelles.EINVALID},
		{"ErrUserPartLink", passerelles.Evidence{Kind: passerelles.EvidenceTraining, Title: "Formation", URL: "https://service-public.gouv.fr@evil.example/"}, passerelles.EINVALID},
		{"ErrControlInDescription", passerelles.Evidence{Kind: passerelles.EvidenceTraining, Title: "Formation", Description: "a\x00b"}, passerelles.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := passerelles.ErrorCode(tc.e.Validate(now)); got != tc.code {
				t.Fatalf("code = %q, want %q", got, tc.code)
			}
		})
	}
	t.Run("NormalisesItsTexts", func(t *testing.T) {
		e := passerelles.Evidence{Kind: passerelles.EvidenceTraining, Title: " Donne\u0301es ", Description: "a\r\nb"}
		if err := e.Validate(now); err != nil {
			t.Fatal(err)
		}
		if e.Title != "Données" || e.Description != "a\nb" {
			t.Fatalf("stored %q / %q", e.Title, e.Description)
		}
	})
}

// TestEveryValidateChecksText runs a hostile text through one text field of each domain
// type: every Validate must refuse it, since they all call ValidateText.
func TestEveryValidateChecksText(t *testing.T) {
	const bad = "Nom\u202e"
	f := &passerelles.Framework{Code: "pix", Name: "Pix", Levels: []passerelles.Level{{Value: 1, Code: "1", Label: "Niveau"}}}
	now := time.Now()
	start := time.Date(2027, 1, 12, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		validate func() error
	}{
		{"Framework", func() error { return (&passerelles.Framework{Code: "x", Name: bad, Levels: f.Levels}).Validate() }},
		{"FrameworkLevel", func() error {
			return (&passerelles.Framework{Code: "x", Name: "X", Levels: []passerelles.Level{{Value: 1, Code: "1", Label: bad}}}).Validate()
		}},
		{"FrameworkDomain", func() error {
			return (&passerelles.Framework{Code: "x", Name: "X", Levels: f.Levels, Domains: []passerelles.Domain{{Code: "a", Name: bad}}}).Validate()
		}},
		{"Skill", func() error { return (&passerelles.Skill{Code: "1.1", Name: "N", Description: bad}).Validate(f) }},
		{"Role", func() error {
			return (&passerelles.Role{Code: "D03", Title: bad, Family: passerelles.RoleFamilyDigital}).Validate()
		}},
		{"Transition", func() error {
			return (&passerelles.Transition{FromRoleID: 1, ToRoleID: 2, Kind: passerelles.TransitionKindClose, Helps: bad}).Validate()
		}},
		{"Community", func() error { return (&passerelles.Community{Code: "data", Name: bad}).Validate() }},
		{"Event", func() error {
			return (&passerelles.Event{CommunityID: 1, Title: "T", Address: bad, Kind: passerelles.EventWorkshop, Status: passerelles.EventPublished,
				Format: passerelles.EventOnsite, StartsAt: start, EndsAt: start.Add(time.Hour)}).Validate()
		}},
		{"EventLink", func() error {
			return (&passerelles.Event{CommunityID: 1, Title: "T", OnlineURL: "https://a@b.example/", Kind: passerelles.EventWebinar, Status: passerelles.EventPublished,
				Format: passerelles.EventOnline, StartsAt: start, EndsAt: start.Add(time.Hour)}).Validate()
		}},
		{"EventYearOne", func() error {
			s := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
			return (&passerelles.Event{CommunityID: 1, Title: "T", Kind: passerelles.EventWorkshop, Status: passerelles.EventPublished,
				Format: passerelles.EventOnsite, StartsAt: s, EndsAt: s.Add(time.Hour)}).Validate()
		}},
		{"Organisation", func() error {
			return (&passerelles.Organisation{Code: "DGT", Name: bad, Type: passerelles.OrganisationCentral, MinistryID: 1}).Validate()
		}},
		{"Region", func() error { return (&passerelles.Region{Code: "IDF", Name: bad}).Validate() }},
		{"Ministry", func() error { return (&passerelles.Ministry{Code: "TRAVAIL", Name: bad}).Validate() }},
		{"Grade", func() error { return (&passerelles.Grade{Code: "A", Label: bad}).Validate() }},
		{"AgentBio", func() error { return (&passerelles.Agent{Issuer: "i", Subject: "s", Bio: bad}).Validate() }},
		{"AgentSubject", func() error { return (&passerelles.Agent{Issuer: "i", Subject: bad}).Validate() }},
		{"IdentitySubject", func() error { return (&passerelles.Identity{Issuer: "i", Subject: bad}).Validate() }},
		{"ProfileUpdateBio", func() error { b := bad; return (&passerelles.ProfileUpdate{Bio: &b}).Validate() }},
		{"ProfileUpdateGrade", func() error { g := "A\x00"; return (&passerelles.ProfileUpdate{GradeCode: &g}).Validate() }},
		{"SkillDeclarationEvidence", func() error {
			return (&passerelles.SkillDeclaration{SkillID: 1, Level: 1, Evidence: []passerelles.Evidence{{Kind: passerelles.EvidenceTraining, Title: bad}}}).Validate(now)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := passerelles.ErrorCode(tc.validate()); got != passerelles.EINVALID {
				t.Fatalf("code = %q, want %q", got, passerelles.EINVALID)
			}
		})
	}
	t.Run("IdentityClaimsCleaned", func(t *testing.T) {
		id := &passerelles.Identity{Issuer: "https://idp", Subject: "abc", GivenName: "Ca\u202emille", UsualName: "Du\x00pont",
			OrganizationLabel: "DGT\u200e"}
		if err := id.Validate(); err != nil {
			t.Fatal(err)
		}
		if id.GivenName != "Camille" || id.UsualName != "Dupont" || id.OrganizationLabel != "DGT" {
			t.Fatalf("claims kept as %q %q %q", id.GivenName, id.UsualName, id.OrganizationLabel)
		}
	})
}

func TestFoldForSearch(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"Precomposed", "Données", "donnees"},
		{"Decomposed", "donne\u0301es", "donnees"},
		{"FullWidth", "ｄｏｎｎｅｅｓ", "donnees"},
		{"FullWidthCapitals", "ＤＯＮＮÉＥＳ", "donnees"},
		{"Ligature", "ﬁchiers", "fichiers"},
		{"OELigature", "Cœur Œuvre", "coeur oeuvre"},
		{"AELigature", "ex æquo", "ex aequo"},
		{"SharpS", "Straße", "strasse"},
		{"DottedCapitalI", "İstanbul", "istanbul"},
		{"SoftHyphen", "don\u00adnées", "donnees"},
		{"ZeroWidthSpace", "donn\u200bées", "donnees"},
		{"BidiOverride", "\u202edonnées\u202c", "donnees"},
		{"ControlBecomesSpace", "données\x00sécurité", "donnees securite"},
		{"Superscript", "niveau²", "niveau2"},
		{"Idempotent", "donnees", "donnees"},
		{"OtherScripts", "数据 Ελληνικά", "数据 ελληνικα"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := passerelles.FoldForSearch(tc.in); got != tc.want {
				t.Fatalf("FoldForSearch(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestEchoText: client text quoted in a message loses what could reorder or hide the
// message (bidirectional overrides, control characters, invalid bytes) and is cut.
func TestEchoText(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		max      int
		want     string
	}{
		{"Plain", "fichiers", 40, "fichiers"},
		{"RightToLeftOverride", "abc\u202Edef", 40, "abcdef"},
		{"Isolate", "\u2066x\u2069", 40, "x"},
		{"Control", "a\u0000b\u001b[31m", 40, "ab[31m"},
		{"InvalidBytes", "a\xffb", 40, "ab"},
		{"ZeroWidth", "a\u200bb", 40, "ab"},
		{"Cut", "abcdefghij", 5, "abcde…"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := passerelles.EchoText(tt.in, tt.max); got != tt.want {
				t.Fatalf("EchoText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestCompareFrench checks the order of French labels: accents and case break ties only,
// ligatures read as two letters, equal labels by bytes.
func TestCompareFrench(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []string
		want []string
	}{
		{"Regions", []string{"Île-de-France", "Normandie", "Hauts-de-France", "Auvergne-Rhône-Alpes", "La Réunion", "Guyane"},
			[]string{"Auvergne-Rhône-Alpes", "Guyane", "Hauts-de-France", "Île-de-France", "La Réunion", "Normandie"}},
		{"AccentedCapitals", []string{"Zoé", "Élodie", "Emma", "Éric", "Ahmed"}, []string{"Ahmed", "Élodie", "Emma", "Éric", "Zoé"}},
		{"CaseAndAccentsBreakTies", []string{"élodie", "Elodie", "Élodie", "elodie"}, []string{"elodie", "Elodie", "élodie", "Élodie"}},
		{"Ligature", []string{"Oz", "Œuvre", "Ode"}, []string{"Ode", "Œuvre", "Oz"}},
		{"Communities", []string{"Sécurité", "Accessibilité", "Données", "Écologie", "Ergonomie"}, []string{"Accessibilité", "Données", "Écologie", "Ergonomie", "Sécurité"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := slices.Clone(tc.in)
			passerelles.SortFrench(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("SortFrench(%q) = %q, want %q", tc.in, got, tc.want)
			}
			for i := 1; i < len(got); i++ {
				if passerelles.CompareFrench(got[i-1], got[i]) >= 0 || passerelles.CompareFrench(got[i], got[i-1]) <= 0 {
					t.Errorf("CompareFrench(%q, %q) is not antisymmetric and strict", got[i-1], got[i])
				}
			}
		})
	}
}

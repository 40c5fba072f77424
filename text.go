package passerelles

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// TextFlag says how ValidateText treats a field; flags combine with |.
type TextFlag uint8

// Text flags.
const (
	// TextRequired: the field needs at least one visible character (spaces, zero-width
	// characters and fillers such as U+3164 do not count).
	TextRequired TextFlag = 1 << iota
	// TextMultiLine: line feeds and tabs are allowed (presentations, descriptions,
	// comments). CR LF, a lone CR and U+2028/U+2029 become a line feed.
	TextMultiLine
	// TextVerbatim: an identifier that another system gave (OpenID issuer and subject).
	// It is checked but never changed, not even normalised, since a changed identifier
	// would designate another account.
	TextVerbatim
	// TextFromProvider: text the identity provider asserts (names, email, organisation).
	// The person cannot correct what their provider says, so refusing it would lock them
	// out: forbidden characters are removed (line breaks and tabs become spaces) rather
	// than refused. Only its length can still refuse it.
	TextFromProvider
)

// ValidateText checks the text field named what (in French, as the subject of a
// sentence: « La présentation ») and brings *s to its stored form. It is the one text
// rule of the domain, which every Validate calls, so that nothing stored or shown can
// carry characters that rewrite what a reader sees:
//   - control characters (C0, C1, DEL) are refused, except line feed and tab in
//     multi-line fields;
//   - bidirectional formatting characters (Unicode's Bidi_Control: U+061C, U+200E,
//     U+200F, U+202A–U+202E, U+2066–U+2069) are refused: they reorder what is displayed,
//     so that a name or a link reads differently from what it is;
//   - Unicode noncharacters and tag characters (U+E0000–U+E007F, invisible text that
//     tools read but people do not see) are refused;
//   - the text is stored in NFC (the composed form browsers send), with surrounding
//     spaces removed, so that « é » typed or pasted is the same text;
//   - a required field needs one visible character;
//   - the length, counted in characters after normalisation, is at most max.
//
// It returns EINVALID with a French message naming the field.
func ValidateText(what string, s *string, max int, flags TextFlag) error {
	lenient := flags&TextFromProvider != 0
	v := *s
	if !utf8.ValidString(v) {
		if !lenient {
			return Errorf(EINVALID, "%s contient des octets qui ne sont pas du texte UTF-8.", what)
		}
		v = strings.ToValidUTF8(v, "")
	}
	multiLine := flags&TextMultiLine != 0
	if multiLine {
		v = lineBreaks.Replace(v)
	}
	var cleaned strings.Builder
	for i, r := range v {
		reason := forbiddenRune(r, multiLine)
		if reason == "" {
			if lenient {
				cleaned.WriteRune(r)
			}
			continue
		}
		if !lenient {
			return Errorf(EINVALID, "%s contient %s (%s caractère) : retirez-le.", what, reason, ordinal(utf8.RuneCountInString(v[:i])+1))
		}
		if unicode.IsSpace(r) {
			cleaned.WriteByte(' ')
		}
	}
	if lenient {
		v = cleaned.String()
	}
	if flags&TextVerbatim == 0 {
		v = strings.TrimSpace(norm.NFC.String(v))
	}
	if flags&TextRequired != 0 && !hasVisible(v) {
		if strings.TrimSpace(v) == "" {
			return Errorf(EINVALID, "%s est obligatoire.", what)
		}
		return Errorf(EINVALID, "%s doit contenir au moins un caractère visible.", what)
	}
	if n := utf8.RuneCountInString(v); n > max {
		return Errorf(EINVALID, "%s dépasse la longueur permise : %d caractères pour %d au plus.", what, n, max)
	}
	*s = v
	return nil
}

// lineBreaks turns every line break into a line feed in multi-line fields: browsers send
// CR LF from some text areas, and text pasted from word processors carries U+2028/U+2029.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n")

// forbiddenRune returns why r may not appear in a text field (an indefinite noun group
// for the message), or "".
func forbiddenRune(r rune, multiLine bool) string {
	switch {
	case r == '\n' || r == '\t' || r == '\r':
		if multiLine {
			return ""
		}
		return "un saut de ligne ou une tabulation, qui n’ont pas leur place dans ce champ d’une ligne"
	case r == '\u2028' || r == '\u2029':
		return "un séparateur de ligne, qui n’a pas sa place dans ce champ d’une ligne"
	case unicode.IsControl(r):
		return "un caractère de contrôle invisible"
	case unicode.Is(unicode.Bidi_Control, r):
		return "un caractère invisible qui peut inverser l’ordre d’affichage du texte"
	case unicode.Is(unicode.Noncharacter_Code_Point, r):
		return "un caractère invisible non autorisé"
	case r >= 0xE0000 && r <= 0xE007F:
		return "un caractère invisible non autorisé"
	}
	return ""
}

// hasVisible reports whether s has a character a reader sees: a letter, digit,
// punctuation or symbol, but not a space, a zero-width or format character, a combining
// mark alone, nor a character that fonts draw as blank (Hangul fillers, the blank
// Braille pattern).
func hasVisible(s string) bool {
	for _, r := range s {
		if !unicode.In(r, unicode.L, unicode.N, unicode.P, unicode.S) {
			continue
		}
		if unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) || r == '\u2800' {
			continue
		}
		return true
	}
	return false
}

// ValidateLink checks an optional web link with ValidateText (one line, at most max
// characters), then refuses what is not a complete http(s) address, or whose reader
// could be misled about where it leads: a user part (« https://service-public.gouv.fr@evil.example/ »
// goes to evil.example), a backslash (which browsers and Go read differently), spaces.
func ValidateLink(what string, s *string, max int) error {
	if err := ValidateText(what, s, max, 0); err != nil || *s == "" {
		return err
	}
	u, err := url.Parse(*s)
	switch {
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Hostname() == "":
		return Errorf(EINVALID, "%s doit être une adresse web complète (https://…).", what)
	case u.User != nil:
		return Errorf(EINVALID, "%s contient une partie « nom@ » avant l’adresse du site : elle trompe le lecteur sur le site visité. Donnez l’adresse sans elle.", what)
	case strings.ContainsRune(*s, '\\') || strings.ContainsFunc(*s, unicode.IsSpace):
		return Errorf(EINVALID, "%s ne doit contenir ni espace ni barre oblique inversée.", what)
	}
	return nil
}

// EarliestDate is the earliest date a person may give for something they did (an
// evidence obtained): 1 January 1950. The oldest agents still serving were born in the
// late 1950s, so nothing of their career is older; an earlier date is a typing slip or
// a placeholder such as 0001-01-01, which would sort first and read as nonsense.
var EarliestDate = time.Date(1950, time.January, 1, 0, 0, 0, 0, time.UTC)

// ValidateDate returns EINVALID when the date named what is before EarliestDate or after
// now.
func ValidateDate(what string, d, now time.Time) error {
	if d.Before(EarliestDate) {
		return Errorf(EINVALID, "%s ne peut pas précéder le 1er janvier %d.", what, EarliestDate.Year())
	}
	if d.After(now) {
		return Errorf(EINVALID, "%s ne peut pas être dans le futur.", what)
	}
	return nil
}

// FoldForSearch is the one normalisation of text for search, on both sides: the index
// of skills is built from it, and so is every query. It applies NFKC (full-width letters,
// ligatures such as « ﬁ », compatibility forms become plain letters), removes format
// characters (soft hyphen, zero-width ones, bidirectional controls), turns control
// characters into spaces, folds case (« ß » is « ss ») and removes accents, whether
// precomposed or combining (« é » and « e\u0301 » are « e »); « œ » and « æ » become
// « oe » and « ae ». « données », « donne\u0301es », « ＤＯＮＮÉＥＳ » all give
// « donnees ». The talent search reuses it.
func FoldForSearch(s string) string {
	s = strings.ToValidUTF8(s, " ")
	s = norm.NFKC.String(s)
	s = cases.Fold().String(s)
	s = norm.NFD.String(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Cf, r):
			return -1
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
	return ligatures.Replace(norm.NFC.String(s))
}

// ligatures are the letters that NFKC keeps but French readers take for two letters.
var ligatures = strings.NewReplacer("œ", "oe", "æ", "ae")

// ordinal writes n as a French ordinal in figures: « 1er », « 2e », « 11e ».
func ordinal(n int) string {
	if n == 1 {
		return "1er"
	}
	return strconv.Itoa(n) + "e"
}

// EchoText returns client text as a message may quote it: invalid bytes, control,
// bidirectional and other format characters removed (a refused value must not reorder or
// hide the message that quotes it), at most n characters, « … » marking a cut.
func EchoText(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

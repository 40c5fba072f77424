package api

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"passerelles"
	"passerelles/server/web"
)

// The rows of the catalogue's CSV file: one file holds roles, their required skills and
// transitions, told apart by the Type column, so that an import is one upload applied in
// one transaction with one numbering of lines, and a transition may name a role the same
// file creates. Each kind of row fills its own columns and leaves the others empty.
const (
	CatalogueRowRole       = "Métier"
	CatalogueRowSkill      = "Compétence requise"
	CatalogueRowTransition = "Passerelle"
)

// CatalogueCSVHeader is the header row of the catalogue's CSV file.
var CatalogueCSVHeader = []string{"Type", "Code", "Intitulé", "Famille", "Code ROME", "Description", "Retiré",
	"Référentiel", "Compétence", "Niveau", "Poids", "Départ", "Arrivée", "Nature", "Durée typique (mois)", "Ce qui aide"}

// Column indexes of CatalogueCSVHeader.
const (
	colType = iota
	colCode
	colTitle
	colFamily
	colRome
	colDescription
	colRetired
	colFramework
	colSkill
	colLevel
	colWeight
	colFrom
	colTo
	colKind
	colDuration
	colHelps
)

// CatalogueJSONHandler serves GET /exports/catalogue.json: the whole catalogue
// (passerelles.Catalogue) for administrators, the file POST /imports/catalogue takes back.
func CatalogueJSONHandler(svc passerelles.CatalogueService, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := svc.ExportCatalogue(r.Context())
		if err != nil {
			writeExportError(w, r, logger, err)
			return
		}
		setDownload(w, "application/json; charset=utf-8", "catalogue-passerelles-"+c.ExportedAt.Format("2006-01-02")+".json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		_ = enc.Encode(c)
	})
}

// CatalogueCSVHandler serves GET /exports/catalogue.csv: the catalogue as one CSV file
// (CatalogueCSVHeader) written by CSVWriter, for administrators.
func CatalogueCSVHandler(svc passerelles.CatalogueService, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := svc.ExportCatalogue(r.Context())
		if err != nil {
			writeExportError(w, r, logger, err)
			return
		}
		setDownload(w, "text/csv; charset=utf-8", "catalogue-passerelles-"+c.ExportedAt.Format("2006-01-02")+".csv")
		if err := WriteCatalogueCSV(w, c); err != nil {
			logger.Error("catalogue export: write", "request_id", web.RequestIDFrom(r.Context()), "error", err)
		}
	})
}

func setDownload(w http.ResponseWriter, contentType, name string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
}

// WriteCatalogueCSV writes c as the catalogue's CSV file: the header, then each role
// followed by its required skills, then the transitions.
func WriteCatalogueCSV(w io.Writer, c *passerelles.Catalogue) error {
	cw, err := NewCSVWriter(w)
	if err != nil {
		return err
	}
	_ = cw.Write(CatalogueCSVHeader)
	row := func(set map[int]string) []string {
		out := make([]string, len(CatalogueCSVHeader))
		for k, v := range set {
			out[k] = v
		}
		return out
	}
	for _, r := range c.Roles {
		_ = cw.Write(row(map[int]string{colType: CatalogueRowRole, colCode: r.Code, colTitle: r.Title, colFamily: string(r.Family),
			colRome: r.RomeCode, colDescription: r.Description, colRetired: yesNo(r.Retired)}))
		for _, rs := range r.RequiredSkills {
			_ = cw.Write(row(map[int]string{colType: CatalogueRowSkill, colCode: r.Code, colFramework: rs.Framework, colSkill: rs.Skill,
				colLevel: strconv.Itoa(rs.Level), colWeight: strconv.Itoa(rs.Weight)}))
		}
	}
	for _, t := range c.Transitions {
		_ = cw.Write(row(map[int]string{colType: CatalogueRowTransition, colFrom: t.From, colTo: t.To, colKind: string(t.Kind),
			colDuration: strconv.Itoa(t.TypicalDurationMonths), colDescription: t.Description, colHelps: t.Helps, colRetired: yesNo(t.Retired)}))
	}
	return cw.Flush()
}

func yesNo(b bool) string {
	if b {
		return "oui"
	}
	return "non"
}

// CatalogueImportHandler serves POST /imports/catalogue: a catalogue file as the body —
// JSON (Content-Type application/json) or CSV (text/csv) as the exports write them — at
// most passerelles.MaxCatalogueImportBytes; with ?dryRun=true it is only checked. The
// answer is JSON: 200 with the report (passerelles.CatalogueImportReport) when applied
// or checked, 422 with `errors` (line and French message each) when any line is invalid
// — then nothing is written —, 400 for a file that cannot be read (not UTF-8, broken
// JSON or CSV), 413 above the size limit, 415 for another content type, 401 and 403 for
// who may not.
func CatalogueImportHandler(svc passerelles.CatalogueService, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := passerelles.RequireAdmin(r.Context()); err != nil {
			writeImportError(w, r, logger, err)
			return
		}
		mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		var parse func([]byte) (*passerelles.Catalogue, error)
		switch mt {
		case "application/json":
			parse = ParseCatalogueJSON
		case "text/csv":
			parse = ParseCatalogueCSV
		default:
			web.WriteJSON(w, http.StatusUnsupportedMediaType, map[string]any{"code": passerelles.EINVALID,
				"error": "Envoyez le fichier du catalogue en JSON (application/json) ou en CSV (text/csv)."})
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, passerelles.MaxCatalogueImportBytes))
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			web.WriteJSON(w, http.StatusRequestEntityTooLarge, map[string]any{"code": passerelles.EINVALID,
				"error": fmt.Sprintf("Le fichier dépasse %d Mio : un catalogue tient dans bien moins.", passerelles.MaxCatalogueImportBytes>>20)})
			return
		} else if err != nil {
			web.WriteJSON(w, http.StatusBadRequest, map[string]any{"code": passerelles.EINVALID, "error": "Le fichier n’a pas pu être lu en entier."})
			return
		}
		c, err := parse(body)
		if err == nil {
			var rep *passerelles.CatalogueImportReport
			dryRun, _ := strconv.ParseBool(r.URL.Query().Get("dryRun"))
			if rep, err = svc.ImportCatalogue(r.Context(), c, dryRun); err == nil {
				web.WriteJSON(w, http.StatusOK, rep)
				return
			}
		}
		writeImportError(w, r, logger, err)
	})
}

// unreadableError is a file that cannot be read as its format at all (not line by line).
type unreadableError struct{ msg string }

func (e *unreadableError) Error() string { return e.msg }

func writeImportError(w http.ResponseWriter, r *http.Request, logger *slog.Logger, err error) {
	var invalid *passerelles.CatalogueInvalidError
	var unreadable *unreadableError
	switch {
	case errors.As(err, &unreadable):
		web.WriteJSON(w, http.StatusBadRequest, map[string]any{"code": passerelles.EINVALID, "error": unreadable.msg,
			"errors": []passerelles.CatalogueLineError{}})
	case errors.As(err, &invalid):
		web.WriteJSON(w, http.StatusUnprocessableEntity, map[string]any{"code": passerelles.EINVALID,
			"error": passerelles.ErrorMessage(err), "errors": invalid.Lines})
	default:
		writeExportError(w, r, logger, err)
	}
}

// checkUTF8 refuses a file that is not UTF-8, naming the first bad line: a file saved by
// a spreadsheet in Windows-1252 would otherwise land as garbled titles.
func checkUTF8(b []byte) error {
	if utf8.Valid(b) {
		return nil
	}
	line := 1
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			return &unreadableError{fmt.Sprintf("Le fichier n’est pas en UTF-8 (ligne %d) : enregistrez-le en « CSV UTF-8 » ou en JSON UTF-8.", line)}
		}
		if r == '\n' {
			line++
		}
		b = b[n:]
	}
	return nil
}

// lineAt returns the line, from 1, of byte offset off in b.
func lineAt(b []byte, off int64) int {
	off = min(max(off, 0), int64(len(b)))
	return bytes.Count(b[:off], []byte("\n")) + 1
}

// ParseCatalogueJSON reads a catalogue file as GET /exports/catalogue.json writes it,
// numbering each role and transition by the line it starts on. Unknown keys are refused
// (a misspelt key would silently drop a field).
func ParseCatalogueJSON(b []byte) (*passerelles.Catalogue, error) {
	if err := checkUTF8(b); err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	bad := func(err error) error {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			return &unreadableError{fmt.Sprintf("Le fichier n’est pas un JSON valide (ligne %d).", lineAt(b, syntax.Offset))}
		case errors.As(err, &typ):
			return &unreadableError{fmt.Sprintf("Le fichier JSON a une valeur du mauvais type pour « %s » (ligne %d).", typ.Field, lineAt(b, typ.Offset))}
		case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
			return &unreadableError{"Le fichier JSON est incomplet."}
		}
		return &unreadableError{fmt.Sprintf("Le fichier JSON est invalide (ligne %d) : %s.", lineAt(b, dec.InputOffset()), jsonReason(err))}
	}
	expect := func(want json.Delim) error {
		tok, err := dec.Token()
		if err != nil {
			return bad(err)
		}
		if d, ok := tok.(json.Delim); !ok || d != want {
			return &unreadableError{fmt.Sprintf("Le fichier JSON n’a pas la forme d’un catalogue (ligne %d) : « %c » attendu.", lineAt(b, dec.InputOffset()), want)}
		}
		return nil
	}
	// startLine is the line of the next value: after the offset, past spaces and commas.
	startLine := func() int {
		off := dec.InputOffset()
		for off < int64(len(b)) && strings.ContainsRune(" \t\r\n,", rune(b[off])) {
			off++
		}
		return lineAt(b, off)
	}
	c := &passerelles.Catalogue{}
	if err := expect('{'); err != nil {
		return nil, err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, bad(err)
		}
		key, _ := tok.(string)
		switch key {
		case "version":
			if err := dec.Decode(&c.Version); err != nil {
				return nil, bad(err)
			}
			if c.Version != passerelles.CatalogueFormatVersion {
				return nil, &unreadableError{fmt.Sprintf("Ce fichier est au format %d ; Passerelles lit le format %d.", c.Version, passerelles.CatalogueFormatVersion)}
			}
		case "exportedAt":
			var at time.Time
			if err := dec.Decode(&at); err != nil {
				return nil, bad(err)
			}
		case "roles", "transitions":
			if err := expect('['); err != nil {
				return nil, err
			}
			for dec.More() {
				line := startLine()
				// Every key of an item is required: a key left out would decode as its zero
				// value and wipe what the catalogue holds (skills, description, retirement).
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return nil, bad(err)
				}
				item := json.NewDecoder(bytes.NewReader(raw))
				item.DisallowUnknownFields()
				if key == "roles" {
					var r passerelles.CatalogueRole
					if err := item.Decode(&r); err != nil {
						return nil, bad(err)
					}
					if err := requireKeys(raw, line, key); err != nil {
						return nil, err
					}
					r.Line = line
					for k := range r.RequiredSkills {
						r.RequiredSkills[k].Line = line
					}
					c.Roles = append(c.Roles, r)
				} else {
					var t passerelles.CatalogueTransition
					if err := item.Decode(&t); err != nil {
						return nil, bad(err)
					}
					if err := requireKeys(raw, line, key); err != nil {
						return nil, err
					}
					t.Line = line
					c.Transitions = append(c.Transitions, t)
				}
				if len(c.Roles)+len(c.Transitions) > passerelles.MaxCatalogueLines {
					return nil, &unreadableError{fmt.Sprintf("Le fichier contient plus de %d éléments.", passerelles.MaxCatalogueLines)}
				}
			}
			if err := expect(']'); err != nil {
				return nil, err
			}
		default:
			return nil, &unreadableError{fmt.Sprintf("Le fichier JSON a une clé inconnue « %s » (ligne %d) : version, exportedAt, roles et transitions sont attendues.",
				passerelles.EchoText(key, 40), lineAt(b, dec.InputOffset()))}
		}
	}
	if err := expect('}'); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &unreadableError{"Le fichier JSON contient autre chose après le catalogue."}
	}
	return c, nil
}

// catalogueKeys are the keys every item of a JSON catalogue file has, by list.
var catalogueKeys = map[string][]string{
	"roles":          {"code", "title", "family", "description", "romeCode", "retired", "requiredSkills"},
	"transitions":    {"from", "to", "kind", "typicalDurationMonths", "description", "helps", "retired"},
	"requiredSkills": {"framework", "skill", "level", "weight"},
}

// requireKeys refuses an item of list (and the required skills of a role) that leaves out
// one of its keys, naming the line and the key.
func requireKeys(raw json.RawMessage, line int, list string) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return &unreadableError{fmt.Sprintf("Le fichier JSON a un élément de « %s » qui n’est pas un objet (ligne %d).", list, line)}
	}
	for _, k := range catalogueKeys[list] {
		if _, ok := fields[k]; !ok {
			return &unreadableError{fmt.Sprintf("ligne %d : la clé « %s » manque ; chaque élément de « %s » les a toutes (%s).",
				line, k, list, strings.Join(catalogueKeys[list], ", "))}
		}
	}
	if list == "roles" {
		var skills []json.RawMessage
		if err := json.Unmarshal(fields["requiredSkills"], &skills); err == nil {
			for _, sk := range skills {
				if err := requireKeys(sk, line, "requiredSkills"); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// jsonReason turns encoding/json's unknown-field error into French; other errors get a
// generic reason (their English text never reaches a person).
func jsonReason(err error) string {
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return "clé inconnue " + strings.ReplaceAll(name, `"`, "")
	}
	return "valeur illisible"
}

// ParseCatalogueCSV reads a catalogue file as GET /exports/catalogue.csv writes it: UTF-8
// (byte order mark optional), a header row with the columns of CatalogueCSVHeader in any
// order, semicolons (or commas, as a spreadsheet of another locale saves it). A cell
// CSVWriter guarded with an apostrophe is read back without it; a cell a spreadsheet
// would run as a formula is refused. Every line's refusals are collected, so that one
// answer names them all.
func ParseCatalogueCSV(b []byte) (*passerelles.Catalogue, error) {
	if err := checkUTF8(b); err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	header, _, _ := bytes.Cut(b, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = ';'
	if !bytes.ContainsRune(header, ';') && bytes.ContainsRune(header, ',') {
		cr.Comma = ','
	}
	cr.FieldsPerRecord = -1 // counted below, so that every bad line is named
	var errs passerelles.CatalogueErrors
	head, err := cr.Read()
	if err != nil {
		return nil, csvUnreadable(err)
	}
	cols := map[string]int{}
	for i, name := range head {
		cols[passerelles.FoldForSearch(strings.TrimSpace(name))] = i
	}
	index := make([]int, len(CatalogueCSVHeader))
	for k, name := range CatalogueCSVHeader {
		i, ok := cols[passerelles.FoldForSearch(name)]
		if !ok {
			errs.Addf(1, "La colonne « %s » manque (l’en-tête attendu est celui de l’export : %s)", name, strings.Join(CatalogueCSVHeader, ", "))
			continue
		}
		index[k] = i
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	c := &passerelles.Catalogue{Version: passerelles.CatalogueFormatVersion}
	roleAt := map[string]int{} // role code → index in c.Roles
	type pending struct {
		code string
		rs   passerelles.CatalogueRequiredSkill
	}
	var skills []pending
	rows := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				errs.Addf(pe.Line, "Le fichier CSV est mal formé (guillemet mal placé)")
				return nil, errs.Err()
			}
			return nil, csvUnreadable(err)
		}
		line, _ := cr.FieldPos(0)
		rows++
		if rows > passerelles.MaxCatalogueLines {
			errs.Addf(line, "Le fichier contient plus de %d lignes", passerelles.MaxCatalogueLines)
			break
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // an empty line, as spreadsheets leave at the end
		}
		if len(rec) != len(head) {
			errs.Addf(line, "La ligne a %d colonnes, pour %d dans l’en-tête", len(rec), len(head))
			continue
		}
		cell := func(k int) (string, bool) {
			v, ok := readCell(rec[index[k]])
			if !ok {
				errs.Addf(line, "La cellule « %s » commence par un signe qu’un tableur prendrait pour une formule (=, +, - ou @) : faites-la précéder d’une apostrophe", CatalogueCSVHeader[k])
			}
			return v, ok
		}
		get := map[int]string{}
		ok := true
		for k := range CatalogueCSVHeader {
			v, good := cell(k)
			get[k], ok = v, ok && good
		}
		if !ok {
			continue
		}
		number := func(k int, what string) (int, bool) {
			v := strings.TrimSpace(get[k])
			if v == "" && k == colDuration {
				return 0, true
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				errs.Addf(line, "%s « %s » n’est pas un nombre entier", what, passerelles.EchoText(v, 20))
				return 0, false
			}
			return n, true
		}
		retired, good := parseYesNo(get[colRetired])
		if !good {
			errs.Addf(line, "La colonne « Retiré » vaut « oui » ou « non », pas « %s »", passerelles.EchoText(get[colRetired], 20))
			continue
		}
		switch passerelles.FoldForSearch(strings.TrimSpace(get[colType])) {
		case passerelles.FoldForSearch(CatalogueRowRole):
			code := strings.TrimSpace(get[colCode])
			if first, dup := roleAt[code]; dup {
				errs.Addf(line, "Le métier %s est déjà décrit ligne %d", code, c.Roles[first].Line)
				continue
			}
			roleAt[code] = len(c.Roles)
			c.Roles = append(c.Roles, passerelles.CatalogueRole{Line: line, Code: code, Title: get[colTitle],
				Family: passerelles.RoleFamily(strings.ToUpper(strings.TrimSpace(get[colFamily]))), Description: get[colDescription],
				RomeCode: strings.TrimSpace(get[colRome]), Retired: retired, RequiredSkills: []passerelles.CatalogueRequiredSkill{}})
		case passerelles.FoldForSearch(CatalogueRowSkill):
			level, good1 := number(colLevel, "Le niveau")
			weight, good2 := number(colWeight, "Le poids")
			if !good1 || !good2 {
				continue
			}
			skills = append(skills, pending{strings.TrimSpace(get[colCode]), passerelles.CatalogueRequiredSkill{Line: line,
				Framework: strings.TrimSpace(get[colFramework]), Skill: strings.TrimSpace(get[colSkill]), Level: level, Weight: weight}})
		case passerelles.FoldForSearch(CatalogueRowTransition):
			months, good := number(colDuration, "La durée typique")
			if !good {
				continue
			}
			c.Transitions = append(c.Transitions, passerelles.CatalogueTransition{Line: line, From: strings.TrimSpace(get[colFrom]),
				To: strings.TrimSpace(get[colTo]), Kind: passerelles.TransitionKind(strings.ToUpper(strings.TrimSpace(get[colKind]))),
				TypicalDurationMonths: months, Description: get[colDescription], Helps: get[colHelps], Retired: retired})
		default:
			errs.Addf(line, "Le type « %s » est inconnu : %s, %s ou %s", passerelles.EchoText(get[colType], 40),
				CatalogueRowRole, CatalogueRowSkill, CatalogueRowTransition)
		}
		if errs.Full() {
			break
		}
	}
	for _, p := range skills {
		i, ok := roleAt[p.code]
		if !ok {
			errs.Addf(p.rs.Line, "La compétence requise nomme le métier « %s », qu’aucune ligne « %s » du fichier ne décrit", passerelles.EchoText(p.code, 40), CatalogueRowRole)
			continue
		}
		c.Roles[i].RequiredSkills = append(c.Roles[i].RequiredSkills, p.rs)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

func csvUnreadable(err error) error {
	if err == io.EOF {
		return &unreadableError{"Le fichier est vide : la première ligne est l’en-tête des colonnes."}
	}
	return &unreadableError{"Le fichier CSV n’a pas pu être lu."}
}

// readCell returns the text of a cell: CSVCell's guard (a leading apostrophe before what
// a spreadsheet would run) is taken off, and a cell that a spreadsheet would run as a
// formula is refused (ok false) — Excel saves the result of a formula, never its text, so
// such a cell was written by hand or by an adversary.
func readCell(v string) (string, bool) {
	if rest, guarded := strings.CutPrefix(v, "'"); guarded && CSVCell(rest) != rest {
		return rest, true
	}
	return v, CSVCell(v) == v
}

func parseYesNo(v string) (bool, bool) {
	switch passerelles.FoldForSearch(strings.TrimSpace(v)) {
	case "oui", "true", "1":
		return true, true
	case "non", "false", "0", "":
		return false, true
	}
	return false, false
}

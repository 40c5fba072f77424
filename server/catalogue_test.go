package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"passerelles/server/api"
)

// fieldError posts a GraphQL operation and returns the first error's code and
// extensions.field.
func (b *browser) fieldError(query string, vars map[string]any) (code, field, message string) {
	b.tb.Helper()
	v, _ := json.Marshal(vars)
	res := b.postRaw(query, string(v))
	if len(res.Errors) == 0 {
		return "", "", ""
	}
	e := res.Errors[0]
	field, _ = e.Extensions["field"].(string)
	return e.Code(), field, e.Message
}

// send makes a request with a body and returns the status and the body read whole.
func (b *browser) send(method, path, contentType string, body []byte) (int, []byte) {
	b.tb.Helper()
	req, _ := http.NewRequest(method, b.base+path, bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := b.client.Do(req)
	if err != nil {
		b.tb.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, out
}

const (
	createRoleMutation        = `mutation($in: CreateRoleInput!) { createRole(input: $in) { role { code title retired requiredSkills { skill { code } level { value } weight } } } }`
	updateRoleMutation        = `mutation($in: UpdateRoleInput!) { updateRole(input: $in) { role { code title retired } } }`
	retireRoleMutation        = `mutation($c: String!) { retireRole(input: {code: $c}) { role { code retired retiredAt } } }`
	restoreRoleMutation       = `mutation($c: String!) { restoreRole(input: {code: $c}) { role { code retired } } }`
	createTransitionMutation  = `mutation($in: CreateTransitionInput!) { createTransition(input: $in) { transition { id kind description from { code } to { code } retired } } }`
	updateTransitionMutation  = `mutation($in: UpdateTransitionInput!) { updateTransition(input: $in) { transition { id description typicalDurationMonths } } }`
	retireTransitionMutation  = `mutation($id: ID!) { retireTransition(input: {transitionId: $id}) { transition { id retired } } }`
	restoreTransitionMutation = `mutation($id: ID!) { restoreTransition(input: {transitionId: $id}) { transition { id retired } } }`
)

// TestCatalogueAdministration runs the administration of the catalogue through the real
// server: every operation as an anonymous visitor, an agent, a manager and an
// administrator; then the domain's rules (stable codes, levels the framework defines, no
// path to a retired role, a retired role kept but out of new targets), French messages on
// their fields, and the audit log.
func TestCatalogueAdministration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalogue.db")
	base := MustServeDevWith(t, "-db", path)
	admin := signedIn(t, base, "persona-admin")
	manager := signedIn(t, base, "persona-manager")
	agent := signedIn(t, base, "persona-agent-sante")
	anonymous := signedIn(t, base, "")
	b1 := admin.skillID("ecf", "B.1")

	n := 0
	newRole := func() map[string]any {
		n++
		return map[string]any{"code": fmt.Sprintf("T%02d", n), "title": "Ingénieur ou ingénieure de la donnée", "family": "DIGITAL",
			"description": "Construit les chaînes de traitement des données.", "romeCode": "M1805",
			"requiredSkills": []any{map[string]any{"skillId": b1, "level": 3, "weight": 3}}}
	}
	transitionID := func() string {
		_, d, code := admin.gql(`{ transitions(from: "B05", includeRetired: true) { edges { node { id to { code } } } } }`, nil)
		if code != "" {
			t.Fatal(admin.lastError)
		}
		for _, e := range dig(d, "transitions", "edges").([]any) {
			if dig(e, "node", "to", "code") == "D06" {
				return dig(e, "node", "id").(string)
			}
		}
		t.Fatal("no transition B05 → D06")
		return ""
	}
	exportStatus := func(b *browser, file string) string {
		res, err := b.client.Get(b.base + "/exports/" + file)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return map[int]string{200: "", 401: "UNAUTHENTICATED", 403: "FORBIDDEN"}[res.StatusCode]
	}
	ops := []struct {
		name string
		do   func(b *browser) string
	}{
		{"createRole", func(b *browser) string {
			_, _, code := b.gql(createRoleMutation, map[string]any{"in": newRole()})
			return code
		}},
		{"updateRole", func(b *browser) string {
			in := newRole()
			in["code"] = "B05"
			in["title"] = "Chargé ou chargée d’études statistiques"
			_, _, code := b.gql(updateRoleMutation, map[string]any{"in": in})
			return code
		}},
		{"retireRole", func(b *browser) string {
			_, _, code := b.gql(retireRoleMutation, map[string]any{"c": "B13"})
			return code
		}},
		{"restoreRole", func(b *browser) string {
			_, _, code := b.gql(restoreRoleMutation, map[string]any{"c": "B13"})
			return code
		}},
		{"createTransition", func(b *browser) string {
			_, _, code := b.gql(createTransitionMutation, map[string]any{"in": map[string]any{"fromRoleCode": "B02", "toRoleCode": "D06",
				"kind": "PROMOTION", "typicalDurationMonths": 18, "description": "Du budget à l’analyse de données."}})
			if code == "CONFLICT" {
				code = "" // the administrator's first call created it
			}
			return code
		}},
		{"updateTransition", func(b *browser) string {
			_, _, code := b.gql(updateTransitionMutation, map[string]any{"in": map[string]any{"transitionId": transitionID(),
				"kind": "CLOSE", "typicalDurationMonths": 6, "description": "Des études statistiques à l’analyse de données."}})
			return code
		}},
		{"retireTransition", func(b *browser) string {
			_, _, code := b.gql(retireTransitionMutation, map[string]any{"id": transitionID()})
			return code
		}},
		{"restoreTransition", func(b *browser) string {
			_, _, code := b.gql(restoreTransitionMutation, map[string]any{"id": transitionID()})
			return code
		}},
		{"exportJSON", func(b *browser) string { return exportStatus(b, "catalogue.json") }},
		{"exportCSV", func(b *browser) string { return exportStatus(b, "catalogue.csv") }},
		{"import", func(b *browser) string {
			status, _ := b.send("POST", "/imports/catalogue", "application/json", []byte(`{"version": 1, "roles": [], "transitions": []}`))
			return map[int]string{200: "", 401: "UNAUTHENTICATED", 403: "FORBIDDEN"}[status]
		}},
	}
	for _, op := range ops {
		for _, c := range []struct {
			who  string
			b    *browser
			want string
		}{{"Anonymous", anonymous, "UNAUTHENTICATED"}, {"Agent", agent, "FORBIDDEN"}, {"Manager", manager, "FORBIDDEN"}, {"Admin", admin, ""}} {
			t.Run(op.name+"/"+c.who, func(t *testing.T) {
				if got := op.do(c.b); got != c.want {
					t.Fatalf("code %q, want %q (%s)", got, c.want, c.b.lastError)
				}
			})
		}
	}

	t.Run("Rules", func(t *testing.T) {
		for _, c := range []struct {
			name, query       string
			vars              map[string]any
			wantCode, wantFld string
			wantMsg           string
		}{
			{"CodeTaken", createRoleMutation, map[string]any{"in": func() map[string]any { in := newRole(); in["code"] = "B05"; return in }()},
				"CONFLICT", "code", "déjà celui d’un métier"},
			{"UnknownCode", updateRoleMutation, map[string]any{"in": func() map[string]any { in := newRole(); in["code"] = "Z99"; return in }()},
				"NOT_FOUND", "", "« Z99 » n’existe pas"},
			{"LevelTheFrameworkLacks", createRoleMutation, map[string]any{"in": func() map[string]any {
				in := newRole()
				in["requiredSkills"] = []any{map[string]any{"skillId": b1, "level": 5}}
				return in
			}()}, "INVALID_INPUT", "requiredSkills.0.level", "niveau 5 n’est pas défini pour la compétence B.1"},
			{"EmptyTitle", createRoleMutation, map[string]any{"in": func() map[string]any { in := newRole(); in["title"] = " "; return in }()},
				"INVALID_INPUT", "title", "intitulé"},
			{"BadROME", createRoleMutation, map[string]any{"in": func() map[string]any { in := newRole(); in["romeCode"] = "12"; return in }()},
				"INVALID_INPUT", "romeCode", "code ROME"},
			{"Weight", createRoleMutation, map[string]any{"in": func() map[string]any {
				in := newRole()
				in["requiredSkills"] = []any{map[string]any{"skillId": b1, "level": 2, "weight": 4}}
				return in
			}()}, "INVALID_INPUT", "requiredSkills.0.weight", "poids"},
			{"SameRoles", createTransitionMutation, map[string]any{"in": map[string]any{"fromRoleCode": "B05", "toRoleCode": "B05", "kind": "CLOSE"}},
				"INVALID_INPUT", "toRoleCode", "deux métiers différents"},
			{"UnknownRole", createTransitionMutation, map[string]any{"in": map[string]any{"fromRoleCode": "B05", "toRoleCode": "Z99", "kind": "CLOSE"}},
				"INVALID_INPUT", "toRoleCode", "n’existe pas"},
			{"TransitionTwice", createTransitionMutation, map[string]any{"in": map[string]any{"fromRoleCode": "B05", "toRoleCode": "D06", "kind": "CLOSE"}},
				"CONFLICT", "toRoleCode", "mène déjà"},
			{"Duration", createTransitionMutation, map[string]any{"in": map[string]any{"fromRoleCode": "B05", "toRoleCode": "D07", "kind": "CLOSE", "typicalDurationMonths": 200}},
				"INVALID_INPUT", "typicalDurationMonths", "120 mois"},
		} {
			t.Run(c.name, func(t *testing.T) {
				code, field, msg := admin.fieldError(c.query, c.vars)
				if code != c.wantCode || field != c.wantFld || !strings.Contains(msg, c.wantMsg) {
					t.Fatalf("got %s %q %q, want %s %q containing %q", code, field, msg, c.wantCode, c.wantFld, c.wantMsg)
				}
			})
		}
	})

	t.Run("RetiredRole", func(t *testing.T) {
		if _, d, code := admin.gql(retireRoleMutation, map[string]any{"c": "D16"}); code != "" || dig(d, "retireRole", "role", "retired") != true ||
			dig(d, "retireRole", "role", "retiredAt") == nil {
			t.Fatalf("retire D16: %q %v", code, d)
		}
		// No new path leads to it, and the paths it had leave the role pages and lists.
		code, field, msg := admin.fieldError(createTransitionMutation, map[string]any{"in": map[string]any{"fromRoleCode": "B13", "toRoleCode": "D16", "kind": "CLOSE"}})
		if code != "INVALID_INPUT" || field != "toRoleCode" || !strings.Contains(msg, "retiré") {
			t.Fatalf("path to a retired role: %s %q %q", code, field, msg)
		}
		d := agent.gqlData(`{ role(code: "B07") { transitionsFrom { to { code } } } roles(retired: false, first: 100) { totalCount } all: roles(first: 100) { totalCount } }`, nil)
		if fmt.Sprint(dig(d, "role", "transitionsFrom")) != "[]" {
			t.Errorf("B07 still leads to the retired D16: %v", dig(d, "role", "transitionsFrom"))
		}
		if dig(d, "roles", "totalCount") != float64(dig(d, "all", "totalCount").(float64)-1) {
			t.Errorf("roles in use %v of %v, want one fewer", dig(d, "roles", "totalCount"), dig(d, "all", "totalCount"))
		}
		// Nobody adds it as a new target; an agent who already targets it keeps it.
		d16 := agent.gqlData(`{ role(code: "D16") { id } }`, nil)["role"].(map[string]any)["id"]
		const target = `mutation($ids: [ID!]) { updateMyProfile(input: {targetRoleIds: $ids}) { profile { targetRoles { code retired } } } }`
		code, field, msg = agent.fieldError(target, map[string]any{"ids": []any{d16}})
		if code != "INVALID_INPUT" || field != "targetRoleIds.0" || !strings.Contains(msg, "retiré") {
			t.Fatalf("a retired role as a new target: %s %q %q", code, field, msg)
		}
		if _, _, code := admin.gql(restoreRoleMutation, map[string]any{"c": "D16"}); code != "" {
			t.Fatal(admin.lastError)
		}
		agent.gqlData(target, map[string]any{"ids": []any{d16}})
		if _, _, code := admin.gql(retireRoleMutation, map[string]any{"c": "D16"}); code != "" {
			t.Fatal(admin.lastError)
		}
		d = agent.gqlData(target, map[string]any{"ids": []any{d16}})
		if got := fmt.Sprint(dig(d, "updateMyProfile", "profile", "targetRoles")); got != "[map[code:D16 retired:true]]" {
			t.Errorf("kept target: %s", got)
		}
	})

	for prefix, want := range map[string]int{"ROLE_CREATED": 1, "ROLE_UPDATED": 1, "ROLE_RETIRED": 3, "ROLE_RESTORED": 2,
		"TRANSITION_CREATED": 1, "TRANSITION_UPDATED": 1, "TRANSITION_RETIRED": 1, "TRANSITION_RESTORED": 1} {
		if got := countAudit(t, path, prefix); got != want {
			t.Errorf("audit %s: %d entries, want %d", prefix, got, want)
		}
	}
}

// exportCatalogue downloads the catalogue file (json or csv) as b.
func exportCatalogue(t *testing.T, b *browser, ext string) []byte {
	t.Helper()
	status, body := b.send("GET", "/exports/catalogue."+ext, "", nil)
	if status != 200 {
		t.Fatalf("export %s: %d %s", ext, status, body)
	}
	return body
}

// withoutDate blanks the export's date, the one thing two exports of the same catalogue
// may differ by.
func withoutDate(b []byte) string {
	return regexp.MustCompile(`"exportedAt": "[^"]*"`).ReplaceAllString(string(b), `"exportedAt": ""`)
}

type importAnswer struct {
	Changes []struct {
		Line               int
		Item, Code, Action string
	} `json:"changes"`
	Unchanged int    `json:"unchanged"`
	DryRun    bool   `json:"dryRun"`
	Error     string `json:"error"`
	Errors    []struct {
		Line    int    `json:"line"`
		Message string `json:"message"`
	} `json:"errors"`
}

func postCatalogue(t *testing.T, b *browser, contentType string, body []byte, query string) (int, importAnswer) {
	t.Helper()
	status, out := b.send("POST", "/imports/catalogue"+query, contentType, body)
	var a importAnswer
	if err := json.Unmarshal(out, &a); err != nil {
		t.Fatalf("answer %d is not JSON: %.200s", status, out)
	}
	return status, a
}

// TestCatalogueRoundTrip: exporting the catalogue and importing the file back changes
// nothing, in JSON and in CSV (the CSV writer's guard against formulas included); an
// edited file applies in one transaction, reports each change and is audited once; a
// dry run reports and writes nothing.
func TestCatalogueRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roundtrip.db")
	base := MustServeDevWith(t, "-db", path)
	admin := signedIn(t, base, "persona-admin")
	// A description a spreadsheet would run as a formula, and a retired role: both must
	// come back as they were.
	in := map[string]any{"code": "B05", "title": "Chargé ou chargée d’études statistiques", "family": "BUSINESS",
		"description": "-- produit les statistiques\n= et les tableaux de bord", "romeCode": "M1403",
		"requiredSkills": []any{map[string]any{"skillId": admin.skillID("pix", "1.3"), "level": 6, "weight": 3}}}
	admin.gqlData(updateRoleMutation, map[string]any{"in": in})
	admin.gqlData(retireRoleMutation, map[string]any{"c": "B16"})

	before := exportCatalogue(t, admin, "json")
	for _, c := range []struct{ ext, contentType string }{{"json", "application/json"}, {"csv", "text/csv"}} {
		t.Run(strings.ToUpper(c.ext), func(t *testing.T) {
			file := exportCatalogue(t, admin, c.ext)
			status, a := postCatalogue(t, admin, c.contentType, file, "")
			if status != 200 || len(a.Changes) != 0 {
				t.Fatalf("import of the export: %d, %d changes %+v, errors %+v", status, len(a.Changes), a.Changes, a.Errors)
			}
			if a.Unchanged != 33+22 {
				t.Errorf("unchanged %d, want 55 (33 roles, 22 transitions)", a.Unchanged)
			}
			if after := exportCatalogue(t, admin, "json"); withoutDate(after) != withoutDate(before) {
				t.Errorf("the catalogue changed")
			}
		})
	}
	if n := countAudit(t, path, "CATALOGUE_IMPORTED"); n != 0 {
		t.Errorf("%d imports audited, want 0 (nothing changed)", n)
	}

	// An edited CSV: a new role with its skills, a changed title, a new path to the new
	// role, a retired path.
	csvFile := string(exportCatalogue(t, admin, "csv"))
	csvFile = strings.Replace(csvFile, "Métier;B01;Gestionnaire RH;", "Métier;B01;Gestionnaire des ressources humaines;", 1)
	csvFile = strings.Replace(csvFile, "Passerelle;;;;;", "Métier;D18;Ingénieur ou ingénieure de la donnée;DIGITAL;;Construit les chaînes de données.;non;;;;;;;;;\r\n"+
		"Compétence requise;D18;;;;;;ecf;B.1;3;3;;;;;\r\n"+
		"Passerelle;;;;;Vers l’ingénierie des données.;non;;;;;D06;D18;PROMOTION;18;\r\nPasserelle;;;;;", 1)
	csvFile = regexp.MustCompile(`(Passerelle;;;;;[^\r]*;)non(;;;;;B10;D13;)`).ReplaceAllString(csvFile, "${1}oui${2}")
	status, a := postCatalogue(t, admin, "text/csv", []byte(csvFile), "?dryRun=true")
	if status != 200 || !a.DryRun || len(a.Changes) != 4 {
		t.Fatalf("dry run: %d %+v %+v", status, a.Changes, a.Errors)
	}
	if after := exportCatalogue(t, admin, "json"); withoutDate(after) != withoutDate(before) {
		t.Fatal("a dry run changed the catalogue")
	}
	status, a = postCatalogue(t, admin, "text/csv", []byte(csvFile), "")
	got := []string{}
	for _, ch := range a.Changes {
		got = append(got, ch.Item+" "+ch.Code+" "+ch.Action)
	}
	if want := "[ROLE B01 UPDATED ROLE D18 CREATED TRANSITION D06→D18 CREATED TRANSITION B10→D13 RETIRED]"; status != 200 || fmt.Sprint(got) != want {
		t.Fatalf("import: %d %v, want %s; errors %+v", status, got, want, a.Errors)
	}
	d := admin.gqlData(`{ role(code: "D18") { title requiredSkills { skill { code } level { value } } transitionsTo { from { code } description } } }`, nil)
	if fmt.Sprint(d["role"]) != "map[requiredSkills:[map[level:map[value:3] skill:map[code:B.1]]] title:Ingénieur ou ingénieure de la donnée transitionsTo:[map[description:Vers l’ingénierie des données. from:map[code:D06]]]]" {
		t.Errorf("D18 after the import: %v", d["role"])
	}
	if n := countAudit(t, path, "CATALOGUE_IMPORTED"); n != 1 {
		t.Errorf("%d imports audited, want 1", n)
	}
	// Importing the same file again changes nothing.
	if status, a = postCatalogue(t, admin, "text/csv", []byte(csvFile), ""); status != 200 || len(a.Changes) != 0 {
		t.Errorf("second import: %d %+v", status, a.Changes)
	}
}

// TestCatalogueImportRefusedWhole sends hostile and broken files: each is refused whole
// — the catalogue stays as it was — with the line and the reason in French.
func TestCatalogueImportRefusedWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "import.db")
	base := MustServeDevWith(t, "-db", path)
	admin := signedIn(t, base, "persona-admin")
	before := withoutDate(exportCatalogue(t, admin, "json"))
	header := strings.Join(api.CatalogueCSVHeader, ";") + "\r\n"
	role := "Métier;X01;Rôle d’essai;DIGITAL;;;non;;;;;;;;;\r\n" // line 2 when first
	skill := func(fw, code, level string) string {
		return "Compétence requise;X01;;;;;;" + fw + ";" + code + ";" + level + ";2;;;;;\r\n"
	}
	huge := header + strings.Repeat(role, 1+(2<<20)/len(role))
	for _, c := range []struct {
		name, contentType, body string
		wantStatus              int
		want                    []string // each in one of the answer's messages
	}{
		{"WrongColumnCount", "text/csv", header + role + "Métier;X02;Autre;DIGITAL\r\n", 422, []string{"ligne 3 : la ligne a 4 colonnes, pour 16 dans l’en-tête"}},
		{"UnknownSkill", "text/csv", header + role + skill("ecf", "B.9", "2"), 422, []string{"ligne 3 : la compétence « B.9 » n’existe pas dans le référentiel ecf"}},
		{"UnknownFramework", "text/csv", header + role + skill("itil", "B.1", "2"), 422, []string{"ligne 3 : le référentiel « itil » n’existe pas"}},
		{"LevelOutOfScale", "text/csv", header + role + skill("ecf", "B.1", "6"), 422, []string{"ligne 3 : le niveau 6 n’est pas défini pour la compétence B.1 du référentiel ecf"}},
		{"LevelNotANumber", "text/csv", header + role + skill("ecf", "B.1", "trois"), 422, []string{"ligne 3 : le niveau « trois » n’est pas un nombre entier"}},
		{"DuplicateCode", "text/csv", header + role + strings.Replace(role, "Rôle d’essai", "Doublon", 1), 422, []string{"ligne 3 : le métier X01 est déjà décrit ligne 2"}},
		{"FormulaCell", "text/csv", header + strings.Replace(role, "Rôle d’essai", `"=HYPERLINK(""https://evil.example"";""clic"")"`, 1), 422,
			[]string{"ligne 2 : la cellule « Intitulé » commence par un signe qu’un tableur prendrait pour une formule"}},
		{"FullWidthFormula", "text/csv", header + strings.Replace(role, "Rôle d’essai", "＋cmd|' /C calc'!A0", 1), 422, []string{"ligne 2 : la cellule « Intitulé »"}},
		{"TransitionToUnknownRole", "text/csv", header + "Passerelle;;;;;;non;;;;;B05;Z99;CLOSE;6;\r\n", 422, []string{"ligne 2 : le métier « Z99 » n’existe ni dans le fichier ni dans le catalogue"}},
		{"TransitionToRetiredRole", "text/csv", header + "Métier;X01;Rôle d’essai;DIGITAL;;;oui;;;;;;;;;\r\nPasserelle;;;;;;non;;;;;B05;X01;CLOSE;6;\r\n", 422,
			[]string{"ligne 3 : le métier « X01 » est retiré du catalogue"}},
		{"UnknownKind", "text/csv", header + "Passerelle;;;;;;non;;;;;B05;D07;LATERAL;6;\r\n", 422, []string{"ligne 2 : le type de passerelle doit être CLOSE"}},
		{"SkillOfNoRole", "text/csv", header + skill("ecf", "B.1", "2"), 422, []string{"ligne 2 : la compétence requise nomme le métier « X01 »"}},
		{"UnknownRowType", "text/csv", header + "Formation;X01;;;;;non;;;;;;;;;\r\n", 422, []string{"ligne 2 : le type « Formation » est inconnu"}},
		{"MissingColumn", "text/csv", "Type;Code\r\nMétier;X01\r\n", 422, []string{"ligne 1 : la colonne « Intitulé » manque"}},
		{"SeveralErrors", "text/csv", header + role + skill("ecf", "B.1", "6") + skill("ecf", "B.9", "2"), 422,
			[]string{"ligne 3 : le niveau 6", "ligne 4 : la compétence « B.9 »"}},
		{"ValidLinesWithOneBad", "text/csv", header + role + skill("ecf", "B.1", "2") + "Passerelle;;;;;;non;;;;;B05;D06;CLOSE;999;\r\n", 422,
			[]string{"ligne 4 : la durée typique d’une passerelle va de 0 à 120 mois"}},
		{"BadQuote", "text/csv", header + "Métier;X01;\"Rôle \"d’essai;DIGITAL;;;non;;;;;;;;;\r\n", 422, []string{"ligne 2 : le fichier CSV est mal formé"}},
		{"BadUTF8", "text/csv", header + "Métier;X01;R\xe9le;DIGITAL;;;non;;;;;;;;;\r\n", 400, []string{"n’est pas en UTF-8 (ligne 2)"}},
		{"HugeFile", "text/csv", huge, 413, []string{"dépasse 2 Mio"}},
		{"Empty", "text/csv", "", 400, []string{"Le fichier est vide"}},
		{"JSONUnknownLevel", "application/json", "{\n  \"version\": 1,\n  \"roles\": [\n    {\"code\": \"X01\", \"title\": \"Essai\", \"family\": \"DIGITAL\", \"description\": \"\", \"romeCode\": \"\", \"retired\": false,\n" +
			"     \"requiredSkills\": [{\"framework\": \"ecf\", \"skill\": \"B.1\", \"level\": 6, \"weight\": 1}]}\n  ]\n}", 422,
			[]string{"ligne 4 : le niveau 6 n’est pas défini pour la compétence B.1"}},
		{"JSONDuplicateCode", "application/json", "{\"roles\": [\n{\"code\": \"X01\", \"title\": \"A\", \"family\": \"DIGITAL\", \"description\": \"\", \"romeCode\": \"\", \"retired\": false, \"requiredSkills\": []},\n" +
			"{\"code\": \"X01\", \"title\": \"B\", \"family\": \"DIGITAL\", \"description\": \"\", \"romeCode\": \"\", \"retired\": false, \"requiredSkills\": []}]}", 422,
			[]string{"ligne 3 : le métier X01 est déjà décrit ligne 2"}},
		{"JSONUnknownKey", "application/json", "{\"roles\": [\n{\"code\": \"X01\", \"titre\": \"A\"}]}", 400, []string{"clé inconnue titre"}},
		{"JSONBroken", "application/json", "{\"roles\": [\n{\"code\": \"X01\",,}]}", 400, []string{"n’est pas un JSON valide (ligne 2)"}},
		{"JSONWrongType", "application/json", "{\"roles\": [\n{\"code\": 12}]}", 400, []string{"mauvais type"}},
		{"JSONMissingKey", "application/json", "{\"roles\": [\n{\"code\": \"B05\", \"title\": \"A\", \"family\": \"BUSINESS\", \"description\": \"\", \"romeCode\": \"\", \"retired\": false}]}", 400,
			[]string{"ligne 2 : la clé « requiredSkills » manque"}},
		{"JSONOtherVersion", "application/json", `{"version": 2}`, 400, []string{"format 2"}},
		{"OtherContentType", "text/plain", "Type;Code", 415, []string{"JSON (application/json) ou en CSV (text/csv)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, a := postCatalogue(t, admin, c.contentType, []byte(c.body), "")
			if status != c.wantStatus {
				t.Fatalf("status %d, want %d: %+v", status, c.wantStatus, a)
			}
			all := a.Error
			for _, e := range a.Errors {
				all += "\n" + e.Message
			}
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("answer %q lacks %q", all, w)
				}
			}
			if strings.Contains(all, "'") {
				t.Errorf("a straight apostrophe in %q", all)
			}
		})
	}
	if after := withoutDate(exportCatalogue(t, admin, "json")); after != before {
		t.Error("a refused import changed the catalogue")
	}
	if n := countAudit(t, path, "CATALOGUE_IMPORTED"); n != 0 {
		t.Errorf("%d imports audited, want 0", n)
	}
}

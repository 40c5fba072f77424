package devidp

import (
	"bytes"
	"errors"
	"html/template"
	"net/http"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// bindingCookie ties an authorization request to the browser that displayed its sign-in
// page (see storage.bindBrowser).
const bindingCookie = "devidp_login"

// loginPage shows the personas for the authorization request in ?id=, which op redirects
// to after validating the request.
func (s *server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.setPageHeaders(w)
	binding := ""
	if c, err := r.Cookie(bindingCookie); err == nil && len(c.Value) >= 32 && len(c.Value) <= 128 {
		// Kept across requests, so that two tabs signing in at once do not unbind each other.
		binding = c.Value
	} else {
		binding = randomID()
	}
	id := r.URL.Query().Get("id")
	if err := s.store.bindBrowser(id, binding); err != nil {
		s.renderRequestError(w, err)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name:     bindingCookie,
		Value:    binding,
		Path:     s.prefix + pathLogin,
		MaxAge:   int(authRequestLifetime.Seconds()),
		HttpOnly: true,
		Secure:   s.secure,
		SameSite: http.SameSiteStrictMode,
	})
	type personaView struct{ Subject, Name, Label string }
	views := make([]personaView, len(s.personas))
	for i, p := range s.personas {
		views[i] = personaView{Subject: p.Subject, Name: p.fullName(), Label: p.Label}
	}
	s.render(w, http.StatusOK, loginTemplate, struct {
		Action   string
		ID       string
		Personas []personaView
	}{Action: s.prefix + pathLogin, ID: id, Personas: views})
}

// login completes the authorization request named in the form, as the persona chosen, and
// redirects to the relying party with the code; or, for "Annuler", with access_denied. The
// form must come from this origin (Sec-Fetch-Site/Origin, checked before) and from the
// browser the page was shown to (the binding cookie).
func (s *server) login(w http.ResponseWriter, r *http.Request) {
	s.setPageHeaders(w)
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.renderMessage(w, http.StatusBadRequest, "Formulaire illisible", "Le formulaire de connexion n’a pas pu être lu. Retournez à l’application et recommencez.")
		return
	}
	id := r.PostForm.Get("id")
	binding := ""
	if c, err := r.Cookie(bindingCookie); err == nil {
		binding = c.Value
	}
	if r.PostForm.Has("cancel") {
		ar, err := s.store.cancel(id, binding)
		if err != nil {
			s.renderRequestError(w, err)
			return
		}
		s.logger.Info("devidp: sign-in cancelled", "client_id", ar.clientID)
		// error_description allows ASCII only (RFC 6749 §4.1.2.1).
		op.AuthRequestError(w, r, ar, oidc.ErrAccessDenied().WithDescription("the sign-in was cancelled"), s.op)
		return
	}
	ar, err := s.store.complete(id, binding, r.PostForm.Get("persona"))
	if err != nil {
		s.renderRequestError(w, err)
		return
	}
	// Demo personas only: their subjects are not personal data.
	s.logger.Info("devidp: signed in", "persona", ar.subject, "client_id", ar.clientID)
	op.AuthResponse(ar, s.op, w, r)
}

// loggedOut is where end_session sends the browser when the relying party names no
// registered post_logout_redirect_uri.
func (s *server) loggedOut(w http.ResponseWriter, _ *http.Request) {
	s.setPageHeaders(w)
	s.renderMessage(w, http.StatusOK, "Vous êtes déconnecté",
		"Vous avez quitté la session de démonstration. Vous pouvez fermer cet onglet ou retourner à l’application.")
}

// renderRequestError explains, in French, why an authorization request cannot go on.
func (s *server) renderRequestError(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, errNotFound):
		s.renderMessage(w, http.StatusBadRequest, "Demande de connexion expirée",
			"Cette demande de connexion est introuvable ou a expiré : elle vaut dix minutes. Retournez à l’application et relancez la connexion.")
	case errors.Is(err, errAlreadyDone):
		s.renderMessage(w, http.StatusBadRequest, "Demande de connexion déjà utilisée",
			"Cette demande de connexion a déjà servi. Retournez à l’application et relancez la connexion.")
	case errors.Is(err, errBrowserMismatch):
		s.renderMessage(w, http.StatusForbidden, "Demande refusée",
			"Cette demande de connexion a été ouverte dans un autre navigateur, ou ses cookies sont bloqués. Relancez la connexion depuis l’application.")
	case errors.Is(err, errUnknownPersona):
		s.renderMessage(w, http.StatusBadRequest, "Personne inconnue",
			"La personne choisie n’existe pas. Revenez à la page de connexion et choisissez une des personnes proposées.")
	default:
		s.logger.Error("devidp: sign-in page", "error", err)
		s.renderMessage(w, http.StatusInternalServerError, "Erreur interne",
			"Une erreur interne a empêché la connexion. Réessayez dans un instant.")
	}
}

// setPageHeaders protects the provider's HTML pages: no script at all, no framing, no
// caching, and forms that may only reach this origin and the relying party's callback.
func (s *server) setPageHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action "+s.formAction+"; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
}

func (s *server) renderMessage(w http.ResponseWriter, status int, title, message string) {
	s.render(w, status, messageTemplate, struct{ Title, Message string }{title, message})
}

func (s *server) render(w http.ResponseWriter, status int, t *template.Template, data any) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		s.logger.Error("devidp: render page", "error", err)
		http.Error(w, "Erreur interne", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// pageLayout is shared by the pages: French, one main landmark, a visible focus ring, colours
// of the État's design system with contrasts above 7:1.
const pageLayout = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{block "title" .}}{{end}}</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.5;color:#161616;background:#fff}
main{max-width:40rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 1rem}
.avertissement{margin:0 0 1.5rem;padding:.75rem 1rem;border-left:4px solid #b34000;background:#fff4f3}
fieldset{margin:0 0 1.5rem;padding:0;border:0}
legend{margin-bottom:.5rem;padding:0;font-size:1.25rem;font-weight:700}
ul{margin:0;padding:0;list-style:none}
li{margin:0 0 .75rem}
button{width:100%;padding:.75rem 1rem;font:inherit;text-align:left;color:#fff;background:#000091;border:2px solid #000091;border-radius:.25rem;cursor:pointer}
button:hover{background:#1212ff;border-color:#1212ff}
button:focus-visible{outline:3px solid #000091;outline-offset:3px}
.nom{display:block;font-weight:700}
.libelle{display:block}
button.annuler{width:auto;color:#000091;background:#fff}
button.annuler:hover{background:#e3e3fd}
</style>
</head>
<body>
<main>
{{block "content" .}}{{end}}
</main>
</body>
</html>
`

var loginTemplate = template.Must(template.Must(template.New("login").Parse(pageLayout)).Parse(`
{{define "title"}}Connexion de démonstration — Passerelles{{end}}
{{define "content"}}<h1>Connexion de démonstration</h1>
<p class="avertissement">Ce fournisseur d’identité n’existe qu’en développement&nbsp;: il remplace ProConnect sur votre poste et ne vérifie aucune identité.</p>
<form method="post" action="{{.Action}}">
<input type="hidden" name="id" value="{{.ID}}">
<fieldset>
<legend>Se connecter à Passerelles en tant que</legend>
<ul>
{{range .Personas}}<li><button type="submit" name="persona" value="{{.Subject}}"><span class="nom">{{.Name}}</span> <span class="libelle">{{.Label}}</span></button></li>
{{end}}</ul>
</fieldset>
</form>
<form method="post" action="{{.Action}}">
<input type="hidden" name="id" value="{{.ID}}">
<button type="submit" name="cancel" value="1" class="annuler">Annuler</button>
</form>
{{end}}`))

var messageTemplate = template.Must(template.Must(template.New("message").Parse(pageLayout)).Parse(`
{{define "title"}}{{.Title}} — Connexion de démonstration — Passerelles{{end}}
{{define "content"}}<h1>{{.Title}}</h1>
<p>{{.Message}}</p>
{{end}}`))

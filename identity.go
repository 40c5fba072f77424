package passerelles

// Identity is what an OpenID provider asserts about a person at sign-in (ProConnect
// claims). Agents are keyed by (Issuer, Subject), never by email.
type Identity struct {
	Issuer            string
	Subject           string
	GivenName         string
	UsualName         string // usual_name, else family_name
	Email             string
	UID               string
	Siret             string
	IdpID             string
	OrganizationLabel string
	Roles             []string // ProConnect "roles" claim (agent_public …)
}

// Validate returns EINVALID when the identity lacks its issuer or subject, or a claim is
// too long to be plausible.
func (id *Identity) Validate() error {
	for _, f := range []struct {
		what  string
		v     *string
		max   int
		flags TextFlag
	}{
		{"L’émetteur de l’identité", &id.Issuer, 500, TextRequired | TextVerbatim},
		{"L’identifiant (sub)", &id.Subject, 255, TextRequired | TextVerbatim},
		{"Le prénom", &id.GivenName, 100, TextFromProvider}, {"Le nom", &id.UsualName, 100, TextFromProvider},
		{"L’adresse électronique", &id.Email, 254, TextFromProvider}, {"L’identifiant uid", &id.UID, 255, TextFromProvider},
		{"Le SIRET", &id.Siret, 20, TextFromProvider}, {"L’identifiant du fournisseur", &id.IdpID, 255, TextFromProvider},
		{"Le libellé de l’organisation", &id.OrganizationLabel, 300, TextFromProvider},
	} {
		if err := ValidateText(f.what, f.v, f.max, f.flags); err != nil {
			return err
		}
	}
	return nil
}

package notify

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"passerelles"
)

// Paths of the SPA that the emails link to: the page of an event, and the notifications
// page with its preferences (where one stops the emails: the unsubscribe link).
const (
	EventPath       = "/evenements/"
	PreferencesPath = "/notifications"
)

var frenchWeekdays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}

var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
	"septembre", "octobre", "novembre", "décembre"}

// FrenchDateTime writes t as a person in France reads it, Paris time: « lundi 2 mars 2026
// à 09:00 ».
func FrenchDateTime(t time.Time) string {
	l := t.In(passerelles.NotificationLocation())
	day := strconv.Itoa(l.Day())
	if l.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %s %d à %02d:%02d", frenchWeekdays[l.Weekday()], day, frenchMonths[l.Month()-1], l.Year(), l.Hour(), l.Minute())
}

// line is one notification as an email tells it.
type line struct {
	Label    string // what happened
	Title    string // the event's title, "" when none
	When     string // when the event starts, as « le … » or, cancelled, « qui devait avoir lieu le … »; "" when none
	EventURL string
}

type content struct {
	GivenName      string
	Intro          string
	Lines          []line
	AppURL         string
	PreferencesURL string
	Reason         string
}

// Compose writes the email of pe: one notification, or several (those that waited for
// the end of quiet hours, or the weekly digest), in French, as plain text and HTML. It
// says nothing the agent does not already see in the app: their given name, and of each
// event its title and start. baseURL is the service's public URL.
func Compose(pe *passerelles.PendingEmail, baseURL string, now time.Time) *Message {
	baseURL = strings.TrimSuffix(baseURL, "/")
	digest := pe.Preferences.Delivery == passerelles.DeliveryWeeklyDigest
	c := content{GivenName: pe.GivenName, AppURL: baseURL + PreferencesPath, PreferencesURL: baseURL + PreferencesPath + "#preferences"}
	for _, n := range pe.Notifications {
		l := line{Label: n.Kind.Label()}
		if n.Event != nil {
			// « annulé …, le lundi 2 mars » would read as the day of the cancellation.
			l.Title, l.When = n.Event.Title, "le "+FrenchDateTime(n.Event.StartsAt)
			if n.Kind == passerelles.NotifyEventCancelled {
				l.When = "qui devait avoir lieu le " + FrenchDateTime(n.Event.StartsAt)
			}
			l.EventURL = baseURL + EventPath + url.PathEscape(strconv.FormatInt(n.Event.ID, 10))
		}
		c.Lines = append(c.Lines, l)
	}
	var subject string
	switch {
	case digest:
		subject = fmt.Sprintf("Passerelles : votre résumé de la semaine (%s)", plural(len(c.Lines), "notification", "notifications"))
		c.Intro = "Voici ce qui s’est passé cette semaine pour vos inscriptions aux événements :"
		c.Reason = "Vous recevez ce résumé chaque semaine parce que vous l’avez choisi dans vos préférences de notification."
	case len(c.Lines) == 1 && c.Lines[0].Title != "":
		subject = fmt.Sprintf("%s : « %s »", c.Lines[0].Label, c.Lines[0].Title)
		c.Intro = "Du nouveau pour un événement de Passerelles :"
		c.Reason = "Vous recevez ce courriel parce que vos préférences de notification demandent un envoi au fil de l’eau."
	default:
		subject = fmt.Sprintf("Passerelles : %s", plural(len(c.Lines), "nouvelle notification", "nouvelles notifications"))
		c.Intro = "Du nouveau pour vos événements de Passerelles :"
		c.Reason = "Vous recevez ce courriel parce que vos préférences de notification demandent un envoi au fil de l’eau."
	}
	var text strings.Builder
	fmt.Fprintf(&text, "Bonjour %s,\n\n%s\n\n", c.GivenName, c.Intro)
	for _, l := range c.Lines {
		if l.Title == "" {
			fmt.Fprintf(&text, "- %s.\n\n", l.Label)
			continue
		}
		fmt.Fprintf(&text, "- %s : « %s », %s (heure de Paris).\n  %s\n\n", l.Label, l.Title, l.When, l.EventURL)
	}
	fmt.Fprintf(&text, "Retrouvez toutes vos notifications sur Passerelles : %s\n\n-- \n%s\nPour ne plus recevoir de courriels, ou les recevoir en un résumé par semaine, changez vos préférences : %s\n",
		c.AppURL, c.Reason, c.PreferencesURL)
	var html bytes.Buffer
	if err := htmlBody.Execute(&html, c); err != nil {
		html.Reset() // a template of our own over strings: cannot fail; the text part stays
	}
	first, last := pe.Notifications[0].ID, pe.Notifications[len(pe.Notifications)-1].ID
	host := "passerelles"
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return &Message{To: pe.Email, Subject: subject, Text: text.String(), HTML: html.String(),
		// The same notifications give the same id: a copy sent again after a crash between
		// the SMTP server's acceptance and the mark is recognisable as the same message.
		MessageID:   fmt.Sprintf("notifications.%d.%d-%d.%d@%s", pe.AgentID, first, last, len(pe.Notifications), host),
		Unsubscribe: c.PreferencesURL, Date: now}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// htmlBody is the HTML part: the same as the text, escaped by html/template (an event's
// title is text an animator typed).
var htmlBody = htmltemplate.Must(htmltemplate.New("email").Parse(`<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Passerelles</title></head>
<body style="font-family: Marianne, Arial, sans-serif; color: #161616; line-height: 1.5;">
<p>Bonjour {{.GivenName}},</p>
<p>{{.Intro}}</p>
<ul>
{{- range .Lines}}
<li>{{if .Title}}{{.Label}} : <a href="{{.EventURL}}">« {{.Title}} »</a>, {{.When}} (heure de Paris).{{else}}{{.Label}}.{{end}}</li>
{{- end}}
</ul>
<p><a href="{{.AppURL}}">Retrouvez toutes vos notifications sur Passerelles</a>.</p>
<hr>
<p style="font-size: 0.875em; color: #666;">{{.Reason}} Pour ne plus recevoir de courriels, ou les recevoir en un résumé par semaine, <a href="{{.PreferencesURL}}">changez vos préférences</a>.</p>
</body>
</html>
`))

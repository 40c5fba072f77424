package api

import (
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"passerelles"
	"passerelles/server/web"
)

// ParticipantsCSVHeader is the header row of the participants export.
var ParticipantsCSVHeader = []string{"Nom", "Prénom", "Courriel", "Organisation", "Statut", "Rang en liste d’attente", "Inscription", "Présence"}

// ParticipantsCSVHandler serves GET /exports/events/{id}/participants.csv: the event's
// registered agents, then its waitlist, for its animators and administrators
// (EventService.ExportParticipants decides who).
//
// The file is written by CSVWriter (byte order mark, semicolons, CRLF, RFC 4180 quotes),
// every cell through CSVCell, so that a name typed as a formula is shown, never run.
func ParticipantsCSVHandler(events passerelles.EventService, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || id <= 0 {
			writeExportError(w, r, logger, passerelles.Errorf(passerelles.ENOTFOUND, "Cet événement n’existe pas."))
			return
		}
		e, regs, err := events.ExportParticipants(r.Context(), id)
		if err != nil {
			writeExportError(w, r, logger, err)
			return
		}
		loc, err := time.LoadLocation(e.TimeZone)
		if err != nil {
			loc = time.UTC
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="participants-evenement-`+strconv.FormatInt(e.ID, 10)+`.csv"`)
		w.Header().Set("Cache-Control", "no-store")
		cw, err := NewCSVWriter(w)
		if err != nil {
			logger.Error("participants export: write", "request_id", web.RequestIDFrom(r.Context()), "error", err)
			return
		}
		_ = cw.Write(ParticipantsCSVHeader)
		for _, reg := range regs {
			status, rank := "Place réservée", ""
			if reg.Status == passerelles.RegistrationWaitlisted {
				status, rank = "Liste d’attente", strconv.Itoa(reg.WaitlistPosition)
			}
			attended := ""
			if reg.Attended != nil {
				attended = "Non"
				if *reg.Attended {
					attended = "Oui"
				}
			}
			_ = cw.Write([]string{reg.UsualName, reg.GivenName, reg.Email, reg.OrganisationLabel, status, rank,
				reg.RegisteredAt.In(loc).Format("02/01/2006 15:04"), attended})
		}
		if err := cw.Flush(); err != nil {
			logger.Error("participants export: write", "request_id", web.RequestIDFrom(r.Context()), "error", err)
		}
	})
}

// writeExportError answers a refused or failed export as JSON with its status.
func writeExportError(w http.ResponseWriter, r *http.Request, logger *slog.Logger, err error) {
	status := http.StatusInternalServerError
	switch passerelles.ErrorCode(err) {
	case passerelles.EUNAUTHENTICATED:
		status = http.StatusUnauthorized
	case passerelles.EFORBIDDEN:
		status = http.StatusForbidden
	case passerelles.ENOTFOUND:
		status = http.StatusNotFound
	default:
		logger.Error("export: failed", "request_id", web.RequestIDFrom(r.Context()), "error", err)
	}
	web.WriteJSON(w, status, map[string]any{"error": passerelles.ErrorMessage(err), "code": passerelles.ErrorCode(err),
		"requestId": web.RequestIDFrom(r.Context())})
}

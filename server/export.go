package main

import (
	"encoding/json"
	"net/http"
	"time"

	"passerelles"
)

// exportMyData serves GET /me/export.json: everything stored about the signed-in agent, as
// a JSON file to download (GDPR right of access and portability).
func (a *App) exportMyData(w http.ResponseWriter, r *http.Request) {
	x, err := a.svc.Profiles.ExportMyData(r.Context())
	if err != nil {
		status := http.StatusInternalServerError
		switch passerelles.ErrorCode(err) {
		case passerelles.EUNAUTHENTICATED:
			status = http.StatusUnauthorized
		case passerelles.ENOTFOUND:
			status = http.StatusNotFound
		default:
			a.logger.Error("export: failed", "request_id", requestIDFrom(r.Context()), "error", err)
		}
		writeJSON(w, status, map[string]any{"error": passerelles.ErrorMessage(err), "code": passerelles.ErrorCode(err),
			"requestId": requestIDFrom(r.Context())})
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="passerelles-mes-donnees-`+time.Now().Format("2006-01-02")+`.json"`)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(x)
}

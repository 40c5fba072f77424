package api

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"passerelles"
	"passerelles/server/web"
)

// ExportHandler serves GET /me/export.json: everything stored about the signed-in agent, as
// a JSON file to download (GDPR right of access and portability).
func ExportHandler(profiles passerelles.ProfileService, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		x, err := profiles.ExportMyData(r.Context())
		if err != nil {
			status := http.StatusInternalServerError
			switch passerelles.ErrorCode(err) {
			case passerelles.EUNAUTHENTICATED:
				status = http.StatusUnauthorized
			case passerelles.ENOTFOUND:
				status = http.StatusNotFound
			default:
				logger.Error("export: failed", "request_id", web.RequestIDFrom(r.Context()), "error", err)
			}
			web.WriteJSON(w, status, map[string]any{"error": passerelles.ErrorMessage(err), "code": passerelles.ErrorCode(err),
				"requestId": web.RequestIDFrom(r.Context())})
			return
		}
		w.Header().Set("Content-Disposition", `attachment; filename="passerelles-mes-donnees-`+time.Now().Format("2006-01-02")+`.json"`)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(x)
	})
}

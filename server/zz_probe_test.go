package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"passerelles"
)

func BenchmarkZZTalentHandler(b *testing.B) {
	h, _ := benchGraphQL100k(b)
	viewer := &passerelles.User{AgentID: 1, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}}
	body := gqlBody(b, talentBenchQuery, map[string]any{"f": map[string]any{"required": []any{map[string]any{"skillId": "3", "minLevel": 3}}}})
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req.WithContext(passerelles.NewContextWithUser(req.Context(), viewer)))
		if rec.Code != 200 || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
			b.Fatalf("%d %.300s", rec.Code, rec.Body.String())
		}
	}
}

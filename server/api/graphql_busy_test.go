package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"passerelles/server/web"
)

// busyHandler returns a GraphQL handler with one execution slot, served behind the
// request log (which gives each request its id) on a test server.
func busyHandler(tb testing.TB) (*GraphQLHandler, *httptest.Server) {
	tb.Helper()
	s := costTestSchema(tb)
	h, err := NewGraphQLHandler(*s, nil, slog.New(slog.DiscardHandler), GraphQLOptions{ReferentialSizes: costTestReferentialSizes(tb)})
	if err != nil {
		tb.Fatal(err)
	}
	h.slots = make(chan struct{}, 1)
	srv := httptest.NewServer(web.WithRequestLog(slog.New(slog.DiscardHandler), h))
	tb.Cleanup(srv.Close)
	return h, srv
}

func busyBody(tb testing.TB, query string) []byte {
	tb.Helper()
	b, err := json.Marshal(map[string]string{"query": query})
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

type busyResponse struct {
	Status int
	Header http.Header
	Errors []graphQLError
}

// busyPost posts body to srv; it is safe to call from several goroutines (it reports
// failures in the response's status, 0 when the request failed).
func busyPost(tb testing.TB, srv *httptest.Server, body []byte) busyResponse {
	res, err := srv.Client().Post(srv.URL, "application/json", bytes.NewReader(body))
	if err != nil {
		return busyResponse{}
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var r struct {
		Errors []graphQLError `json:"errors"`
	}
	_ = json.Unmarshal(b, &r)
	return busyResponse{Status: res.StatusCode, Header: res.Header, Errors: r.Errors}
}

// TestGraphQLBusy bounds the executions to one slot and holds it: a request that cannot
// get a slot before its time runs out is told to come back (503), and waiting requests
// go through once the slot is free.
func TestGraphQLBusy(t *testing.T) {
	t.Run("RefusedWhenNoSlotInTime", func(t *testing.T) {
		gql, srv := busyHandler(t)
		gql.timeout = 1 // the wait for a slot ends at once

		gql.slots <- struct{}{} // every slot taken
		res := busyPost(t, srv, busyBody(t, `{ __typename }`))
		if res.Status != http.StatusServiceUnavailable || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "INTERNAL" {
			t.Fatalf("status %d, errors %+v; want 503 INTERNAL", res.Status, res.Errors)
		}
		if got, want := res.Errors[0].Message, "Le service est très sollicité, réessayez dans un instant."; got != want {
			t.Errorf("message = %q, want %q", got, want)
		}
		if got, want := res.Header.Get("Retry-After"), "1"; got != want {
			t.Errorf("Retry-After = %q, want %q", got, want)
		}
		if got, want := res.Errors[0].Extensions["requestId"], res.Header.Get("X-Request-Id"); got != want {
			t.Errorf("requestId = %v, want %q", got, want)
		}
		<-gql.slots
	})

	t.Run("RefusedWhenTheRequestEnds", func(t *testing.T) {
		gql, srv := busyHandler(t)
		h := srv.Config.Handler
		gql.slots <- struct{}{}
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // the client has gone
		req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(busyBody(t, "{ __typename }")))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if got, want := rec.Code, http.StatusServiceUnavailable; got != want {
			t.Errorf("status = %d, want %d; body %s", got, want, rec.Body)
		}
		<-gql.slots
		// With the slot free, the same ended request is served: a free slot wins.
		rec = httptest.NewRecorder()
		req = httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(busyBody(t, "{ __typename }")))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		if got, want := rec.Code, http.StatusOK; got != want {
			t.Errorf("with a free slot: status = %d, want %d; body %s", got, want, rec.Body)
		}
	})

	t.Run("WaitersServedWhenTheSlotFrees", func(t *testing.T) {
		gql, srv := busyHandler(t)

		gql.slots <- struct{}{}
		const waiters = 8
		results := make(chan error, waiters)
		good := busyBody(t, `{ __typename }`)
		cyclic := busyBody(t, `{ ...A } fragment A on Query { ...A }`) // refused while holding a slot, which it gives back
		for i := range waiters {
			go func() {
				body := good
				if i%2 == 1 {
					body = cyclic
				}
				res := busyPost(t, srv, body)
				switch {
				case i%2 == 0 && res.Status != http.StatusOK:
					results <- fmt.Errorf("waiter %d: status %d, errors %+v", i, res.Status, res.Errors)
				case i%2 == 1 && res.Status != http.StatusBadRequest:
					results <- fmt.Errorf("waiter %d: status %d, want 400", i, res.Status)
				default:
					results <- nil
				}
			}()
		}
		<-gql.slots // free the slot: the waiters go through one at a time
		for range waiters {
			if err := <-results; err != nil {
				t.Error(err)
			}
		}
		if got := gql.Busy(); got != 0 {
			t.Errorf("%d slots still taken", got)
		}
	})
}

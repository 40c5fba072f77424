package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
)

// TestServeGracefulShutdown runs the real server on a free port, talks to it, then ends
// its context: serve must stop cleanly (nil) and release the port.
func TestServeGracefulShutdown(t *testing.T) {
	cfg := MustTestConfig(t)
	logs := &testLogBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string)
	errc := make(chan error, 1)
	go func() { errc <- serve(ctx, cfg, slog.New(slog.NewTextHandler(logs, nil)), ready) }()

	var addr string
	select {
	case addr = <-ready:
	case err := <-errc:
		t.Fatalf("serve returned before listening: %v", err)
	}
	if host, port, err := net.SplitHostPort(addr); err != nil || host != "127.0.0.1" || port == "0" {
		t.Fatalf("listening address = %q, want 127.0.0.1 and the port chosen by the system", addr)
	}

	// A keep-alive client: its idle connection must not hold the shutdown.
	client := &http.Client{}
	res, err := client.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(`{"query":"{ frameworks { totalCount } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !bytes.Contains(body, []byte(`"totalCount":2`)) {
		t.Fatalf("POST /graphql: status %d, body %.200s", res.StatusCode, body)
	}
	res, err = client.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /readyz: status %d", res.StatusCode)
	}

	cancel()
	if err := <-errc; err != nil {
		t.Fatalf("serve after cancel = %v, want nil", err)
	}
	if conn, err := net.Dial("tcp", addr); err == nil {
		conn.Close()
		t.Errorf("port %s still accepts connections after shutdown", addr)
	}
	if l := logs.String(); !strings.Contains(l, "stopped") {
		t.Errorf("log does not say the server stopped:\n%s", l)
	}
}

func TestServeListenError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cfg := MustTestConfig(t)
	cfg.Addr = ln.Addr().String() // taken
	cfg.DemoAgents = 0
	err = serve(context.Background(), cfg, slog.New(slog.DiscardHandler), nil)
	if err == nil || !strings.Contains(err.Error(), "listen on "+cfg.Addr) {
		t.Errorf("serve on a taken port = %v, want a listen error naming the address", err)
	}
}

func TestRun(t *testing.T) {
	for _, c := range []struct {
		name    string
		args    []string
		wantErr string
	}{
		{name: "UnknownCommand", args: []string{"deploy"}, wantErr: `unknown command "deploy"`},
		{name: "BadConfiguration", args: []string{"serve", "-env", "staging"}, wantErr: "configuration:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			clearServeEnv(t)
			var stderr bytes.Buffer
			err := run(context.Background(), c.args, io.Discard, &stderr)
			if err == nil || !strings.Contains(err.Error(), c.wantErr) || errors.Is(err, flag.ErrHelp) {
				t.Errorf("run(%q) = %v, want an error containing %q", c.args, err, c.wantErr)
			}
		})
	}
}

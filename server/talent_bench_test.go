package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"passerelles"
	"passerelles/sqlite"
)

// The talent search benchmarks (`make bench`; `make bench-1m` over 1 000 000 agents) run
// every shape of search in the same run two ways: in process (the domain service, no HTTP
// nor GraphQL) and through HTTP + GraphQL against the real server with a manager signed in
// through the embedded provider, each with 1 client and with 8; they report p50, p95 and
// p99 latencies and throughput, then print the table with the ratio of the two ways and the
// server's RSS (the HTTP way runs the real binary as its own process, so that its memory is
// measured alone). Both ways search as a manager, so both record the search in the audit log.

// talentBenchAgents is the size of the benchmark database: 100 000, or
// PASSERELLES_BENCH_AGENTS (make bench-1m).
func talentBenchAgents() int {
	if n, err := strconv.Atoi(os.Getenv("PASSERELLES_BENCH_AGENTS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// talentBenchShape is one shape of search, its filter as GraphQL variables and as the
// domain's filter.
type talentBenchShape struct {
	name   string
	vars   map[string]any
	filter passerelles.TalentFilter
	facets bool
}

// spaTalentDocument returns the document the SPA's talent search page sends (the query
// SearchTalent and the fragment of one result, read from the front end's source), so that
// the benchmark measures what the page asks for.
func spaTalentDocument(b *testing.B) string {
	b.Helper()
	src, err := os.ReadFile(filepath.Join("..", "frontend", "src", "talent", "talentQuery.ts"))
	if err != nil {
		b.Fatal(err)
	}
	var doc []string
	for _, block := range regexp.MustCompile("(?s)graphql\\(`(.*?)`\\)").FindAllStringSubmatch(string(src), -1) {
		if strings.Contains(block[1], "query SearchTalent(") || strings.Contains(block[1], "fragment TalentResultFields ") {
			doc = append(doc, block[1])
		}
	}
	if len(doc) != 2 {
		b.Fatalf("%d of the talent page's documents found in talentQuery.ts, want the query and its fragment", len(doc))
	}
	return strings.Join(doc, "\n")
}

// talentBenchShapes builds the shapes over the skills and regions of the database.
func talentBenchShapes(b *testing.B, raw *sql.DB) []talentBenchShape {
	b.Helper()
	id := func(q string, args ...any) int64 {
		var v int64
		if err := raw.QueryRow(q, args...).Scan(&v); err != nil {
			b.Fatal(err)
		}
		return v
	}
	skill := func(fw, code string) int64 {
		return id(`SELECT s.id FROM skills s JOIN frameworks f ON f.id = s.framework_id WHERE f.code = ? AND s.code = ?`, fw, code)
	}
	p11, p21, p31, p13 := skill("pix", "1.1"), skill("pix", "2.1"), skill("pix", "3.1"), skill("pix", "1.3")
	region := id(`SELECT region_id FROM agents WHERE region_id IS NOT NULL GROUP BY region_id ORDER BY COUNT(*) DESC LIMIT 1`)
	sk := func(s int64, min int, validated bool) (map[string]any, passerelles.TalentSkill) {
		return map[string]any{"skillId": strconv.FormatInt(s, 10), "minLevel": min, "validatedOnly": validated},
			passerelles.TalentSkill{SkillID: s, MinLevel: min, ValidatedOnly: validated}
	}
	shape := func(name string, skills [][2]int64, validated bool, regionID int64, text string, facets bool) talentBenchShape {
		s := talentBenchShape{name: name, facets: facets, vars: map[string]any{}}
		var req []any
		for _, x := range skills {
			v, d := sk(x[0], int(x[1]), validated)
			req = append(req, v)
			s.filter.Required = append(s.filter.Required, d)
		}
		s.vars["required"] = req
		if regionID != 0 {
			s.vars["regionIds"] = []any{strconv.FormatInt(regionID, 10)}
			s.filter.RegionIDs = []int64{regionID}
		}
		if text != "" {
			s.vars["text"], s.filter.Text = text, text
		}
		return s
	}
	return []talentBenchShape{
		shape("1skill", [][2]int64{{p11, 4}}, false, 0, "", false),
		shape("2skills", [][2]int64{{p11, 3}, {p21, 3}}, false, 0, "", false),
		shape("3skills", [][2]int64{{p11, 3}, {p21, 3}, {p31, 2}}, false, 0, "", false),
		shape("2skills+region", [][2]int64{{p11, 3}, {p21, 3}}, false, region, "", false),
		shape("1skill+text", [][2]int64{{p13, 2}}, false, 0, "accessibilité numérique", false),
		shape("validatedOnly", [][2]int64{{p11, 3}}, true, 0, "", false),
		shape("2skills+facets", [][2]int64{{p11, 3}, {p21, 3}}, false, 0, "", true),
	}
}

// talentBenchResult is what one way, shape and number of clients measured.
type talentBenchResult struct {
	p50, p95, p99 time.Duration
	perSecond     float64
	cpu           time.Duration // CPU time of the measured process per search
}

// cpuTime returns the CPU time (user and system) a process has used so far, from
// /proc/<pid>/stat; 0 where /proc is missing. On a machine other work shares, latencies
// and throughput vary with its load, CPU time per search far less: the ratio of the two
// ways' CPU times tells what their throughputs would be on a machine of their own.
func cpuTime(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name (which may hold spaces, inside parentheses).
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100 // USER_HZ is 100 on Linux
}

// measureTalent runs op b.N times over clients goroutines and reports the latencies and
// the throughput.
func measureTalent(b *testing.B, clients, pid int, op func() error) talentBenchResult {
	cpu0 := cpuTime(pid)
	var mu sync.Mutex
	var lat []time.Duration
	b.ReportAllocs()
	start := time.Now()
	if clients == 1 {
		for b.Loop() {
			t := time.Now()
			if err := op(); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t))
		}
	} else {
		b.SetParallelism(max(1, clients/runtime.GOMAXPROCS(0)))
		b.RunParallel(func(pb *testing.PB) {
			var local []time.Duration
			for pb.Next() {
				t := time.Now()
				if err := op(); err != nil {
					b.Error(err)
					return
				}
				local = append(local, time.Since(t))
			}
			mu.Lock()
			lat = append(lat, local...)
			mu.Unlock()
		})
	}
	elapsed := time.Since(start)
	slices.Sort(lat)
	at := func(q float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(q*float64(len(lat))))]
	}
	r := talentBenchResult{p50: at(0.50), p95: at(0.95), p99: at(0.99), perSecond: float64(len(lat)) / elapsed.Seconds()}
	if len(lat) > 0 {
		r.cpu = (cpuTime(pid) - cpu0) / time.Duration(len(lat))
	}
	b.ReportMetric(float64(r.cpu.Microseconds())/1000, "cpu-ms/search")
	b.ReportMetric(float64(r.p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(r.p95.Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(r.p99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(r.perSecond, "searches/s")
	return r
}

// talentBenchDatabase returns a private copy of the demo database completed with what the
// demo data lacks and searches read: validated levels (about one declaration in seven),
// organisations hidden from, mobility wishes.
func talentBenchDatabase(b *testing.B) string {
	b.Helper()
	path := benchDatabase(b, talentBenchAgents())
	raw, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_busy_timeout=10000")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{
		`UPDATE agent_skills SET validated_level = MAX(1, level - (agent_id + skill_id) % 2), validated_at = updated_at
			WHERE (agent_id + 3 * skill_id) % 7 = 0`,
		`INSERT OR IGNORE INTO agent_hidden_organisations (agent_id, organisation_id)
			SELECT id, organisation_id FROM agents WHERE id % 20 = 0 AND organisation_id IS NOT NULL`,
		`INSERT OR IGNORE INTO agent_mobility_families (agent_id, family) SELECT id, 'DIGITAL' FROM agents WHERE open_to_mobility = 1 AND id % 2 = 0`,
	} {
		if _, err := raw.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	return path
}

// statusMB reads a memory figure of a process from /proc (VmRSS: resident now; VmHWM:
// the peak), in MB; 0 where /proc is missing.
func statusMB(pid int, field string) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field+":" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// startBenchServer builds the passerelles binary and serves the database at path with it,
// in development (the embedded provider signs the manager in), until the benchmark ends.
func startBenchServer(b *testing.B, path string) (string, *exec.Cmd) {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "passerelles")
	if out, err := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "-addr", addr, "-db", path, "-demo-agents", "0", "-log-level", "error")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	b.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		<-exited
	})
	base := "http://" + addr
	for deadline := time.Now().Add(10 * time.Minute); ; time.Sleep(200 * time.Millisecond) {
		// Ready, and sign-in too (the embedded provider is discovered after the start).
		ready := 0
		for _, route := range []string{"/readyz", "/auth/login?return_to=%2F"} {
			req, _ := http.NewRequest(http.MethodGet, base+route, nil)
			res, err := http.DefaultTransport.RoundTrip(req) // no redirect followed
			if err == nil {
				res.Body.Close()
				if res.StatusCode < 500 {
					ready++
				}
			}
		}
		if ready == 2 {
			return base, cmd
		}
		select {
		case err := <-exited:
			exited <- err // for the cleanup
			b.Fatalf("the server stopped: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			b.Fatal("the server did not get ready")
		}
	}
}

// BenchmarkTalentSearch measures every shape, in process and through HTTP + GraphQL,
// with 1 and 8 clients, in one run; it prints the table with the ratio and the RSS.
func BenchmarkTalentSearch(b *testing.B) {
	path := talentBenchDatabase(b)
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	shapes := talentBenchShapes(b, raw)
	raw.Close()
	results := map[string]talentBenchResult{}
	var mu sync.Mutex
	keep := func(key string, r talentBenchResult) {
		mu.Lock()
		results[key] = r
		mu.Unlock()
	}
	manager := &passerelles.User{AgentID: 1, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}}
	ctx := passerelles.NewContextWithUser(context.Background(), manager)

	// In process: the store's talent service, as the resolver calls it.
	db := sqlite.NewDB(path)
	if err := db.Open(context.Background()); err != nil {
		b.Fatal(err)
	}
	build := db.TalentBuildTime
	svc := db.Services().Talent
	for _, s := range shapes {
		for _, clients := range []int{1, 8} {
			b.Run(fmt.Sprintf("%s/inprocess/clients=%d", s.name, clients), func(b *testing.B) {
				q := passerelles.TalentQuery{Filter: s.filter, First: 20, Facets: s.facets}
				keep(fmt.Sprintf("%s/inprocess/%d", s.name, clients), measureTalent(b, clients, os.Getpid(), func() error {
					_, err := svc.SearchTalent(ctx, q)
					return err
				}))
			})
		}
	}
	db.Close()
	db, svc = nil, nil
	runtime.GC()
	debug.FreeOSMemory()

	// Through HTTP and GraphQL: the real server, a manager signed in. It runs as its own
	// process (the binary built from this package), so that its RSS is the server's alone.
	base, server := startBenchServer(b, path)
	rssAtStart := statusMB(server.Process.Pid, "VmRSS")
	nathalie := newBrowser(b, base)
	res := nathalie.signIn("persona-manager", "/")
	res.Body.Close()
	nathalie.client.Timeout = time.Minute
	document := spaTalentDocument(b)
	for _, s := range shapes {
		body, err := json.Marshal(map[string]any{"query": document,
			"variables": map[string]any{"filter": s.vars, "first": 20, "facets": s.facets}})
		if err != nil {
			b.Fatal(err)
		}
		for _, clients := range []int{1, 8} {
			b.Run(fmt.Sprintf("%s/http/clients=%d", s.name, clients), func(b *testing.B) {
				keep(fmt.Sprintf("%s/http/%d", s.name, clients), measureTalent(b, clients, server.Process.Pid, func() error {
					req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Origin", base)
					res, err := nathalie.client.Do(req)
					if err != nil {
						return err
					}
					defer res.Body.Close()
					out, _ := io.ReadAll(res.Body)
					if res.StatusCode != http.StatusOK || bytes.Contains(out, []byte(`"errors"`)) || !bytes.Contains(out, []byte(`"totalCount"`)) {
						return fmt.Errorf("status %d: %.300s", res.StatusCode, out)
					}
					return nil
				}))
			})
		}
	}
	rss, peak := statusMB(server.Process.Pid, "VmRSS"), statusMB(server.Process.Pid, "VmHWM")
	var t strings.Builder
	fmt.Fprintf(&t, "talent search over %d agents (index built in %v in process); server process: RSS %.0f MB once ready, %.0f MB after the run, peak %.0f MB\n",
		talentBenchAgents(), build.Round(time.Millisecond), rssAtStart, rss, peak)
	fmt.Fprintf(&t, "%-16s %-8s %28s %28s %8s %22s\n", "shape", "clients", "in process p50/p95/p99 ms, /s", "HTTP+GraphQL p50/p95/p99 ms, /s", "ratio",
		"CPU ms/search in, HTTP")
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	for _, s := range shapes {
		for _, c := range []int{1, 8} {
			in, h := results[fmt.Sprintf("%s/inprocess/%d", s.name, c)], results[fmt.Sprintf("%s/http/%d", s.name, c)]
			ratio := 0.0
			if in.perSecond > 0 {
				ratio = h.perSecond / in.perSecond
			}
			fmt.Fprintf(&t, "%-16s %-8d %6.1f/%5.1f/%5.1f %7.0f/s %6.1f/%5.1f/%5.1f %7.0f/s %8.2f %10.2f %10.2f\n", s.name, c,
				ms(in.p50), ms(in.p95), ms(in.p99), in.perSecond, ms(h.p50), ms(h.p95), ms(h.p99), h.perSecond, ratio, ms(in.cpu), ms(h.cpu))
		}
	}
	fmt.Print(t.String()) // the table, after the lines of the sub-benchmarks
}

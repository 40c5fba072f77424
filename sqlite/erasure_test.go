package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"testing"
	"time"

	"passerelles"
	"passerelles/seed"
)

// erasedSecrets are what the erased agent of MustErasableAgent wrote or was given: their
// email, names (as typed and as the search index folds them), identity subject, two
// successive bios and the title of a piece of evidence. None may stay on disk.
var erasedSecrets = []string{
	"zephyrine.quasimodo@exemple.gouv.fr", "Zéphyrine", "zephyrine", "Quasimodo", "quasimodo",
	"sub-zq-7f3a", "xylographiquement", "palimpsestueux", "orichalque",
	// A manager's note about them; their own list, its note and their saved search.
	"hippocampéiforme", "thaumaturgique", "ornithorynquesque", "chrysopoétique",
}

// MustErasableAgent signs in an agent whose data spreads over every table that may hold
// it — two bios (the first replaced), declarations with evidence, an endorsement given and
// received, a view, a session whose id token carries the email, a manager's note about
// them, a list of their own with a note and a saved search — among 30 other agents,
// and returns their context.
func (f *profileFixture) MustErasableAgent(tb testing.TB) context.Context {
	tb.Helper()
	bg := context.Background()
	for i := range 30 {
		_, ctx := f.MustSignIn(tb, fmt.Sprintf("neighbour-%02d", i), f.orgA)
		MustSetVisibility(tb, f.svc, ctx, passerelles.VisibilityAllAgents)
		if _, err := f.svc.UpdateProfile(ctx, passerelles.ProfileUpdate{Bio: ptr(fmt.Sprintf("Agent numéro %d, curieux de données.", i))}); err != nil {
			tb.Fatal(err)
		}
		MustDeclare(tb, f.svc, ctx, f.pix11, 1+i%8)
	}
	m, err := f.all.Users.SignIn(system, passerelles.Identity{Issuer: "https://idp.test", Subject: "sub-zq-7f3a",
		GivenName: "Zéphyrine", UsualName: "Quasimodo", Email: "zephyrine.quasimodo@exemple.gouv.fr"}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	id := m.Agent.ID
	if err := f.all.Users.GrantAccessRole(system, id, passerelles.AccessManager); err != nil {
		tb.Fatal(err)
	}
	ctx := passerelles.NewContextWithUser(bg, &passerelles.User{AgentID: id, OrganisationID: f.orgA,
		AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}})
	for _, bio := range []string{"Archiviste, amatrice de xylographiquement.", "Je cultive le palimpsestueux."} {
		f.clock.Advance(time.Minute)
		if _, err := f.svc.UpdateProfile(ctx, passerelles.ProfileUpdate{Bio: &bio, OrganisationID: &f.orgA,
			Visibility: ptr(passerelles.VisibilityAllAgents)}); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 5, CurrentUse: true,
		Evidence: []passerelles.Evidence{{Kind: passerelles.EvidenceTraining, Title: "Formation orichalque"}}}); err != nil {
		tb.Fatal(err)
	}
	peer, asPeer := f.MustSignIn(tb, "peer", f.orgA)
	MustSetVisibility(tb, f.svc, asPeer, passerelles.VisibilityAllAgents)
	MustDeclare(tb, f.svc, asPeer, f.pix12, 3)
	if err := f.svc.EndorseSkill(asPeer, id, f.pix11); err != nil {
		tb.Fatal(err)
	}
	if err := f.svc.EndorseSkill(ctx, peer, f.pix12); err != nil {
		tb.Fatal(err)
	}
	if _, err := f.svc.FindProfile(ctx, peer); err != nil {
		tb.Fatal(err)
	}
	_, asLister := f.MustSignIn(tb, "lister", f.orgA, passerelles.AccessManager)
	theirs, err := f.all.Shortlists.CreateShortlist(asLister, "Relève")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := f.all.Shortlists.AddToShortlist(asLister, theirs.ID, id, "Profil hippocampéiforme, à revoir."); err != nil {
		tb.Fatal(err)
	}
	mine, err := f.all.Shortlists.CreateShortlist(ctx, "Liste thaumaturgique")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := f.all.Shortlists.AddToShortlist(ctx, mine.ID, peer, "Talent ornithorynquesque."); err != nil {
		tb.Fatal(err)
	}
	if _, err := f.all.Shortlists.SaveSearch(ctx, "Recherche chrysopoétique", passerelles.TalentFilter{
		Required: []passerelles.TalentSkill{{SkillID: f.pix12, MinLevel: 2}}}); err != nil {
		tb.Fatal(err)
	}
	if _, err := f.all.Sessions.CreateSession(bg, id, "header.zephyrine.quasimodo@exemple.gouv.fr.signature", time.Hour); err != nil {
		tb.Fatal(err)
	}
	if found := f.filesHolding(tb, erasedSecrets); len(found) == 0 {
		tb.Fatal("the fixture wrote none of the secrets to disk: the test would prove nothing")
	}
	return ctx
}

// filesHolding returns, for each file of the database (main, -wal, -shm) that holds one of
// secrets, which ones and how many times.
func (f *profileFixture) filesHolding(tb testing.TB, secrets []string) map[string]string {
	tb.Helper()
	out := map[string]string{}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(f.path + suffix)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			tb.Fatal(err)
		}
		for _, s := range secrets {
			if n := bytes.Count(b, []byte(s)); n > 0 {
				out["database"+suffix] += fmt.Sprintf("%q×%d ", s, n)
			}
		}
	}
	return out
}

// assertFreePagesBlank walks the freelist of the database file: every free page must be
// zeros (but for the list itself on trunk pages), so that nothing erased stays readable
// in pages SQLite keeps for reuse.
func (f *profileFixture) assertFreePagesBlank(tb testing.TB) {
	tb.Helper()
	b, err := os.ReadFile(f.path)
	if err != nil {
		tb.Fatal(err)
	}
	pageSize := int(binary.BigEndian.Uint16(b[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	page := func(n uint32) []byte {
		start := (int(n) - 1) * pageSize
		if n == 0 || start+pageSize > len(b) {
			tb.Fatalf("free page %d lies outside the %d-byte file", n, len(b))
		}
		return b[start : start+pageSize]
	}
	blank := func(p []byte) bool { return bytes.Count(p, []byte{0}) == len(p) }
	free := int(binary.BigEndian.Uint32(b[36:40]))
	seen := 0
	for trunk := binary.BigEndian.Uint32(b[32:36]); trunk != 0; {
		p := page(trunk)
		leaves := int(binary.BigEndian.Uint32(p[4:8]))
		seen++
		if !blank(p[8+4*leaves:]) {
			tb.Errorf("freelist trunk page %d holds data after its list", trunk)
		}
		for i := range leaves {
			leaf := binary.BigEndian.Uint32(p[8+4*i:])
			seen++
			if !blank(page(leaf)) {
				tb.Errorf("free page %d is not blank", leaf)
			}
		}
		trunk = binary.BigEndian.Uint32(p[0:4])
	}
	if seen != free {
		tb.Errorf("walked %d free pages, the header counts %d", seen, free)
	}
}

// TestErasureLeavesNothingOnDisk greps the database, its WAL and its shared-memory file
// right after deleteMyAccount returns: the erased agent's email, names, identity, bios and
// evidence are in none of them, and every free page is blank.
func TestErasureLeavesNothingOnDisk(t *testing.T) {
	f := MustOpenProfileFixture(t)
	ctx := f.MustErasableAgent(t)
	if err := f.svc.DeleteMyAccount(ctx, passerelles.ErasureConfirmation); err != nil {
		t.Fatal(err)
	}
	if found := f.filesHolding(t, erasedSecrets); len(found) > 0 {
		t.Errorf("after the erasure, still on disk: %v", found)
	}
	f.assertFreePagesBlank(t)
	f.assertConsistent(t)
	pragmas, err := f.db.Pragmas(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := pragmas["writer.busy_timeout"]; got != "10000" {
		t.Errorf("the writer's busy timeout is %s after the checkpoint, want 10000 again", got)
	}
}

// TestErasureWaitsForOlderReaders holds a read transaction begun before the erasure: its
// snapshot keeps the WAL from being emptied, and deleteMyAccount still returns once its
// short wait is over. As soon as the reader ends, the background worker empties the WAL.
func TestErasureWaitsForOlderReaders(t *testing.T) {
	f := MustOpenProfileFixture(t)
	ctx := f.MustErasableAgent(t)
	f.db.ScrubWait = 50 * time.Millisecond
	reader, err := f.raw.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Rollback()
	var n int
	if err := reader.QueryRow(`SELECT COUNT(*) FROM agents`).Scan(&n); err != nil { // takes the snapshot
		t.Fatal(err)
	}
	if err := f.svc.DeleteMyAccount(ctx, passerelles.ErasureConfirmation); err != nil {
		t.Fatal(err)
	}
	if found := f.filesHolding(t, erasedSecrets); len(found) == 0 {
		t.Fatal("the older reader did not keep the WAL: the test proves nothing")
	}
	if err := reader.QueryRow(`SELECT COUNT(*) FROM agents WHERE email = 'zephyrine.quasimodo@exemple.gouv.fr'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("the older reader lost its snapshot: %d rows, %v", n, err)
	}
	if err := reader.Rollback(); err != nil {
		t.Fatal(err)
	}
	var found map[string]string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if found = f.filesHolding(t, erasedSecrets); len(found) == 0 {
			break
		}
	}
	if len(found) > 0 {
		t.Fatalf("the reader is gone but the erased data stays on disk: %v", found)
	}
	f.assertFreePagesBlank(t)
}

// BenchmarkDeleteMyAccount erases, among 10 000 demo agents, an agent with a bio, three
// declarations with evidence, an endorsement and a session: the erasure transaction, then
// the WAL checkpoint that empties the -wal file (one client, no concurrent reader).
func BenchmarkDeleteMyAccount(b *testing.B) {
	f := MustOpenProfileFixture(b)
	svc := f.all
	if _, err := seed.GenerateDemo(context.Background(), svc, seed.DemoOptions{Agents: 10_000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	peer, asPeer := f.MustSignIn(b, "bench-peer", f.orgA)
	MustSetVisibility(b, f.svc, asPeer, passerelles.VisibilityAllAgents)
	MustDeclare(b, f.svc, asPeer, f.pix21, 3)
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		_, ctx := f.MustSignIn(b, fmt.Sprintf("bench-erased-%d", n), f.orgA)
		if _, err := f.svc.UpdateProfile(ctx, passerelles.ProfileUpdate{Bio: ptr("Présentation à effacer, unique numéro " + fmt.Sprint(n)),
			Visibility: ptr(passerelles.VisibilityAllAgents)}); err != nil {
			b.Fatal(err)
		}
		for _, s := range []int64{f.pix11, f.pix12, f.pix13} {
			if _, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: s, Level: 3,
				Evidence: []passerelles.Evidence{{Kind: passerelles.EvidenceTraining, Title: "Formation"}}}); err != nil {
				b.Fatal(err)
			}
		}
		if err := f.svc.EndorseSkill(ctx, peer, f.pix21); err != nil {
			b.Fatal(err)
		}
		if _, err := f.all.Sessions.CreateSession(context.Background(), passerelles.UserFromContext(ctx).AgentID, "id-token", time.Hour); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := f.svc.DeleteMyAccount(ctx, passerelles.ErasureConfirmation); err != nil {
			b.Fatal(err)
		}
	}
}

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"passerelles/seed"
	"passerelles/sqlite"
)

// runSeed builds (or completes) a database with the referentials and demo data, showing
// progress: `passerelles seed -agents 100000 -db bench.db`.
func runSeed(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(out)
	agents := fs.Int("agents", 1000, "number of demo agents")
	dbPath := fs.String("db", "bench.db", "SQLite database file to create or complete")
	seedValue := fs.Uint64("seed", 1, "random seed: the same seed gives the same data")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *agents < 0 || *agents > 2_000_000 {
		return fmt.Errorf("-agents %d: choose from 0 to 2 000 000", *agents)
	}
	db := sqlite.NewDB(*dbPath)
	if err := db.Open(ctx); err != nil {
		return err
	}
	defer db.Close()
	svc := db.Services()
	start := time.Now()
	rep, err := seed.LoadReferentials(ctx, svc)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Référentiels : %d éléments, %d créés ou modifiés.\n", rep.Items, rep.Changed)
	last := time.Time{}
	drep, err := seed.GenerateDemo(ctx, svc, seed.DemoOptions{Agents: *agents, Seed: *seedValue,
		Progress: func(done, total int) {
			if time.Since(last) < 200*time.Millisecond && done < total {
				return
			}
			last = time.Now()
			elapsed := time.Since(start).Seconds()
			fmt.Fprintf(out, "\rAgents : %7d / %d (%3d %%) — %.1f s", done, total, done*100/max(total, 1), elapsed)
		}})
	if err != nil {
		fmt.Fprintln(out)
		return err
	}
	fmt.Fprintf(out, "\nTerminé en %.1f s : %d agents créés, %d adhésions, %d événements. Base : %s\n",
		time.Since(start).Seconds(), drep.AgentsCreated, drep.MembersCreated, drep.EventsCreated, *dbPath)
	return nil
}

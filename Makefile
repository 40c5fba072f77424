# Passerelles — two commands do all the set-up: `make run` and `make test`.
# One build tag set everywhere (FTS5), so that mattn/go-sqlite3 compiles once per mode.
export GOFLAGS := -tags=sqlite_fts5
export CGO_ENABLED := 1

BIN := bin/passerelles
# npm packages may ship Go files: keep node_modules out of ./...
PKGS = $(shell go list ./... | grep -v /node_modules/)
NPM := npm --prefix frontend
GO_SOURCES := $(shell find . -name '*.go' -not -path './frontend/node_modules/*') go.mod go.sum $(wildcard sqlite/migrations/*.sql seed/referentials/*.json)
FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f -not -path 'frontend/public/dsfr/*' 2>/dev/null) frontend/index.html frontend/package.json frontend/vite.config.ts

.PHONY: run build frontend test test-go test-frontend e2e bench bench-1m schema fmt vet clean

run: build ## Build everything and start on http://127.0.0.1:8080 with demo data
	./$(BIN) serve

build: $(BIN)

$(BIN): frontend/dist/index.html $(GO_SOURCES)
	go build -o $(BIN) ./server

frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	$(NPM) ci --no-audit --no-fund

frontend/dist/index.html: frontend/node_modules/.package-lock.json $(FRONTEND_SOURCES)
	$(NPM) run build

frontend: frontend/dist/index.html

test: fmt vet test-go test-frontend e2e ## Every test: Go (race), front end, browser

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './frontend/node_modules/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet: frontend/dist/index.html
	go vet $(PKGS)

test-go: frontend/dist/index.html
	go test -race -count=1 $(PKGS)

test-frontend: frontend/node_modules/.package-lock.json
	$(NPM) run typecheck
	$(NPM) run lint
	$(NPM) run codegen:check
	$(NPM) test

e2e: $(BIN)
	cd frontend && PASSERELLES_BIN=$(CURDIR)/$(BIN) npm run e2e

bench: frontend/dist/index.html ## Benchmarks (figures in README)
	go test -run '^$$' -bench . -benchmem -benchtime 1x ./seed/
	go test -run '^$$' -bench . -benchmem ./server/... ./sqlite/

bench-1m: frontend/dist/index.html ## Talent search over 1 000 000 agents (builds the database once, minutes; not in CI)
	PASSERELLES_BENCH_AGENTS=1000000 go test -run '^$$' -bench 'BenchmarkTalentSearch' -benchtime 100x -timeout 2h ./server/

schema: ## Rewrite schema/schema.graphql from the live schema
	go test ./schema/ -run TestSchemaSDL -update

clean:
	rm -rf bin frontend/dist

# dirsync: OfficeTogether Directory Sync. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

GO        ?= go
BIN       := bin/dirsync
FRONTEND  := frontend
GO_SRC    := $(shell find . -name '*.go' -not -path './$(FRONTEND)/node_modules/*' -not -path './.data/*')
FE_SRC    := $(shell find $(FRONTEND)/src $(FRONTEND)/public $(FRONTEND)/index.html $(FRONTEND)/package.json $(FRONTEND)/vite.config.ts $(FRONTEND)/codegen.ts $(FRONTEND)/tsconfig*.json -type f 2>/dev/null)

.PHONY: help build run test test-go test-frontend bench bench-fleet generate check-generated frontend frontend-deps vet clean

help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-16s %s\n", $$1, $$2}'

build: $(BIN) ## Build bin/dirsync with the frontend embedded

$(BIN): $(GO_SRC) go.mod go.sum $(FRONTEND)/dist/index.html
	$(GO) build -o $(BIN) .

$(FRONTEND)/node_modules/.package-lock.json: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund

frontend-deps: $(FRONTEND)/node_modules/.package-lock.json ## Install the frontend's npm packages

$(FRONTEND)/dist/index.html: $(FE_SRC) $(FRONTEND)/node_modules/.package-lock.json
	cd $(FRONTEND) && npm run build

frontend: $(FRONTEND)/dist/index.html ## Build the SPA into frontend/dist

run: build ## Start the whole product on embedded defaults (dirsync dev)
	./$(BIN) dev

test: check-generated test-go test-frontend ## Run every test (generated code fresh, Go with -race against PostgreSQL, Vitest, browser end-to-end)

test-go: ## Run the Go tests
	@export TEST_DATABASE_URL="$${TEST_DATABASE_URL:-$$($(GO) run . devdb)}" && \
	  $(GO) test -race -count=1 -timeout 20m ./...

test-frontend: $(BIN) ## Run the frontend unit and browser tests
	cd $(FRONTEND) && npm test
	@export E2E_POSTGRES_URL="$${TEST_DATABASE_URL:-$$(./$(BIN) devdb)}" && \
	  cd $(FRONTEND) && DIRSYNC_BIN=$(CURDIR)/$(BIN) npm run e2e

bench: ## Run the benchmarks (search, emulator, sync; about 4 minutes, then about 50 for groups at 4 rps); numbers go in issue notes
	@export TEST_DATABASE_URL="$${TEST_DATABASE_URL:-$$($(GO) run . devdb)}" && \
	  $(GO) test -run '^$$' -bench . -benchtime 200x -count 1 -timeout 30m ./search ./server && \
	  $(GO) test -run '^$$' -bench . -benchtime 20x -count 1 -timeout 30m ./sync/mapping ./sync/workos && \
	  $(GO) test -run '^$$' -bench . -benchtime 3x -count 3 -timeout 30m ./sync/emulator && \
	  $(GO) test -run '^$$' -bench Sync100k -benchtime 3x -count 5 -timeout 30m ./sync/engine && \
	  $(GO) test -run '^$$' -bench SyncRateLimited10k -benchtime 1x -count 3 -timeout 30m ./sync/engine && \
	  $(GO) test -run '^$$' -bench SyncGroups100k -benchtime 1x -count 1 -timeout 120m ./sync/engine

bench-fleet: build ## The fleet benchmark, not part of make test (about 25 minutes): emulator + 3 replicas, ORGS=2000 organizations; FLEET_ARGS adds flags
	@export TEST_DATABASE_URL="$${TEST_DATABASE_URL:-$$($(GO) run . devdb)}" && \
	  $(GO) run ./bench/fleet -bin $(BIN) -orgs $${ORGS:-2000} $(FLEET_ARGS)

generate: frontend-deps ## Regenerate gqlgen code and the frontend's typed GraphQL documents
	$(GO) run github.com/99designs/gqlgen generate
	cd $(FRONTEND) && npm run codegen

check-generated: generate ## Fail when generated code is stale
	git diff --exit-code -- graph resolvers $(FRONTEND)/src/gql

vet: ## go vet and gofmt
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }

clean: ## Remove build output (keeps .data)
	rm -rf bin $(FRONTEND)/dist/assets $(FRONTEND)/dist/index.html

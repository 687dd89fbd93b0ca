//go:build tools

// Package main's tools file pins the code generators `make generate` runs.
package main

import _ "github.com/99designs/gqlgen"

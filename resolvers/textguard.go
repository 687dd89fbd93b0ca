package resolvers

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
)

// MaxArgumentBytes bounds every text argument of the API. Each field has its own, usually
// lower, limit; this one keeps any text within what PostgreSQL indexes and text search
// accept (a btree entry holds about 2.7 kB, a tsquery word 2 kB).
const MaxArgumentBytes = 2048

// TextGuard is a gqlgen extension that checks every text in a field's arguments (nested
// inputs and lists included) before the field's resolver runs: a NUL character, which
// PostgreSQL text and jsonb cannot hold, invalid UTF-8, or more than MaxArgumentBytes is a
// BAD_USER_INPUT error naming the argument path (e.g. "input.mapping.email"). Nothing is
// trimmed or dropped silently.
type TextGuard struct{}

var (
	_ graphql.HandlerExtension = TextGuard{}
	_ graphql.FieldInterceptor = TextGuard{}
)

// ExtensionName names the extension for gqlgen.
func (TextGuard) ExtensionName() string { return "TextGuard" }

// Validate accepts every schema.
func (TextGuard) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptField refuses the field when one of its arguments holds unusable text.
func (TextGuard) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	if fc := graphql.GetFieldContext(ctx); fc != nil && len(fc.Args) > 0 {
		for _, name := range slices.Sorted(maps.Keys(fc.Args)) {
			if err := checkText(name, reflect.ValueOf(fc.Args[name])); err != nil {
				return nil, err
			}
		}
	}
	return next(ctx)
}

// checkText walks v (an argument value as gqlgen decoded it) and reports the first text
// that cannot be stored as it was sent.
func checkText(path string, v reflect.Value) error {
	switch v.Kind() {
	case reflect.String:
		return checkString(path, v.String())
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return checkText(path, v.Elem())
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return nil // bytes are not text
		}
		for i := range v.Len() {
			if err := checkText(path+"["+strconv.Itoa(i)+"]", v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range keys {
			key := fmt.Sprint(k.Interface())
			if err := checkString(path, key); err != nil {
				return err
			}
			if err := checkText(path+"."+key, v.MapIndex(k)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if err := checkText(path+"."+argumentName(f), v.Field(i)); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkString(path, s string) error {
	switch {
	case !utf8.ValidString(s):
		return inputErr(path, "is not valid UTF-8 text")
	case strings.IndexByte(s, 0) >= 0:
		return inputErr(path, "must not contain NUL characters")
	case len(s) > MaxArgumentBytes:
		return inputErr(path, "at most %d bytes", MaxArgumentBytes)
	}
	return nil
}

// argumentName is the schema name of an input struct field (gqlgen's json tag).
func argumentName(f reflect.StructField) string {
	if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag != "" && tag != "-" {
		return tag
	}
	return f.Name
}

package mapping

import (
	"encoding/json"
	"strconv"
)

// scalarString converts a decoded JSON scalar to text: strings as they are, numbers in their
// JSON form (json.Number verbatim, float64 without exponent), booleans as "true"/"false",
// null as "". ok is false for objects, arrays and any other type.
func scalarString(v any) (s string, ok bool) {
	switch x := v.(type) {
	case nil:
		return "", true
	case string:
		return x, true
	case json.Number:
		return string(x), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	case int:
		return strconv.Itoa(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	default:
		return "", false
	}
}

// singleValue converts v for a single-valued field: a scalar, or an array holding at most
// one element that is a scalar (an empty array gives ""). ok is false otherwise.
func singleValue(v any) (string, bool) {
	arr, isArr := v.([]any)
	if !isArr {
		return scalarString(v)
	}
	switch len(arr) {
	case 0:
		return "", true
	case 1:
		return scalarString(arr[0])
	default:
		return "", false
	}
}

// kindOf describes a decoded JSON value's shape for problem messages.
func kindOf(v any) string {
	switch x := v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		if len(x) != 1 {
			return "an array of " + strconv.Itoa(len(x)) + " values"
		}
		if _, scalar := scalarString(x[0]); !scalar {
			return "an array holding an object or array"
		}
		return "an array of 1 value"
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	default:
		return "a number"
	}
}

package web

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// encodingJSON is WriteJSON's encoding of v, without the final newline.
func encodingJSON(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

var jsonStrings = []string{"", "Nathalie Garnier", "l’équipe « data »", "a\"b\\c", "\x00\x01\x1f\b\f\n\r\t", "<script>&amp;</script>",
	"\u2028\u2029", "\xff\xfe invalid", "é\xc3", "\U0001F600 emoji", "tab\there", strings.Repeat("x", 300)}

// randomTree builds a value of the shapes graphql-go answers, with other values now and
// then (which go to encoding/json).
func randomTree(rng *rand.Rand, depth int) any {
	switch n := rng.IntN(12); {
	case depth > 3 || n < 3:
		return jsonStrings[rng.IntN(len(jsonStrings))]
	case n == 3:
		return rng.IntN(2) == 0
	case n == 4:
		return rng.IntN(2000) - 1000
	case n == 5:
		return nil
	case n == 6:
		return rng.Float64() * 1e6
	case n == 7:
		return struct {
			A string `json:"a"`
			B []int  `json:"b"`
		}{jsonStrings[rng.IntN(len(jsonStrings))], []int{1, 2}}
	case n < 10:
		m := map[string]any{}
		for range rng.IntN(6) {
			m[jsonStrings[rng.IntN(len(jsonStrings))]] = randomTree(rng, depth+1)
		}
		return m
	default:
		l := make([]any, rng.IntN(5))
		for i := range l {
			l[i] = randomTree(rng, depth+1)
		}
		return l
	}
}

// TestAppendJSONAsEncodingJSON compares AppendJSON with encoding/json on random trees:
// the same bytes.
func TestAppendJSONAsEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		v := randomTree(rng, 0)
		got, err := AppendJSON(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		if want := encodingJSON(t, v); !bytes.Equal(got, want) {
			t.Fatalf("tree %d:\n got %s\nwant %s", i, got, want)
		}
	}
	for _, v := range []any{map[string]any(nil), []any(nil), int64(-7), int32(3)} {
		got, _ := AppendJSON(nil, v)
		if want := encodingJSON(t, v); !bytes.Equal(got, want) {
			t.Fatalf("%#v: got %s, want %s", v, got, want)
		}
	}
}

// FuzzAppendJSONString compares the quoting of any string with encoding/json's.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, _ := AppendJSON(nil, map[string]any{s: []any{s}})
		if want := encodingJSON(t, map[string]any{s: []any{s}}); !bytes.Equal(got, want) {
			t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
		}
	})
}

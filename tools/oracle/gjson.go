package main

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/tidwall/gjson"
)

// gjsonInput is one lookup: a path evaluated on a JSON document.
type gjsonInput struct {
	JSON string `json:"json"`
	Path string `json:"path"`
}

// gjsonEntry is one ForEach step: the key's type and String(), and the value's Raw.
type gjsonEntry struct {
	KeyType string `json:"keyType"`
	Key     string `json:"key"`
	Value   string `json:"value"`
}

// gjsonOutput captures everything a Result exposes that Switchyard relies on.
type gjsonOutput struct {
	Exists  bool         `json:"exists"`
	Type    string       `json:"type"`
	Raw     string       `json:"raw"`
	Str     string       `json:"str"`
	String  string       `json:"string"`
	Num     any          `json:"num"`
	Bool    bool         `json:"bool"`
	Int     int64        `json:"int"`
	Float   any          `json:"float"`
	Value   any          `json:"value"`
	IsArray bool         `json:"isArray"`
	IsObj   bool         `json:"isObject"`
	Array   []string     `json:"array"`
	ForEach []gjsonEntry `json:"forEach"`
}

// jsonFloat keeps non-finite floats encodable: JSON has no Inf or NaN, so they travel as text.
func jsonFloat(f float64) any {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return f
}

func jsonSafe(v any) any {
	switch t := v.(type) {
	case float64:
		return jsonFloat(t)
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = jsonSafe(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = jsonSafe(x)
		}
		return out
	}
	return v
}

func init() {
	register("gjson", func(input json.RawMessage) (any, error) {
		var in gjsonInput
		if err := json.Unmarshal(input, &in); err != nil {
			return nil, err
		}
		r := gjson.Get(in.JSON, in.Path)
		out := gjsonOutput{
			Exists: r.Exists(), Type: r.Type.String(), Raw: r.Raw, Str: r.Str, String: r.String(),
			Num: jsonFloat(r.Num), Bool: r.Bool(), Int: r.Int(), Float: jsonFloat(r.Float()),
			Value: jsonSafe(r.Value()), IsArray: r.IsArray(), IsObj: r.IsObject(),
			Array: []string{}, ForEach: []gjsonEntry{},
		}
		for _, a := range r.Array() {
			out.Array = append(out.Array, a.Raw)
		}
		r.ForEach(func(k, v gjson.Result) bool {
			out.ForEach = append(out.ForEach, gjsonEntry{KeyType: k.Type.String(), Key: k.String(), Value: v.Raw})
			return true
		})
		return out, nil
	})
}

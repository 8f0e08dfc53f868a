package main

// The "jq" engine runs a program with gojq on JSON data decoded as Argo Events decodes event data
// (encoding/json: numbers are float64).
//
//	input:  {"program": "...", "data": "<JSON text>"}
//	output: {"first": <first output>, "all": [<outputs>...], "error": "<error after those outputs>"}
//	        or an error when the program does not parse or compile

import (
	"context"
	"encoding/json"
	"time"

	"github.com/itchyny/gojq"
)

func init() {
	register("jq", func(input json.RawMessage) (any, error) {
		var in struct {
			Program string `json:"program"`
			Data    string `json:"data"`
		}
		if err := json.Unmarshal(input, &in); err != nil {
			return nil, err
		}
		var data interface{}
		if err := json.Unmarshal([]byte(in.Data), &data); err != nil {
			return nil, err
		}
		query, err := gojq.Parse(in.Program)
		if err != nil {
			return nil, err
		}
		code, err := gojq.Compile(query)
		if err != nil {
			return nil, err
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		out := map[string]any{}
		all := []json.RawMessage{}
		iter := code.RunWithContext(ctx, data)
		for len(all) < 1000 {
			v, ok := iter.Next()
			if !ok {
				break
			}
			if e, isErr := v.(error); isErr {
				out["error"] = e.Error()
				break
			}
			text, err := gojq.Marshal(v)
			if err != nil {
				out["error"] = err.Error()
				break
			}
			all = append(all, json.RawMessage(text))
		}
		if len(all) > 0 {
			out["first"] = all[0]
		}
		out["all"] = all
		return out, nil
	})
}

package main

import (
	"encoding/json"
	"fmt"

	"github.com/tidwall/sjson"
)

// sjsonInput is one edit: set (value decoded as Go does for an interface{}), setRaw (value is JSON text)
// or delete.
type sjsonInput struct {
	JSON  string          `json:"json"`
	Path  string          `json:"path"`
	Op    string          `json:"op"`
	Value json.RawMessage `json:"value"`
}

func init() {
	register("sjson", func(input json.RawMessage) (any, error) {
		var in sjsonInput
		if err := json.Unmarshal(input, &in); err != nil {
			return nil, err
		}
		switch in.Op {
		case "set":
			var v any
			if len(in.Value) > 0 {
				if err := json.Unmarshal(in.Value, &v); err != nil {
					return nil, err
				}
			}
			return sjson.Set(in.JSON, in.Path, v)
		case "setRaw":
			var raw string
			if err := json.Unmarshal(in.Value, &raw); err != nil {
				return nil, fmt.Errorf("setRaw needs a string value: %w", err)
			}
			return sjson.SetRaw(in.JSON, in.Path, raw)
		case "delete":
			return sjson.Delete(in.JSON, in.Path)
		}
		return nil, fmt.Errorf("unknown sjson op %q", in.Op)
	})
}

package main

// govaluate: Knetic/govaluate as Argo Events uses it in Sensor `exprs` filters and trigger conditions:
// NewEvaluableExpression, then Evaluate with parameters decoded from JSON (numbers are float64).
//
//	input:  {"expr": "a > 1", "params": "{\"a\": 2}"}
//	output: {"type": "bool", "value": true, "text": "true"}
//	error:  "parse: ..." or "eval: ..."

import (
	"encoding/json"
	"fmt"

	"github.com/Knetic/govaluate"
)

type govaluateInput struct {
	Expr   string `json:"expr"`
	Params string `json:"params"`
}

func init() {
	register("govaluate", func(raw json.RawMessage) (any, error) {
		var in govaluateInput
		if err := json.Unmarshal(raw, &in); err != nil {
			return nil, fmt.Errorf("oracle: bad govaluate input: %w", err)
		}
		params := map[string]interface{}{}
		if in.Params != "" {
			if err := json.Unmarshal([]byte(in.Params), &params); err != nil {
				return nil, fmt.Errorf("oracle: params are not a JSON object: %w", err)
			}
		}
		var e *govaluate.EvaluableExpression
		if err := stage("parse", func() (err error) { e, err = govaluate.NewEvaluableExpression(in.Expr); return }); err != nil {
			return nil, err
		}
		var v interface{}
		if err := stage("eval", func() (err error) { v, err = e.Evaluate(params); return }); err != nil {
			return nil, err
		}
		return typedGoResult(v), nil
	})
}

// typedGoResult describes a Go value: its type name, its JSON form when it has one, and its %v text.
func typedGoResult(v any) map[string]any {
	out := map[string]any{"type": fmt.Sprintf("%T", v), "text": fmt.Sprintf("%v", v)}
	if b, err := json.Marshal(v); err == nil {
		out["value"] = json.RawMessage(b)
	}
	return out
}

// stage runs one step of an engine, naming the step in its error; a panic (the libraries panic on some
// inputs, e.g. govaluate on a trailing backslash) counts as that step's error.
func stage(name string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: panic: %v", name, r)
		}
	}()
	if err := f(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

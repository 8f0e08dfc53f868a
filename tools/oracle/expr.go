package main

// expr: antonmedv/expr as Argo Events v1.9 evaluates EventSource `filter.expression`
// (pkg/eventsources/eventing.go filterEvent and pkg/shared/expr): the program is compiled with no
// options (expr.Eval), and run against the event data decoded from JSON. With "argo": true the
// environment is prepared as Argo prepares it: top-level `-` replaced by `_`, dotted keys expanded
// (bellows, after dropping a key that also has dotted children), and the values asInt, asFloat,
// jsonpath, toJson and sprig (sprig's generic functions without env and expandenv) added.
//
//	input:  {"expr": "body.n > 1", "env": "{\"body\": {\"n\": 2}}", "argo": true}
//	output: {"type": "bool", "value": true, "text": "true"}
//	error:  "compile: ..." or "run: ..."

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/Masterminds/sprig/v3"
	"github.com/antonmedv/expr"
	"github.com/antonmedv/expr/builtin"
	"github.com/antonmedv/expr/vm"
	"github.com/doublerebel/bellows"
	"github.com/evilmonkeyinc/jsonpath"
)

type exprInput struct {
	Expr string `json:"expr"`
	Env  string `json:"env"`
	Argo bool   `json:"argo"`
}

var argoSprig = func() map[string]interface{} {
	m := sprig.GenericFuncMap()
	delete(m, "env")
	delete(m, "expandenv")
	return m
}()

func init() {
	register("expr", func(raw json.RawMessage) (any, error) {
		var in exprInput
		if err := json.Unmarshal(raw, &in); err != nil {
			return nil, fmt.Errorf("oracle: bad expr input: %w", err)
		}
		env := map[string]interface{}{}
		if in.Env != "" {
			if err := json.Unmarshal([]byte(in.Env), &env); err != nil {
				return nil, fmt.Errorf("oracle: env is not a JSON object: %w", err)
			}
		}
		if in.Argo {
			env = argoEnv(env)
		}
		var program *vm.Program
		if err := stage("compile", func() (err error) { program, err = expr.Compile(in.Expr); return }); err != nil {
			return nil, err
		}
		var v interface{}
		if err := stage("run", func() (err error) { v, err = expr.Run(program, env); return }); err != nil {
			return nil, err
		}
		return typedGoResult(v), nil
	})
}

func argoEnv(data map[string]interface{}) map[string]interface{} {
	params := map[string]interface{}{}
	for k, v := range data {
		params[strings.ReplaceAll(k, "-", "_")] = v
	}
	// A key that also has dotted children ("a" beside "a.b") is dropped before expanding.
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i := 0; i+1 < len(keys); i++ {
		if strings.HasPrefix(keys[i+1], keys[i]+".") {
			delete(params, keys[i])
		}
	}
	env := bellows.Expand(params)
	env["asInt"] = builtin.Int
	env["asFloat"] = builtin.Float
	env["jsonpath"] = argoJSONPath
	env["toJson"] = argoToJSON
	env["sprig"] = argoSprig
	return env
}

func argoToJSON(v interface{}) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// argoJSONPath panics on bad input, as Argo's does (expr turns the panic into a run error).
func argoJSONPath(text string, path string) interface{} {
	var doc interface{}
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		panic(err)
	}
	v, err := jsonpath.Query(path, doc)
	if err != nil {
		panic(err)
	}
	return v
}

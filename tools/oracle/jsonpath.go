package main

// jsonpath: evilmonkeyinc/jsonpath v0.8.1 as Argo Events' expr function jsonpath(jsonText, path) calls it:
// the text is decoded with encoding/json into interface{} (numbers become float64) and the path is
// evaluated with jsonpath.Query and no options. The selector is compiled first so that the two
// failure stages can be told apart (Query would report both the same way).
//
//	input:  {"path": "$.a[0]", "json": "{\"a\": [1]}"}
//	output: {"type": "float64", "value": 1, "text": "1"}
//	error:  "compile: invalid JSONPath selector ..." or "query: ..."

import (
	"encoding/json"
	"fmt"

	"github.com/evilmonkeyinc/jsonpath"
)

type jsonPathInput struct {
	Path string `json:"path"`
	JSON string `json:"json"`
}

func init() {
	register("jsonpath", func(raw json.RawMessage) (any, error) {
		var in jsonPathInput
		if err := json.Unmarshal(raw, &in); err != nil {
			return nil, fmt.Errorf("oracle: bad jsonpath input: %w", err)
		}
		var doc interface{}
		if err := json.Unmarshal([]byte(in.JSON), &doc); err != nil {
			return nil, fmt.Errorf("oracle: json is not valid JSON: %w", err)
		}
		var selector *jsonpath.Selector
		if err := stage("compile", func() (err error) { selector, err = jsonpath.Compile(in.Path); return }); err != nil {
			return nil, err
		}
		var v interface{}
		if err := stage("query", func() (err error) { v, err = selector.Query(doc); return }); err != nil {
			return nil, err
		}
		return typedGoResult(v), nil
	})
}

package main

// Engine "template": Go text/template with sprig's functions, as Argo Events runs dataTemplate,
// contextTemplate and the data filter's template.
//
//	input:  {"template": "...", "data": "<JSON text>", "wrap": true, "funcs": "sprig"|"none", "name": "..."}
//	output: the executed text; errors are prefixed "parse: " or "exec: " so the two can be told apart.

import (
	"bytes"
	"encoding/json"
	"errors"
	"text/template"
	"time"

	"github.com/Masterminds/sprig/v3"
)

type templateInput struct {
	Template string  `json:"template"`
	Data     *string `json:"data"`
	Wrap     bool    `json:"wrap"`
	Funcs    string  `json:"funcs"`
	Name     string  `json:"name"`
}

func init() {
	register("template", func(raw json.RawMessage) (any, error) {
		// Date functions show times in the local zone; fix it so results do not depend on the machine.
		time.Local = time.UTC
		var in templateInput
		if err := json.Unmarshal(raw, &in); err != nil {
			return nil, err
		}
		var data any
		if in.Data != nil {
			if err := json.Unmarshal([]byte(*in.Data), &data); err != nil {
				return nil, errors.New("oracle: bad data: " + err.Error())
			}
		}
		if in.Wrap {
			data = map[string]any{"Input": data}
		}
		name := in.Name
		if name == "" {
			name = "template"
		}
		t := template.New(name)
		if in.Funcs != "none" {
			fm := sprig.FuncMap()
			delete(fm, "env")
			delete(fm, "expandenv")
			t = t.Funcs(fm)
		}
		t, err := t.Parse(in.Template)
		if err != nil {
			return nil, errors.New("parse: " + err.Error())
		}
		var out bytes.Buffer
		if err := t.Execute(&out, data); err != nil {
			return nil, errors.New("exec: " + err.Error())
		}
		return out.String(), nil
	})
}

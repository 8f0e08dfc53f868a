// Command oracle evaluates test cases with the Go libraries Argo Events pins, so that Switchyard's
// TypeScript engines can be checked against the real behaviour. It reads one JSON case per line on stdin
// and writes one JSON result per line on stdout, in order:
//
//	{"engine":"gjson","input":{...}}  ->  {"output":{...}} or {"error":"..."}
//
// Each engine registers itself in engines (see the other files of this package).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

type handler func(input json.RawMessage) (any, error)

var engines = map[string]handler{}

func register(name string, h handler) {
	if _, dup := engines[name]; dup {
		panic("engine registered twice: " + name)
	}
	engines[name] = h
}

type request struct {
	Engine string          `json:"engine"`
	Input  json.RawMessage `json:"input"`
}

type response struct {
	Output any    `json:"output,omitempty"`
	Error  string `json:"error,omitempty"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for in.Scan() {
		var req request
		var res response
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			res.Error = "oracle: bad request: " + err.Error()
		} else if h, ok := engines[req.Engine]; !ok {
			res.Error = fmt.Sprintf("oracle: unknown engine %q", req.Engine)
		} else {
			res.Output, res.Error = run(h, req.Input)
		}
		if err := enc.Encode(res); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run calls a handler, turning a panic into an error result (Go libraries panic on some inputs).
func run(h handler, input json.RawMessage) (out any, msg string) {
	defer func() {
		if r := recover(); r != nil {
			out, msg = nil, fmt.Sprintf("panic: %v", r)
		}
	}()
	o, err := h(input)
	if err != nil {
		return nil, err.Error()
	}
	return o, ""
}

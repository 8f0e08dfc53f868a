package main

// The "lua" engine runs a script the way an Argo Events sensor does for filters.script and
// transform.script: the event data (a JSON object) becomes the global table `event`, the chunk runs on a
// fresh gopher-lua state, and the value on top of the stack is converted back to JSON.
//
//	input:  {"script": "...", "data": "<JSON text>"}
//	output: the returned value as JSON (absent for nil), or an error

import (
	"encoding/json"
	"fmt"

	lua "github.com/yuin/gopher-lua"
)

func init() {
	register("lua", func(input json.RawMessage) (any, error) {
		var in struct {
			Script string `json:"script"`
			Data   string `json:"data"`
		}
		if err := json.Unmarshal(input, &in); err != nil {
			return nil, err
		}
		var data map[string]interface{}
		if err := json.Unmarshal([]byte(in.Data), &data); err != nil {
			return nil, err
		}
		L := lua.NewState()
		defer L.Close()
		L.SetGlobal("event", luaTableOf(data))
		if err := L.DoString(in.Script); err != nil {
			return nil, err
		}
		out, err := json.Marshal(luaToGo(L.Get(-1)))
		if err != nil {
			return nil, err
		}
		return json.RawMessage(out), nil
	})
}

// luaTableOf builds the event table as Argo does: only numbers, strings, booleans, objects and arrays of
// those survive; null members and arrays nested directly in arrays are left out.
func luaTableOf(m map[string]interface{}) *lua.LTable {
	t := &lua.LTable{}
	for k, v := range m {
		switch x := v.(type) {
		case float64:
			t.RawSetString(k, lua.LNumber(x))
		case string:
			t.RawSetString(k, lua.LString(x))
		case bool:
			t.RawSetString(k, lua.LBool(x))
		case map[string]interface{}:
			t.RawSetString(k, luaTableOf(x))
		case []interface{}:
			list := &lua.LTable{}
			for _, item := range x {
				switch y := item.(type) {
				case map[string]interface{}:
					list.Append(luaTableOf(y))
				case float64:
					list.Append(lua.LNumber(y))
				case string:
					list.Append(lua.LString(y))
				case bool:
					list.Append(lua.LBool(y))
				}
			}
			t.RawSetString(k, list)
		}
	}
	return t
}

// luaToGo mirrors Argo's conversion of a script's result: a table whose array part has a non-nil
// element becomes a list of that length, any other table an object keyed by the keys' string forms.
func luaToGo(v lua.LValue) interface{} {
	switch x := v.(type) {
	case *lua.LNilType:
		return nil
	case lua.LBool:
		return bool(x)
	case lua.LString:
		return string(x)
	case lua.LNumber:
		return float64(x)
	case *lua.LTable:
		n := x.MaxN()
		if n == 0 {
			obj := map[string]interface{}{}
			x.ForEach(func(k, val lua.LValue) { obj[k.String()] = luaToGo(val) })
			return obj
		}
		list := make([]interface{}, 0, n)
		for i := 1; i <= n; i++ {
			list = append(list, luaToGo(x.RawGetInt(i)))
		}
		return list
	default:
		panic(fmt.Errorf("json: unsupported value of Lua type %s", v.Type().String()))
	}
}

// Command etcd runs the etcd server from its Go module, so tests get a real etcd
// without a prebuilt download. Flags are etcd's own.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}

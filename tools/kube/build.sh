#!/usr/bin/env bash
# Builds etcd and kube-apiserver from the pinned Go modules in this folder (go.mod/go.sum) into a
# cache outside the checkout, so only the first run pays. Prints the two binaries' paths:
#   ETCD=/path/to/etcd
#   KUBE_APISERVER=/path/to/kube-apiserver
# Re-running with the binaries present does nothing. Needs Go >= 1.24 and the Go module proxy.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

# Versions come from go.mod, so the cache folder changes whenever the pins do.
pinned() { awk -v m="$1" '{ for (i = 1; i < NF; i++) if ($i == m && $(i + 1) ~ /^v[0-9]/) { print $(i + 1); exit } }' "$here/go.mod"; }
kube_version="$(pinned k8s.io/kubernetes)"
etcd_version="$(pinned go.etcd.io/etcd/server/v3)"
[ -n "$kube_version" ] && [ -n "$etcd_version" ] || { echo "build.sh: cannot read the pinned versions from $here/go.mod" >&2; exit 1; }
out="${SWITCHYARD_KUBE_BIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/switchyard/kube/${kube_version}-etcd-${etcd_version}}"

if [ -x "$out/etcd" ] && [ -x "$out/kube-apiserver" ]; then
  echo "ETCD=$out/etcd"
  echo "KUBE_APISERVER=$out/kube-apiserver"
  exit 0
fi

# Go's own installer puts it in /usr/local/go, which a non-login shell may lack on PATH.
command -v go >/dev/null 2>&1 || [ ! -x /usr/local/go/bin/go ] || export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null 2>&1 || { echo "build.sh: Go >= 1.24 is needed to build etcd and kube-apiserver" >&2; exit 1; }
mkdir -p "$out"
# Test files started side by side may all ask for the binaries: one builds, the others wait for it.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$out/.lock"
  flock 9
  if [ -x "$out/etcd" ] && [ -x "$out/kube-apiserver" ]; then
    echo "ETCD=$out/etcd"
    echo "KUBE_APISERVER=$out/kube-apiserver"
    exit 0
  fi
fi
tmp="$(mktemp -d "$out/.build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

cd "$here"
# Static binaries (no C toolchain needed); go.sum must already hold every module; never fetch another Go.
export CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false" GOTOOLCHAIN=local
# The version the server reports (/version, discovery); without it the build says v0.0.0-master.
vpkg="k8s.io/component-base/version"
minor="${kube_version#v1.}"; minor="${minor%%.*}"
ldflags="-s -w -X $vpkg.gitVersion=$kube_version -X $vpkg.gitMajor=1 -X $vpkg.gitMinor=$minor -X $vpkg.gitTreeState=clean"

start=$(date +%s)
echo "build.sh: building etcd $etcd_version and kube-apiserver $kube_version into $out (first run takes a while)" >&2
go build -trimpath -ldflags "-s -w" -o "$tmp/etcd" ./cmd/etcd
go build -trimpath -ldflags "$ldflags" -o "$tmp/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
# Move into place only when both built, so a half-done build never looks cached.
mv "$tmp/etcd" "$out/etcd"
mv "$tmp/kube-apiserver" "$out/kube-apiserver"
echo "build.sh: built in $(( $(date +%s) - start ))s" >&2

echo "ETCD=$out/etcd"
echo "KUBE_APISERVER=$out/kube-apiserver"

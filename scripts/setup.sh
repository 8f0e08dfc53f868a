#!/usr/bin/env bash
# Installs what the tests need beyond npm on a fresh Debian/Ubuntu machine: nats-server (the JetStream bus tests),
# wrk (benchmarks) and openssl (the test API server's certificate), then builds etcd and kube-apiserver once from
# pinned Go modules (cached outside the checkout; needs Go). Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v nats-server >/dev/null 2>&1 || need+=(nats-server)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${need[@]}"
fi

bash tools/kube/build.sh

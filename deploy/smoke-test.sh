#!/usr/bin/env bash
# Smoke test of the Compose stack (deploy/compose.yaml), run from the repository root once it is up:
#   docker compose -f deploy/compose.yaml up -d --build --wait && deploy/smoke-test.sh
# Checks that the three nodes are ready and form one cluster, that an order placed on one node reads the same on
# the others, that the API document is served, and that Prometheus scrapes every node. Exits non-zero on the
# first check that fails, saying which.
set -euo pipefail

NODES=(http://localhost:8081 http://localhost:8082 http://localhost:8083)
PROMETHEUS=http://localhost:9090

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# Retries a command for up to $1 seconds.
eventually() {
  local seconds=$1
  shift
  for _ in $(seq 1 "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  "$@"
}

for node in "${NODES[@]}"; do
  eventually 120 curl -fsS "$node/health/ready" || fail "$node is not ready"
done
echo "ok: three nodes ready"

members() {
  curl -fsS "$1/cluster" | grep -o '"lastHeartbeat"' | wc -l
}
three_members() {
  test "$(members "$1")" -eq 3
}
eventually 60 three_members "${NODES[0]}" || fail "the cluster view of node-1 does not list three members"
echo "ok: one cluster of three members"

location=$(curl -fsS -o /dev/null -w '%header{location}' -X POST "${NODES[0]}/orders" \
  -H 'Content-Type: application/json' -H "Idempotency-Key: smoke-$(date +%s%N)" \
  -d '{"customerId":"c-smoke","currency":"EUR","lines":[{"sku":"SKU-1","quantity":2,"unitPrice":"9.99"}]}') \
  || fail "placing an order on node-1 failed"
test -n "$location" || fail "placing an order answered no Location"
for node in "${NODES[@]:1}"; do
  curl -fsS "$node$location" | grep -q '"total":"19.98"' || fail "$node does not read the order placed on node-1"
done
echo "ok: an order placed on node-1 reads the same on node-2 and node-3 ($location)"

curl -fsS "${NODES[1]}/openapi.yaml" | grep -q '^openapi: 3.1' || fail "GET /openapi.yaml does not serve the API document"
echo "ok: the API document is served"

targets_up() {
  test "$(curl -fsS "$PROMETHEUS/api/v1/targets?state=active" | grep -o '"health":"up"' | wc -l)" -ge 3
}
eventually 60 targets_up || fail "Prometheus does not scrape three nodes"
echo "ok: Prometheus scrapes every node"

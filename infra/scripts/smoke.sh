#!/bin/sh
# Smoke test of a deployed environment: readiness, then a subset of the README's walkthrough (tenant, partner key, user,
# token, room, an interaction, the token's own profile). Uses ids unique to the run, so it can run against any environment.
# Usage: smoke.sh <base URL, e.g. https://func-api-xyz.azurewebsites.net> <admin API key> [--health-only]
set -eu

base="${1:?usage: smoke.sh <base URL> <admin API key> [--health-only]}"
admin="${2:?usage: smoke.sh <base URL> <admin API key> [--health-only]}"
api="$base/api"
run="smoke$(date -u +%Y%m%d%H%M%S)"
json='Content-Type: application/json'

fail() {
  echo "smoke: $1" >&2
  exit 1
}

# A fresh deployment needs a minute or two: role assignments propagate, the processor claims its partitions.
echo "smoke: waiting for $api/health/ready"
attempt=1
until curl -fsS "$api/health/ready" >/dev/null; do
  [ "$attempt" -lt 30 ] || fail "not ready after 30 attempts: $(curl -sS "$api/health/ready")"
  attempt=$((attempt + 1))
  sleep 10
done
curl -fsS "$api/health" >/dev/null || fail "/api/health is not healthy"
curl -fsS "$api/health/live" >/dev/null || fail "/api/health/live does not answer"
echo "smoke: ready"

if [ "${3:-}" = "--health-only" ]; then
  exit 0
fi

tenant=$(curl -fsS -X POST "$api/tenants" -H "X-Api-Key: $admin" -H "$json" -d "{\"name\":\"$run\"}" | jq -er .id) || fail "create tenant"
key=$(curl -fsS -X POST "$api/tenants/$tenant/keys" -H "X-Api-Key: $admin" -H "$json" \
  -d "{\"scopes\":[\"users\",\"rooms\"],\"name\":\"$run\"}" | jq -er .secret) || fail "issue partner key"
curl -fsS -X POST "$api/users" -H "X-Api-Key: $key" -H "$json" -d '{"id":"host","displayName":"Host","role":"host","tags":["smoke"]}' >/dev/null || fail "create user"
curl -fsS -X POST "$api/users" -H "X-Api-Key: $key" -H "$json" -d '{"id":"viewer","displayName":"Viewer","tags":["smoke"]}' >/dev/null || fail "create viewer"
token=$(curl -fsS -X POST "$api/users/viewer/tokens" -H "X-Api-Key: $key" | jq -er .token) || fail "mint user token"
curl -fsS "$api/me" -H "Authorization: Bearer $token" | jq -e '.id == "viewer"' >/dev/null || fail "read /me with the token"
curl -fsS -X POST "$api/rooms" -H "X-Api-Key: $key" -H "$json" \
  -d '{"id":"smoke-room","hostUserId":"host","title":"Smoke","category":"music","tags":["smoke"]}' >/dev/null || fail "create room"
curl -fsS -X POST "$api/rooms/smoke-room/start" -H "X-Api-Key: $key" >/dev/null || fail "start room"
curl -fsS -X POST "$api/rooms/smoke-room/interactions" -H "Authorization: Bearer $token" -H "$json" \
  -d '{"events":[{"type":"like","count":1}]}' >/dev/null || fail "post an interaction"
echo "smoke: walkthrough passed (tenant $run)"

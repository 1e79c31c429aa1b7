# Sourced by the benchmark scripts that need a silo of their own: a throwaway $work directory removed on exit, and
#   start_silo PORT [rlvr silo options...]   builds the CLI (Release) into $work/cli, starts `rlvr silo` on loopback
#                                            over $work/data and returns once it is up ($silo: its pid)
#   create_campaign URL ID YAML              creates (and starts) a campaign from a configuration file
# It expects $root (the repository) to be set.
work="$(mktemp -d)"
cleanup() { [[ -n "${silo:-}" ]] && kill "$silo" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

start_silo() {
  local port="$1"
  shift
  dotnet build "$root/src/Cli" -c Release -v quiet -nologo -o "$work/cli" > /dev/null
  dotnet "$work/cli/rlvr.dll" silo --data-dir "$work/data" --listen "http://127.0.0.1:$port" "$@" > "$work/silo.log" 2>&1 &
  silo=$!
  until grep -q "silo up" "$work/silo.log" 2>/dev/null; do sleep 0.1; kill -0 "$silo" || { cat "$work/silo.log"; exit 1; }; done
}

create_campaign() {
  python3 - "$@" <<'PY'
import json, sys, urllib.request
url, campaign, config = sys.argv[1:4]
body = json.dumps({"id": campaign, "config": open(config).read()}).encode()
urllib.request.urlopen(urllib.request.Request(f"{url}/api/v1/campaigns", body, {"Content-Type": "application/json"})).read()
PY
}

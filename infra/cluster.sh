#!/usr/bin/env bash
# A local cluster on loopback: N `rlvr silo` processes (the first with the GPU role), Redis or Azurite for membership,
# Azurite for grain state, reminders, checkpoints and datasets. Everything it starts is recorded under the cluster's
# directory and stopped by `down`.
#
#   infra/cluster.sh up [--silos N] [--membership redis|azure] [--dir DIR]   start (default: 3 silos, redis, .cluster)
#   infra/cluster.sh status [--dir DIR]                                      the silos, their pids and API addresses
#   infra/cluster.sh kill NAME [--dir DIR]                                   kill -9 one silo (e.g. silo-1)
#   infra/cluster.sh start NAME [--role gpu|cpu] [--dir DIR]                 start (again) one silo of the cluster
#   infra/cluster.sh down [--dir DIR]                                        stop everything the cluster started
#
# Then: rlvr campaign create examples/quickstart.yaml --id qs --server <an API address, or several, comma-separated>.
# Needs the build (dotnet build -c Release) and infra/setup.sh --with-azurite --with-redis.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

command=${1:-}
shift || true
silos=3
membership=redis
dir=.cluster
role=cpu
name=""
while (($#)); do
  case "$1" in
    --silos) silos=$2; shift 2 ;;
    --membership) membership=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --role) role=$2; shift 2 ;;
    -*) echo "cluster: unknown option $1" >&2; exit 2 ;;
    *) name=$1; shift ;;
  esac
done
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
rlvr="$root/src/Cli/bin/Release/net10.0/rlvr.dll"

# Running: a process that exited but was not reaped yet (a zombie) counts as gone.
alive() { [[ -r /proc/$1/stat ]] && [[ $(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) != Z ]]; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for_port() {
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "cluster: nothing answers on port $1" >&2
  return 1
}

# The environment of every silo: membership, storage and this cluster's ids.
silo_environment() {
  source "$dir/cluster.env"
  export RLVR_Silo__Membership=$MEMBERSHIP RLVR_Silo__MembershipConnectionString=$MEMBERSHIP_CONNECTION
  export RLVR_Storage__Provider=Azure RLVR_Storage__Checkpoints=Azure RLVR_Storage__ConnectionString=$AZURE
  export RLVR_Silo__ClusterId=local RLVR_Silo__ServiceId=local
}

start_silo() { # name role
  local log="$dir/$1.log"
  (silo_environment; exec dotnet "$rlvr" silo --data-dir "$dir/data" --listen http://127.0.0.1:0 --name "$1" --role "$2" \
    >"$log" 2>&1) &
  echo $! >"$dir/$1.pid"
  for _ in $(seq 1 900); do
    if grep -q "silo up; API on" "$log"; then
      grep -o "API on [^ ,]*" "$log" | head -1 | cut -d' ' -f3 >"$dir/$1.url"
      echo "$1 ($2): pid $(cat "$dir/$1.pid"), API $(cat "$dir/$1.url")"
      return 0
    fi
    if ! alive "$(cat "$dir/$1.pid")"; then
      echo "cluster: $1 exited; its log:" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "cluster: $1 did not come up in 90 s (log: $log)" >&2
  return 1
}

stop_pid_file() {
  local file=$1
  [[ -f $file ]] || return 0
  local pid
  pid=$(cat "$file")
  if alive "$pid"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
  fi
  rm -f "$file"
}

case "$command" in
  up)
    [[ -f "$dir/cluster.env" ]] && { echo "cluster: $dir already holds a cluster; infra/cluster.sh down first" >&2; exit 2; }
    [[ -f $rlvr ]] || dotnet build "$root/src/Cli" -c Release >/dev/null
    mkdir -p "$dir/data"
    blob=$(free_port); queue=$(free_port); table=$(free_port)
    "$root/.tools/azurite/node_modules/.bin/azurite" --silent --inMemoryPersistence --skipApiVersionCheck \
      --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
      --tableHost 127.0.0.1 --tablePort "$table" >"$dir/azurite.log" 2>&1 &
    echo $! >"$dir/azurite.pid"
    wait_for_port "$blob"; wait_for_port "$table"
    # Azurite's documented development account; it only works against the emulator.
    account=devstoreaccount1
    key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    azure="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$table/$account;"
    case "$membership" in
      redis)
        port=$(free_port)
        redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no >"$dir/redis.log" 2>&1 &
        echo $! >"$dir/redis.pid"
        wait_for_port "$port"
        printf 'MEMBERSHIP=Redis\nMEMBERSHIP_CONNECTION=127.0.0.1:%s\n' "$port" >"$dir/cluster.env" ;;
      azure)
        printf 'MEMBERSHIP=Azure\nMEMBERSHIP_CONNECTION=%q\n' "$azure" >"$dir/cluster.env" ;;
      *) echo "cluster: --membership is redis or azure, not $membership" >&2; exit 2 ;;
    esac
    printf 'AZURE=%q\n' "$azure" >>"$dir/cluster.env"
    starting=()
    for i in $(seq 1 "$silos"); do
      if ((i == 1)); then start_silo "silo-$i" gpu & else start_silo "silo-$i" cpu & fi
      starting+=($!)
    done
    for pid in "${starting[@]}"; do wait "$pid"; done
    echo "API: $(cat "$dir"/silo-*.url | paste -sd, -)   (stop everything with: infra/cluster.sh down --dir $dir)"
    ;;
  start)
    [[ -n $name ]] || { echo "cluster: start NAME" >&2; exit 2; }
    start_silo "$name" "$role" ;;
  kill)
    [[ -f "$dir/$name.pid" ]] || { echo "cluster: no silo named '$name' in $dir" >&2; exit 2; }
    kill -9 "$(cat "$dir/$name.pid")"
    rm -f "$dir/$name.pid" "$dir/$name.url"
    echo "killed $name" ;;
  status)
    for pid in "$dir"/silo-*.pid; do
      [[ -f $pid ]] || continue
      silo=$(basename "$pid" .pid)
      state=dead; alive "$(cat "$pid")" && state=up
      echo "$silo: pid $(cat "$pid") $state, API $(cat "$dir/$silo.url" 2>/dev/null || echo -)"
    done ;;
  down)
    for pid in "$dir"/silo-*.pid; do stop_pid_file "$pid"; done
    stop_pid_file "$dir/redis.pid"
    stop_pid_file "$dir/azurite.pid"
    rm -rf "$dir"
    echo "cluster stopped" ;;
  *)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 2 ;;
esac

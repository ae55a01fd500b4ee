#!/usr/bin/env bash
# Proves docker/Dockerfile and docker/compose.yaml on a real Docker engine, from this machine, with no registry:
#   1. engine    starts its own dockerd (Debian's docker.io) on a private socket, data and exec folder in a temp dir
#   2. base      makes the runtime's base image from Debian's packages: debootstrap bookworm (minbase), trimmed,
#                then `docker import` (the official debian:bookworm-slim cannot be pulled here)
#   3. binaries  scripts/build-release.sh devstack producer consumer (the build we ship)
#   4. image     docker build -f docker/Dockerfile --build-arg BINARIES=prebuilt --build-arg RUNTIME=<the local base>
#   5. up        docker-compose (v1, Debian's package) up on the real compose file, its four ports moved to free
#                ones through DEVSTACK_*_PORT; waits for the image's HEALTHCHECK to say healthy
#   6. drive     from the host: devstack send a fixture to the published webhook port, the task appears in the Asana
#                stub's journal, aws sqs list-queues answers on the published AWS port, /_devstack/health answers a
#                request whose Host is 127.0.0.1:PORT, the ports listen on 127.0.0.1 only (ss) and refuse on the
#                machine's other address
#   7. restart   a queue and a message made before `docker-compose down` are there after `up` (the named volume)
#   8. stop      `docker-compose stop` (SIGTERM, 10 s grace): the container exits by itself, not by SIGKILL
# Each phase prints its time. A trap removes the containers, stops dockerd by PID and deletes the temp folder.
#
# Networking: dockerd runs with --iptables=false (nothing here may touch the machine's firewall) and no default
# bridge; compose's own bridge network and Docker's userland proxy (docker-proxy) publish the ports on 127.0.0.1,
# which needs no iptables. Builds use the host network (`--network host`): only the host reaches Debian's mirror.
#
# Needs root (dockerd) and Debian's docker.io, docker-compose and debootstrap (scripts/install-deps.sh), the AWS
# CLI, curl and ss. Knobs: DOCKER_CHECK_CACHE (default .build-docker: the trimmed Debian root as a tarball, reused
# for a day, so a second run in the same CI job skips debootstrap; never shared across machines);
# DOCKER_CHECK_KEEP=1 keeps the temp folder for a post-mortem. Exit 0 only when every step passed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

fail() {
  echo "docker-check: FAILED: $*" >&2
  exit 1
}

[ "$(id -u)" = 0 ] || fail "needs root: dockerd runs as root here (CI runs as root)"
# Debian's CLI, the one that matches the engine (20.10) and has BuildKit built in; another `docker` on PATH may be
# a newer CLI that wants the buildx plugin for BuildKit.
docker_cli=/usr/bin/docker
for tool in /usr/sbin/dockerd "$docker_cli" debootstrap docker-compose aws curl ss; do
  command -v "$tool" >/dev/null || fail "'$tool' is missing (scripts/install-deps.sh installs docker.io, docker-compose, debootstrap)"
done

cache="${DOCKER_CHECK_CACHE:-$repo/.build-docker}"
work=$(mktemp -d /tmp/docker-check.XXXXXX)
sock="$work/docker.sock"
export DOCKER_HOST="unix://$sock"
export DOCKER_BUILDKIT=1
export COMPOSE_PROJECT_NAME=sentryasanacheck
image=sentry-asana-devstack:check
base=sentry-asana-local/debian:bookworm-slim
compose=(docker-compose --project-directory "$repo/docker" -f "$repo/docker/compose.yaml")
dockerd_pid=""
started_all=$EPOCHREALTIME

docker() { "$docker_cli" "$@"; }

cleanup() {
  local status=$?
  set +e
  if [ -n "$dockerd_pid" ] && kill -0 "$dockerd_pid" 2>/dev/null; then
    # Every container this engine ran (only ours: the engine is private), removed by id; then the volume.
    local ids
    ids=$(docker ps -aq 2>/dev/null)
    [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1
    docker volume prune -f >/dev/null 2>&1
    # Its networks too: a bridge left behind would outlive dockerd on the host.
    docker network prune -f >/dev/null 2>&1
    kill -TERM "$dockerd_pid" 2>/dev/null
    for _ in $(seq 1 100); do
      kill -0 "$dockerd_pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$dockerd_pid" 2>/dev/null; then
      echo "docker-check: dockerd ($dockerd_pid) did not stop in 20 s; killing it" >&2
      kill -KILL "$dockerd_pid" 2>/dev/null
    fi
    # dockerd stops the containerd it started; a leftover one (dockerd killed) is stopped by its pid file.
    local containerd_pid
    containerd_pid=$(cat "$work/exec/containerd/containerd.pid" 2>/dev/null)
    [ -n "$containerd_pid" ] && kill -TERM "$containerd_pid" 2>/dev/null
  fi
  if [ "$status" -ne 0 ] && [ -f "$work/dockerd.log" ]; then
    echo "docker-check: dockerd's log ended:" >&2
    grep -E 'level=(error|fatal)' "$work/dockerd.log" | tail -n 15 >&2
  fi
  # Network namespaces and the like that the engine left mounted under the temp folder.
  grep -o " $work[^ ]*" /proc/mounts 2>/dev/null | sort -r | while read -r mount; do umount -l "$mount"; done
  if [ "${DOCKER_CHECK_KEEP:-0}" = 1 ]; then
    echo "docker-check: kept $work"
  else
    rm -rf "$work"
  fi
  if [ "$status" -eq 0 ]; then
    echo "docker-check: passed in $(seconds_since "$started_all") s"
  else
    echo "docker-check: failed (exit $status) after $(seconds_since "$started_all") s" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
phase_started=""
phase() {
  [ -n "$phase_started" ] && echo "   (${phase_name}: $(seconds_since "$phase_started") s)"
  phase_name=$1
  phase_started=$EPOCHREALTIME
  echo "== docker-check: $1"
}

# A free TCP port on 127.0.0.1 (bound by the kernel, then released).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until "$@" succeeds: at most $1 tries, $2 seconds apart.
wait_for() {
  local tries=$1 pause=$2
  shift 2
  for _ in $(seq 1 "$tries"); do
    "$@" >/dev/null 2>&1 && return 0
    sleep "$pause"
  done
  return 1
}

container_id() { "${compose[@]}" ps -q devstack; }
health() { docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$(container_id)"; }

# Starts the stack and waits for the healthcheck (at most 60 s); prints the time to healthy.
up_and_wait_healthy() {
  local started status
  started=$EPOCHREALTIME
  "${compose[@]}" up -d --no-build >"$work/compose-up.log" 2>&1 || {
    cat "$work/compose-up.log" >&2
    fail "docker-compose up failed"
  }
  for _ in $(seq 1 300); do
    status=$(health 2>/dev/null || true)
    [ "$status" = healthy ] && break
    if [ "$(docker inspect --format '{{.State.Running}}' "$(container_id)" 2>/dev/null)" = false ]; then
      docker logs "$(container_id)" 2>&1 | tail -n 30 >&2
      fail "the container exited before it was healthy (exit $(docker inspect --format '{{.State.ExitCode}}' "$(container_id)"))"
    fi
    sleep 0.2
  done
  if [ "$status" != healthy ]; then
    docker logs "$(container_id)" 2>&1 | tail -n 30 >&2
    docker inspect --format '{{json .State.Health}}' "$(container_id)" >&2
    fail "the container is not healthy after 60 s (health: '${status:-none}')"
  fi
  echo "   healthy $(seconds_since "$started") s after docker-compose up (container created and started on vfs)"
  startup_times
}

# From the container's start: when devstack printed that the stack is up, and when the first healthcheck passed.
startup_times() {
  local id
  id=$(container_id)
  {
    docker inspect --format '{{.State.StartedAt}}' "$id"
    docker logs --timestamps "$id" 2>&1 | grep -m 1 'local stack is up' | cut -d' ' -f1
    docker inspect --format '{{range .State.Health.Log}}{{if eq .ExitCode 0}}{{.End.UTC.Format "2006-01-02T15:04:05.000000Z07:00"}}{{"\n"}}{{end}}{{end}}' "$id" | head -n 1
  } | python3 -c '
import sys, datetime
def t(s):
    s = s.strip().replace("Z", "+00:00")
    head, _, rest = s.partition(".")
    frac, zone = (rest[:rest.index("+")], rest[rest.index("+"):]) if "+" in rest else (rest, "")
    return datetime.datetime.fromisoformat(head + "." + (frac + "000000")[:6] + zone)
lines = [l for l in sys.stdin.read().splitlines() if l.strip()]
if len(lines) < 3: sys.exit("   (start-up times unavailable)")
start, up, healthy = (t(l) for l in lines[:3])
print(f"   from container start: stack up {(up - start).total_seconds():.2f} s, first healthcheck passed {(healthy - start).total_seconds():.2f} s")
' || true
}

phase "engine (dockerd, private socket and data folder)"
mkdir -p "$work/data" "$work/exec"
/usr/sbin/dockerd --storage-driver vfs --iptables=false --bridge=none \
  --default-address-pool base=172.31.248.0/21,size=24 \
  --data-root "$work/data" --exec-root "$work/exec" --pidfile "$work/dockerd.pid" --host "$DOCKER_HOST" \
  >"$work/dockerd.log" 2>&1 &
dockerd_pid=$!
wait_for 150 0.2 docker version || fail "dockerd did not answer on $sock within 30 s"
echo "   dockerd $(docker version --format '{{.Server.Version}}') pid $dockerd_pid, storage vfs, data $work/data"

phase "base image (debootstrap bookworm minbase, docker import)"
rootfs_tar="$cache/debian-bookworm-minbase.tar"
if [ -s "$rootfs_tar" ] && [ -n "$(find "$rootfs_tar" -mmin -1440)" ]; then
  echo "   reusing $rootfs_tar (made $(date -r "$rootfs_tar" -u +%H:%M) UTC)"
else
  mkdir -p "$cache"
  rootfs="$work/rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 || {
    tail -n 20 "$work/debootstrap.log" >&2
    fail "debootstrap could not make a Debian bookworm root"
  }
  # As the official slim image: no package cache, lists, documentation or locales, and dpkg told to leave out
  # the documentation of what the image installs later.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/* "$rootfs"/var/log/*.log
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
    'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' \
    >"$rootfs/etc/dpkg/dpkg.cfg.d/docker-slim"
  tar -C "$rootfs" -cf "$rootfs_tar.part" . && mv "$rootfs_tar.part" "$rootfs_tar"
  rm -rf "$rootfs"
fi
docker import "$rootfs_tar" "$base" >/dev/null || fail "docker import of $rootfs_tar failed"
echo "   $base: $(docker image inspect --format '{{.Size}}' "$base" | awk '{ printf "%.0f MB", $1 / 1e6 }')"

phase "binaries (scripts/build-release.sh devstack producer consumer)"
scripts/build-release.sh devstack producer consumer >"$work/build-release.log" 2>&1 || {
  tail -n 30 "$work/build-release.log" >&2
  fail "scripts/build-release.sh failed"
}
devstack="$repo/.build-release/release/devstack"

phase "image (docker build, BINARIES=prebuilt, RUNTIME=$base)"
docker build --network host -f docker/Dockerfile --build-arg BINARIES=prebuilt --build-arg "RUNTIME=$base" \
  --progress plain -t "$image" . >"$work/build.log" 2>&1 || {
  tail -n 30 "$work/build.log" >&2
  fail "docker build of docker/Dockerfile failed"
}
echo "   $image: $(docker image inspect --format '{{.Size}}' "$image" | awk '{ printf "%.1f MB", $1 / 1e6 }')" \
  "(base $(docker image inspect --format '{{.Size}}' "$base" | awk '{ printf "%.1f MB", $1 / 1e6 }'))"
user=$(docker image inspect --format '{{.Config.User}}' "$image")
[ -n "$user" ] && [ "$user" != root ] && [ "$user" != 0 ] || fail "the image runs as root (USER '$user')"
docker image inspect --format '{{json .Config.Healthcheck}}' "$image" | grep -q _devstack/health \
  || fail "the image has no HEALTHCHECK on /_devstack/health"

phase "up (docker-compose $(docker-compose version --short) on docker/compose.yaml, free ports)"
export DEVSTACK_IMAGE=$image
aws_port=$(free_port)
asana_port=$(free_port)
sentry_port=$(free_port)
webhook_port=$(free_port)
export DEVSTACK_AWS_PORT=$aws_port DEVSTACK_ASANA_PORT=$asana_port DEVSTACK_SENTRY_PORT=$sentry_port \
  DEVSTACK_WEBHOOK_PORT=$webhook_port
echo "   ports: aws $aws_port, asana $asana_port, sentry $sentry_port, webhook $webhook_port"
up_and_wait_healthy
uid=$(docker exec "$(container_id)" id -u)
[ "$uid" != 0 ] || fail "the stack runs as root inside the container"
echo "   runs as uid $uid"

phase "drive the stack from the host"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
aws_url="http://127.0.0.1:$aws_port"
curl -fsS "$aws_url/_devstack/health" >/dev/null \
  || fail "GET /_devstack/health through the published port (Host 127.0.0.1:$aws_port) was refused"
queues=$(aws --endpoint-url "$aws_url" sqs list-queues --output json) || fail "aws sqs list-queues failed on $aws_url"
echo "$queues" | grep -q '"QueueUrls"' || fail "aws sqs list-queues listed no queue: $queues"
echo "   aws sqs list-queues: $(echo "$queues" | grep -c 'http') queues"
"$devstack" send fixtures/webhooks/event_alert-go-dev-detections.json --to "http://127.0.0.1:$webhook_port/" \
  --secret dev-sentry-client-secret >"$work/send.log" 2>&1 || {
  cat "$work/send.log" >&2
  fail "devstack send to the published webhook port $webhook_port failed"
}
task_created() {
  "$devstack" calls asana --json --url "http://127.0.0.1:$asana_port" --method POST --path '/api/1.0/tasks' \
    | grep -q '"status" *: *201'
}
wait_for 100 0.3 task_created || {
  "$devstack" calls asana --url "http://127.0.0.1:$asana_port" >&2 || true
  fail "no task was created in the Asana stub within 30 s of the webhook"
}
echo "   the webhook became an Asana task (devstack calls asana: POST /api/1.0/tasks 201)"

# Published on 127.0.0.1 only: every listener on our ports is bound to 127.0.0.1, and the machine's other
# addresses refuse a connection to them.
for port in "$aws_port" "$asana_port" "$sentry_port" "$webhook_port"; do
  listeners=$(ss -ltnH "sport = :$port" | awk '{ print $4 }' | sort -u | tr '\n' ' ')
  [ "$listeners" = "127.0.0.1:$port " ] || fail "port $port listens on '$listeners', not on 127.0.0.1 only"
done
echo "   ss: the four ports listen on 127.0.0.1 only"
others=$(ip -o -4 addr show scope global 2>/dev/null | awk '{ sub(/\/.*/, "", $4); print $4 }')
for address in $others; do
  if curl -sS -m 3 -o /dev/null "http://$address:$aws_port/_devstack/health" 2>/dev/null; then
    fail "the AWS port $aws_port answers on $address, not only on 127.0.0.1"
  fi
  echo "   $address:$aws_port refuses (as it should)"
done

phase "restart (docker-compose down, up: state in the named volume)"
aws --endpoint-url "$aws_url" sqs create-queue --queue-name docker-check-kept --output text >/dev/null \
  || fail "create-queue failed"
kept_url=$(aws --endpoint-url "$aws_url" sqs get-queue-url --queue-name docker-check-kept --output text)
aws --endpoint-url "$aws_url" sqs send-message --queue-url "$kept_url" --message-body kept-across-restart \
  --output text >/dev/null || fail "send-message failed"
"${compose[@]}" down >"$work/compose-down.log" 2>&1 || { cat "$work/compose-down.log" >&2; fail "docker-compose down failed"; }
[ -z "$(docker ps -aq)" ] || fail "docker-compose down left a container"
up_and_wait_healthy
body=$(aws --endpoint-url "$aws_url" sqs receive-message --queue-url "$kept_url" --wait-time-seconds 1 \
  --query 'Messages[0].Body' --output text 2>&1) || fail "the queue made before the restart is gone: $body"
[ "$body" = kept-across-restart ] || fail "the message sent before the restart is not there after it (got '$body')"
echo "   the queue and its message survived down/up"

phase "stop (SIGTERM, compose's 10 s grace period)"
id=$(container_id)
started=$EPOCHREALTIME
"${compose[@]}" stop >"$work/compose-stop.log" 2>&1 || { cat "$work/compose-stop.log" >&2; fail "docker-compose stop failed"; }
took=$(seconds_since "$started")
code=$(docker inspect --format '{{.State.ExitCode}}' "$id")
[ "$code" != 137 ] || fail "the container did not stop on SIGTERM within the grace period (killed, exit 137)"
docker logs "$id" 2>&1 | grep -q 'stopping' || fail "devstack did not log that it was stopping on SIGTERM"
echo "   stopped $took s after docker-compose stop, exit $code (devstack logged 'stopping…')"
"${compose[@]}" down -v >/dev/null 2>&1 || fail "docker-compose down -v failed"
phase_started_total=$phase_started
echo "   (${phase_name}: $(seconds_since "$phase_started_total") s)"

#!/usr/bin/env bash
# Builds the two deployable Lambda packages for the provided.al2023 runtime:
#   dist/lambda/producer.zip   bootstrap
#   dist/lambda/consumer.zip   bootstrap, routing.yaml (the consumer reads $LAMBDA_TASK_ROOT/routing.yaml)
# then checks every bootstrap's shared libraries against those the runtime ships (scripts/check-lambda-libraries.sh).
#
# Usage: scripts/package-lambda.sh [--docker] [--strict] [--out DIR]
#   (no flag)   builds here, for this machine's architecture, without Docker: what the tests deploy locally.
#   --docker    builds for arm64 (production's architecture) in the Swift Amazon Linux 2023 image, through
#               docker/Dockerfile.lambda, which runs this same script inside the image. CI's package job.
#   --strict    fail when a bootstrap needs glibc symbols newer than the runtime's 2.34 (the Docker build uses it;
#               a build here on Debian only warns, since its zips are for local runs).
#   --out DIR   where the zips go (default dist/lambda).
#
# Release build, Swift runtime and Foundation linked statically: a bootstrap needs only glibc, libcurl and
# libcrypto from the image (docs/deploy.md lists what provided.al2023 ships, with sources).
set -euo pipefail
cd "$(dirname "$0")/.."
out="dist/lambda"
docker=false
strict=()
while [ $# -gt 0 ]; do
  case "$1" in
    --docker) docker=true; shift ;;
    --strict) strict=(--strict); shift ;;
    --out) out="${2:?--out needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "package-lambda: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if $docker; then
  # The image builds and checks; its last stage holds only the zips, which --output copies here.
  docker build --platform linux/arm64 -f docker/Dockerfile.lambda --output "type=local,dest=$out" .
  ls -l "$out"
  exit 0
fi

scratch="${SCRATCH:-.build-lambda}"
flags=(-c release --scratch-path "$scratch" --static-swift-stdlib)
for product in producer consumer; do
  swift build "${flags[@]}" --product "$product"
done
bin=$(swift build "${flags[@]}" --show-bin-path)

mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for product in producer consumer; do
  mkdir -p "$work/$product"
  cp "$bin/$product" "$work/$product/bootstrap"
  strip "$work/$product/bootstrap"
  chmod 755 "$work/$product/bootstrap"
  [ "$product" = consumer ] && cp config/routing.yaml "$work/$product/routing.yaml"
  rm -f "$out/$product.zip"
  # -X: no extra file attributes; the zip holds only what Lambda unpacks into /var/task.
  (cd "$work/$product" && zip -q -X "$out/$product.zip" ./*)
done
scripts/check-lambda-libraries.sh "${strict[@]}" "$out/producer.zip" "$out/consumer.zip"
ls -l "$out"

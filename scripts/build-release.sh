#!/usr/bin/env bash
# Builds devstack (or the products named) the way we ship and benchmark it: release, the Swift runtime and
# Foundation linked in statically (no dynamic loader work over ~25 shared libraries at start), every function in
# its own section, and lld placing the functions that run at start-up next to each other
# (scripts/devstack-startup.order, made by scripts/startup-order.sh).
#
# Why the ordering: the kernel maps 64 KiB of an executable around every page a process touches. Left in the
# compiler's order, the few MB of code that start the emulator are spread over ~25 MB of text, and RSS at ready
# is ~32 MiB; next to each other they make it ~25 MiB (Benchmarks/README.md). The binaries behave the same.
#
# Usage: scripts/build-release.sh [PRODUCT...]     (default: devstack; SCRATCH=folder, default .build-release)
# Prints the folder of the binaries last.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${SCRATCH:-.build-release}"
[ $# -gt 0 ] || set -- devstack
flags=(
  -c release --scratch-path "$scratch" --static-swift-stdlib
  -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections
  -Xswiftc -use-ld=lld -Xlinker "--symbol-ordering-file=$PWD/scripts/devstack-startup.order"
  -Xlinker --no-warn-symbol-ordering -Xlinker -no-pie -Xlinker --no-export-dynamic
)
for product in "$@"; do
  # SwiftPM does not see the order file as an input: drop the binary so that it is linked again with it.
  rm -f "$scratch/release/$product"
  swift build "${flags[@]}" --product "$product"
done
swift build "${flags[@]}" --show-bin-path

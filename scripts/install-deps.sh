#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine (as root): the system libraries the package links, and
# the Python tools and real clients the checks and interoperability tests drive, at pinned versions.
# `.ci/run` and the CircleCI jobs call it; a developer runs it once.
set -euo pipefail
cd "$(dirname "$0")/.."

# SQLite (emulator state), libcurl (URLSession), OpenSSL (libcrypto), zlib (gzip of bodies too large for SQS);
# zip for the Lambda packages; Chromium and its WebDriver for the dashboard's browser test.
need=()
packages=(libsqlite3-dev libcurl4-openssl-dev libssl-dev zlib1g-dev pkg-config zip unzip chromium chromium-driver)
# scripts/docker-check.sh (a check of scripts/test.sh): Debian's Docker engine and compose (v1), debootstrap for
# the base image, curl and ss. DOCKER_CHECK=0 (CircleCI's container jobs, which cannot run an engine) skips them.
if [ "${DOCKER_CHECK:-1}" != 0 ]; then
  packages+=(docker.io docker-compose debootstrap curl iproute2)
fi
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}"
fi

# Real clients no one here wrote (boto3, the AWS CLI, the official asana client), the CircleCI schema check,
# the JUnit reader and Pulumi's SDK for deploy/'s mock tests; plus an older boto3, in its own venv, that still
# speaks SQS's query protocol.
python3 -m pip install -q --disable-pip-version-check -r Tests/interop-requirements.txt -r deploy/requirements.txt
sh Tests/EmulatorTests/Interop/setup-query-venv.sh

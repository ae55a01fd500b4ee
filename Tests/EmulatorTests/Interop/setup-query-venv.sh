#!/bin/sh
# Creates the virtual environment with an older boto3 that still speaks the query protocol (form-encoded
# Action=..., XML answers) to SQS; botocore moved SQS to JSON 1.0 in late 2023. InteropTests uses it when present.
set -eu
root="$(cd "$(dirname "$0")/../../.." && pwd)"
venv="$root/.build/interop/query-venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet 'boto3==1.26.165' 'botocore==1.29.165'
"$venv/bin/python" -c "import boto3; print('query-protocol boto3', boto3.__version__, 'sqs protocol:', boto3.client('sqs', region_name='us-east-1').meta.service_model.protocol)"

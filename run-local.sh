#!/usr/bin/env bash
# Runs the whole Creative Labs Platform locally on embedded defaults. Ctrl-C stops everything.
#   ./run-local.sh            keep the data of the last run (.devstack/)
#   ./run-local.sh --fresh    start from an empty database
# Environment: CLP_DATABASE_URL (superuser JDBC URL of an existing PostgreSQL instead of the embedded one),
# GATEWAY_PORT, PLATFORM_CORE_PORT, TENANT_ADMIN_PORT, CLP_EMBEDDED_PG_PORT.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests package
exec java -Dlogback.configurationFile=devstack-logback.xml -jar devstack/target/devstack-0.1.0-SNAPSHOT-exec.jar "$@"

# Shared by the benchmarks (sourced): starts the launcher's platform on its own ports and data folder
# (target/bench/devstack), with the services' production JVM settings (the chart's -XX:MaxRAMPercentage=75, not the
# launcher's capped JIT), and stops it when the benchmark exits.
#   bench_start_platform NAME     builds, starts, waits until it runs; sets BENCH_OUT, BENCH_PASSWORD
# PostgreSQL: CLP_DATABASE_URL (a superuser JDBC URL, e.g. the machine's server) or the embedded one.

BENCH_OUT=target/bench

bench_start_platform() {
  local name=$1
  mkdir -p "$BENCH_OUT"
  ./mvnw -B -q -DskipTests package
  export CLP_DEVSTACK_HOME="$PWD/$BENCH_OUT/devstack"
  export CLP_SERVICE_JAVA_OPTS="${CLP_SERVICE_JAVA_OPTS:--XX:MaxRAMPercentage=75}"
  export CLP_DATABASE_NAME="${CLP_DATABASE_NAME:-clpbench}"
  export GATEWAY_PORT=18080 PLATFORM_CORE_PORT=18081 TENANT_ADMIN_PORT=18082 KEYCLOAK_PORT=18180 KEYCLOAK_MANAGEMENT_PORT=19180
  export CLP_SMTP_PORT=13025 CLP_EMBEDDED_PG_PORT=15532
  local log="$BENCH_OUT/$name-platform.log"
  java -Dlogback.configurationFile=devstack-logback.xml -jar devstack/target/devstack-0.1.0-SNAPSHOT-exec.jar --fresh >"$log" 2>&1 &
  BENCH_PLATFORM_PID=$!
  trap 'kill -TERM "$BENCH_PLATFORM_PID" 2>/dev/null; wait "$BENCH_PLATFORM_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 300); do
    grep -q "is running" "$log" && break
    kill -0 "$BENCH_PLATFORM_PID" 2>/dev/null || { tail -50 "$log"; echo "bench: the platform did not start"; exit 1; }
    sleep 2
  done
  grep -q "is running" "$log" || { tail -50 "$log"; echo "bench: the platform was not up after 600 s"; exit 1; }
  BENCH_PASSWORD=$(grep '^DEMO_PASSWORD=' "$CLP_DEVSTACK_HOME/dev.env" | cut -d= -f2-)
  if [ -n "${CLP_DATABASE_URL:-}" ]; then
    echo "bench: PostgreSQL at $CLP_DATABASE_URL"
  else
    echo "bench: embedded PostgreSQL 15 (default settings)"
  fi
}

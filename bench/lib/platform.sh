# Shared by the benchmarks (sourced): starts the launcher's platform on its own ports and data folder
# (target/bench/devstack), each service with its production JVM settings — the chart's javaOpts, and the JVM sized as
# in its container (-XX:MaxRAM and -XX:ActiveProcessorCount from the chart's limits), not the launcher's capped JIT —
# and stops it when the benchmark exits. CLP_<SERVICE>_JAVA_OPTS (or CLP_SERVICE_JAVA_OPTS for all) overrides.
#   bench_start_platform NAME     builds, starts, waits until it runs; sets BENCH_OUT, BENCH_PASSWORD, BENCH_JVM
# PostgreSQL: CLP_DATABASE_URL (a superuser JDBC URL, e.g. the machine's server) or the embedded one.

BENCH_OUT=target/bench

# chart_jvm COMPONENT: the JVM options a component's container runs with (values.yaml: javaOpts and its limits)
chart_jvm() {
  awk -v component="  $1:" '
    $0 == component { found = 1; next }
    found && /javaOpts:/ { line = $0; sub(/.*javaOpts: *"/, "", line); sub(/".*/, "", line); opts = line }
    found && /limits:/ {
      cpu = $0; sub(/.*cpu: *"?/, "", cpu); sub(/[",}].*/, "", cpu)
      memory = $0; sub(/.*memory: */, "", memory); sub(/[,} ].*/, "", memory)
      sub(/Mi$/, "m", memory); sub(/Gi$/, "g", memory)
      printf "%s -XX:MaxRAM=%s -XX:ActiveProcessorCount=%s\n", opts, memory, cpu; exit
    }' helm/creative-labs/values.yaml
}

bench_start_platform() {
  local name=$1
  mkdir -p "$BENCH_OUT"
  ./mvnw -B -q -DskipTests package
  export CLP_DEVSTACK_HOME="$PWD/$BENCH_OUT/devstack"
  if [ -z "${CLP_SERVICE_JAVA_OPTS:-}" ]; then
    export CLP_GATEWAY_JAVA_OPTS="${CLP_GATEWAY_JAVA_OPTS:-$(chart_jvm gateway)}"
    export CLP_PLATFORM_CORE_JAVA_OPTS="${CLP_PLATFORM_CORE_JAVA_OPTS:-$(chart_jvm platformCore)}"
    export CLP_TENANT_ADMIN_JAVA_OPTS="${CLP_TENANT_ADMIN_JAVA_OPTS:-$(chart_jvm tenantAdmin)}"
    export BENCH_JVM="gateway \`$CLP_GATEWAY_JAVA_OPTS\`, platform-core \`$CLP_PLATFORM_CORE_JAVA_OPTS\`, tenant-admin \`$CLP_TENANT_ADMIN_JAVA_OPTS\`"
  else
    export BENCH_JVM="\`$CLP_SERVICE_JAVA_OPTS\`"
  fi
  export CLP_DATABASE_NAME="${CLP_DATABASE_NAME:-clpbench}"
  # Keycloak's data apart from a local run's, started over with the platform's (--fresh) on a server of one's own.
  export CLP_KEYCLOAK_DATABASE="${CLP_KEYCLOAK_DATABASE:-${CLP_DATABASE_NAME}_keycloak}"
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

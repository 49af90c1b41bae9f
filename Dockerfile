# One image definition for every service: build the jars first (./mvnw -DskipTests package), then e.g.
#   docker build --build-arg SERVICE=platform-core -t <registry>/platform-core:<tag> .
#   docker build --build-arg SERVICE=tenant-admin  -t <registry>/tenant-admin:<tag> .
#   docker build --build-arg SERVICE=gateway       -t <registry>/gateway:<tag> .
# Not built in CI: no container engine runs on the build machines. The image runs as a non-root user on a read-only
# root filesystem (the Helm chart mounts an emptyDir at /tmp); the port comes from SERVER_PORT (set by the chart).
ARG SERVICE

FROM eclipse-temurin:17-jre AS layers
ARG SERVICE
WORKDIR /layers
COPY ${SERVICE}/target/${SERVICE}.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 65532:65532
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

# The govflow API: the Quarkus fast-jar that `./mvnw -B package -DskipTests -Dquarkus.profile=pg` leaves in
# api/target/quarkus-app. Build from the repository root: docker build -f deploy/docker/api.Dockerfile -t govflow/api .
# Quarkus fixes the database kind at build time, so a jar built without -Dquarkus.profile=pg cannot reach PostgreSQL.
FROM eclipse-temurin:17.0.20_8-jre-noble

# A fixed numeric user, so that Kubernetes' runAsNonRoot can verify it without a name lookup; the same id in the
# worker image lets both write the artifact volume they share.
RUN groupadd --system --gid 10001 govflow \
 && useradd --system --uid 10001 --gid govflow --home-dir /deployments --no-create-home --shell /usr/sbin/nologin govflow \
 && mkdir -p /var/lib/govflow/artifacts \
 && chown -R govflow:govflow /var/lib/govflow

WORKDIR /deployments
# Dependencies first: they change less often than the application, so rebuilds reuse that layer. The files stay
# owned by root: the process can read its code but not change it.
COPY api/target/quarkus-app/lib/ /deployments/lib/
COPY api/target/quarkus-app/*.jar /deployments/
COPY api/target/quarkus-app/app/ /deployments/app/
COPY api/target/quarkus-app/quarkus/ /deployments/quarkus/

# The heap follows the container's memory limit; an OutOfMemoryError ends the process so that the orchestrator
# restarts it instead of leaving a half-working API behind.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    GOVFLOW_ARTIFACTS_ROOT=/var/lib/govflow/artifacts

USER 10001:10001
EXPOSE 8080

HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${QUARKUS_HTTP_PORT:-8080}/q/health/live" >/dev/null || exit 1

# exec: java becomes PID 1 and receives SIGTERM, so Quarkus shuts down gracefully.
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar \"$@\"", "--"]

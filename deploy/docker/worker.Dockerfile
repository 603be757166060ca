# The govflow worker: the Quarkus fast-jar that `./mvnw -B package -DskipTests -Dquarkus.profile=pg` leaves in
# worker/target/quarkus-app. Build from the repository root: docker build -f deploy/docker/worker.Dockerfile -t govflow/worker .
# Quarkus fixes the database kind at build time, so a jar built without -Dquarkus.profile=pg cannot reach PostgreSQL.
FROM eclipse-temurin:17.0.20_8-jre-noble

# A fixed numeric user, so that Kubernetes' runAsNonRoot can verify it without a name lookup; the same id in the
# API image lets both write the artifact volume they share.
RUN groupadd --system --gid 10001 govflow \
 && useradd --system --uid 10001 --gid govflow --home-dir /deployments --no-create-home --shell /usr/sbin/nologin govflow \
 && mkdir -p /var/lib/govflow/artifacts \
 && chown -R govflow:govflow /var/lib/govflow

WORKDIR /deployments
# Dependencies first: they change less often than the application, so rebuilds reuse that layer. The files stay
# owned by root: the process can read its code but not change it.
COPY worker/target/quarkus-app/lib/ /deployments/lib/
COPY worker/target/quarkus-app/*.jar /deployments/
COPY worker/target/quarkus-app/app/ /deployments/app/
COPY worker/target/quarkus-app/quarkus/ /deployments/quarkus/
# The sample data sets, so that the walkthrough's use case (dataset samples/credit-g.csv) runs on the local provider;
# mount your own data sets under /data (for example /data/datasets) and name them relative to it.
COPY samples/credit-g.csv samples/diabetes.csv /data/samples/

# The heap follows the container's memory limit (training runs in this process); an OutOfMemoryError ends the
# process so that the orchestrator restarts it and Temporal retries the activity.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    GOVFLOW_ARTIFACTS_ROOT=/var/lib/govflow/artifacts \
    GOVFLOW_LOCAL_DATA_ROOT=/data \
    GOVFLOW_LOCAL_ENDPOINTS_HOST=0.0.0.0

USER 10001:10001
# 8081: health and Prometheus metrics; 8082: the local provider's model endpoints.
EXPOSE 8081 8082

HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${QUARKUS_HTTP_PORT:-8081}/q/health/live" >/dev/null || exit 1

# exec: java becomes PID 1 and receives SIGTERM, so the worker finishes running activity attempts before it stops.
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar \"$@\"", "--"]

# Sourced by the bin/ commands that run a main class of the activities module, with no server.
# Builds the module when its jar is missing or older than the sources, and resolves its runtime classpath once into
# activities/target/classpath.txt.
# shellcheck shell=bash
activities_java() {
  local main="$1"
  shift
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  local jar="$root/activities/target/govflow-activities-0.1.0-SNAPSHOT.jar"
  local classpath="$root/activities/target/classpath.txt"
  if [ ! -f "$jar" ] || [ ! -f "$classpath" ] || [ -n "$(cd "$root" && find pom.xml workflows/pom.xml \
      activities/pom.xml workflows/src/main activities/src/main -newer "$jar" -type f -print -quit)" ]; then
    echo "building the activities module (the first build downloads dependencies)..." >&2
    # One reactor run: the workflows module resolves to its freshly packaged jar, never to ~/.m2.
    (cd "$root" && ./mvnw -B -q -pl activities -am package -DskipTests \
      org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile=target/classpath.txt >&2)
  fi
  exec java -cp "$jar:$(cat "$classpath")" "$main" "$@"
}

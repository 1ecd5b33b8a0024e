#!/usr/bin/env bash
# Runs the Spark MLlib implicit-ALS benchmark (io.musicrec.bench.SparkAlsBench) from the shaded jar.
# Build it first, from the repository root:
#   mvn -B -Pbench -pl bench/spark -am package -DskipTests
# Then, for example:
#   bench/spark-als.sh --plays ../shared/data/lastfm-2k/user_artists.dat --rank 64 --iterations 15 --out /tmp/spark-als.json
# Options: bench/spark-als.sh --help. Environment: BENCH_HEAP (default 4g), JAVA_OPTS (extra JVM flags).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../local/jdk.sh
. "$here/../local/jdk.sh"
jar="$here/spark/target/musicrec-bench.jar"
if [[ ! -f "$jar" ]]; then
  echo "spark-als.sh: $jar is missing; build it with: mvn -B -Pbench -pl bench/spark -am package -DskipTests" >&2
  exit 2
fi

# Spark binds the driver and block manager to this address. Unset, it looks up the host name,
# warns when that resolves to loopback, and may pick an interface other machines can reach.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

jvm=(
  "-Xmx${BENCH_HEAP:-4g}"
  # The one module access local ALS needs (Java 17 and 25 alike): Spark's storage layer calls
  # sun.nio.ch.DirectBuffer.cleaner() to free buffers. (spark-submit passes Spark's whole list of
  # --add-opens; none of the others is reached by this benchmark.)
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  # Spark's ALS does its dspr/daxpy through netlib, which uses the Vector API when this module is
  # there and no native BLAS is installed; the project's trainer gets the same module.
  --add-modules=jdk.incubator.vector
)

# JAVA_OPTS is split on spaces on purpose: it carries several flags.
# shellcheck disable=SC2086
exec java "${jvm[@]}" ${JAVA_OPTS:-} -jar "$jar" "$@"

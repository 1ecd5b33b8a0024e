#!/usr/bin/env bash
# The Spark job (local[2]) and the trainer side by side on one play file, each in a fresh JVM under
# /usr/bin/time -v: the phases' wall seconds (the job's JSON line; the trainer's stderr) and each
# process's peak RSS. A measurement, not a test: on the 360K-shaped synthetic matrix (the default,
# 358,858 users x 160,112 artists, 17.3 M plays) it holds both cores for many minutes and GBs.
#
#   spark/bench/measure-spark-training.sh [XMX=8g] [PLAYS=generate] [WORK=/tmp/musicrec-spark-bench]
#
# ITERATIONS (environment, default 15) sets both sides' ALS iterations, to bound a run on a busy machine.
# Needs Maven, /usr/bin/time and a JDK 25 (local/jdk.sh). Results go to WORK/*.log; put the figures
# in bench/README.md. The export (PostgreSQL to parts) is not part of this run.
set -euo pipefail
cd "$(dirname "$0")/../.."
. local/jdk.sh
xmx=${1:-8g}
plays=${2:-generate}
work=${3:-/tmp/musicrec-spark-bench}
iterations=${ITERATIONS:-15}
mkdir -p "$work"

# The trainer's jar, and the job's classes with its class path (Spark is a provided dependency).
mvn -B -q -DskipTests package dependency:build-classpath -pl spark -am -Dmdep.outputFile="$work/spark.classpath" >/dev/null
trainer="java -Xmx$xmx --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar functions/trainer/target/musicrec-trainer.jar"

if [ "$plays" = generate ]; then
  plays=$work/plays-360k.tsv
  [ -f "$plays" ] || $trainer generate --out "$plays"
fi

echo "spark job (local[2], -Xmx$xmx) on $plays" >&2
SPARK_LOCAL_IP=127.0.0.1 /usr/bin/time -v java -Xmx"$xmx" --add-modules jdk.incubator.vector \
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
  -Dspark.master='local[2]' -Dspark.ui.enabled=false -Dspark.driver.memory="$xmx" \
  -cp "spark/target/classes:$(cat "$work/spark.classpath")" io.musicrec.spark.TrainingJob \
  --plays "$plays" --out "$work/spark-model" --als-blocks 2 --iterations "$iterations" >"$work/spark.out" 2>"$work/spark.log"
cat "$work/spark.out"
grep -E 'Elapsed \(wall|Maximum resident' "$work/spark.log"

echo "trainer (2 threads, -Xmx$xmx) on $plays" >&2
/usr/bin/time -v $trainer train --plays "$plays" --out "$work/trainer-model" --threads 2 --iterations "$iterations" >"$work/trainer.out" 2>"$work/trainer.log"
grep -E '^read|^trained|Elapsed \(wall|Maximum resident' "$work/trainer.log"

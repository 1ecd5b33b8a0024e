#!/usr/bin/env bash
# Times one retraining run (the shaded jar's `retrain`, in a fresh JVM under /usr/bin/time -v)
# against embedded PostgreSQL and s3proxy holding Last.fm 2K plus synthetic registered users.
#
#   functions/trainer/bench/measure-retraining.sh [XMX=3g] [USERS=10000] [ARTISTS_PER_USER=50]
#
# Needs: the jar and test classes built (mvn -B -q install -pl functions/trainer -am -DskipTests
# && mvn -B -q -pl functions/trainer test-compile), the Last.fm 2K files in MUSICREC_LASTFM_DIR
# (default ../shared/data/lastfm-2k), /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/../../.."
xmx=${1:-3g}
users=${2:-10000}
artists=${3:-50}
lastfm=${MUSICREC_LASTFM_DIR:-../shared/data/lastfm-2k}
classpath_file=functions/trainer/target/bench.classpath
mvn -B -q -o -pl functions/trainer dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
# The README gives figures with the default (hybrid) gate and with RETRAIN_GATE_MODE=fold-in exported.
exec java -Xmx2g -cp "functions/trainer/target/test-classes:functions/trainer/target/classes:$(cat "$classpath_file")" \
  io.musicrec.trainer.bench.RetrainMeasurement "$lastfm" model-artifacts/lastfm-2k functions/trainer/target/musicrec-trainer.jar \
  "$xmx" "$users" "$artists"

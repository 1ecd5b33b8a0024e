#!/usr/bin/env bash
# The Spark path and the trainer side by side on the 360K-shaped synthetic matrix (358,858 users x
# 160,112 artists, 17.3 M plays), each step a fresh JVM under /usr/bin/time -v (wall seconds, peak
# RSS): load the plays into a PostgreSQL database, `export-plays` from it, the Spark job (local[2])
# on the export's training side, and the trainer on the same training plays. A measurement, not a
# test: it holds both cores for the best part of an hour and GBs of memory.
#
#   spark/bench/measure-spark-training.sh [XMX=8g] [WORK=/tmp/musicrec-spark-bench]
#
# BENCH_DATABASE (default musicrec_bench) is dropped and re-created on the PostgreSQL at
# PGHOST:PGPORT (default 127.0.0.1:5432, user PGUSER=postgres); ITERATIONS (default 15) sets both
# sides' ALS iterations. Needs Maven, psql, /usr/bin/time and a JDK 25 (local/jdk.sh). Results go to
# WORK/*.log; put the figures in bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
. local/jdk.sh
xmx=${1:-8g}
work=${2:-/tmp/musicrec-spark-bench}
iterations=${ITERATIONS:-15}
database=${BENCH_DATABASE:-musicrec_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
mkdir -p "$work"
timed() { # name command...: runs the command under time -v, its stdout to WORK/name.out, stderr to WORK/name.log
  local name=$1; shift
  echo "$name: $(uptime | sed 's/.*load/load/')" >&2
  /usr/bin/time -v "$@" >"$work/$name.out" 2>"$work/$name.log"
  grep -E 'Elapsed \(wall|Maximum resident' "$work/$name.log" | sed "s/^/$name: /" >&2
}

# The trainer's jar, and the job's classes with its class path (Spark is a provided dependency).
mvn -B -q -DskipTests package dependency:build-classpath -pl spark -am -Dmdep.outputFile="$work/spark.classpath" >/dev/null
trainer="java -Xmx$xmx --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar functions/trainer/target/musicrec-trainer.jar"

plays=$work/plays-360k.tsv
[ -f "$plays" ] || $trainer generate --out "$plays"

# The plays as the Last.fm base of a fresh schema (the migrations, then COPY without the foreign key
# and index, which are added back after).
psql -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
for migration in $(ls functions/platform/src/main/resources/db/migration/V*.sql | sort -V); do
  psql -q -v ON_ERROR_STOP=1 -d "$database" -f "$migration"
done
psql -q -v ON_ERROR_STOP=1 -d "$database" <<SQL
INSERT INTO artists (id, name, search_name) SELECT g, 'artist ' || g, 'artist ' || g FROM generate_series(1, 160112) g;
ALTER TABLE base_plays DROP CONSTRAINT base_plays_artist_id_fkey;
DROP INDEX base_plays_by_artist;
\copy base_plays FROM PROGRAM 'tail -n +2 $plays' WITH (FORMAT text)
CREATE INDEX base_plays_by_artist ON base_plays (artist_id);
ALTER TABLE base_plays ADD CONSTRAINT base_plays_artist_id_fkey FOREIGN KEY (artist_id) REFERENCES artists (id);
ANALYZE;
SQL

rm -rf "$work/export"
MODEL_BUCKET=unused DATABASE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$database" DATABASE_USER=$PGUSER \
  timed export $trainer export-plays --out "$work/export"
grep '^exported' "$work/export.log" >&2

rm -rf "$work/spark-model"
SPARK_LOCAL_IP=127.0.0.1 timed spark java -Xmx"$xmx" --add-modules jdk.incubator.vector \
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
  -Dspark.master='local[2]' -Dspark.ui.enabled=false -Dspark.driver.memory="$xmx" \
  -cp "spark/target/classes:$(cat "$work/spark.classpath")" io.musicrec.spark.TrainingJob \
  --plays "$work/export/train" --out "$work/spark-model" --als-blocks 2 --iterations "$iterations"
cat "$work/spark.out" >&2

# The trainer reads one TSV: the same training parts, concatenated under one header.
{ echo -e 'userID\tartistID\tweight'; for part in "$work"/export/train/part-*.tsv.gz; do zcat "$part" | tail -n +2; done; } >"$work/train.tsv"
rm -rf "$work/trainer-model"
timed trainer $trainer train --plays "$work/train.tsv" --out "$work/trainer-model" --threads 2 --iterations "$iterations"
grep -E '^read|^trained|^neighbours|^wrote' "$work/trainer.log" >&2 || true

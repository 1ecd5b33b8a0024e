# Sourced by local/start, local/bench, local/invoke and .ci/run. Puts a JDK of at least
# MUSICREC_JDK (25: Lambda's java25 runtime) first on PATH and in JAVA_HOME, or stops with one line.
# Looks at JAVA_HOME, then the java on the PATH, then the usual install directories, and says on
# stderr which one it took.
MUSICREC_JDK=25

# The feature version of the JDK at $1 (25 for 25.0.1, 8 for 1.8.0), from its release file.
musicrec_jdk_version() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -f "$1/release" ] || return 1
  version=$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$1/release")
  case "$version" in 1.*) version=${version#1.} ;; esac
  echo "${version%%.*}"
}

musicrec_use_jdk() {
  on_path=$(command -v java 2>/dev/null) && on_path=$(dirname "$(dirname "$(readlink -f "$on_path")")")
  for home in "${JAVA_HOME:-}" "$on_path" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$home" ] || continue
    major=$(musicrec_jdk_version "$home") || continue
    if [ "$major" -ge "$MUSICREC_JDK" ] 2>/dev/null; then
      JAVA_HOME=$home
      PATH="$home/bin:$PATH"
      export JAVA_HOME PATH
      echo "musicrec: using JDK $major at $home" >&2
      return 0
    fi
  done
  echo "musicrec: needs a JDK $MUSICREC_JDK or newer (found none in JAVA_HOME, on the PATH or in /usr/lib/jvm); install one (Temurin or Corretto $MUSICREC_JDK) and set JAVA_HOME to it" >&2
  exit 1
}
musicrec_use_jdk

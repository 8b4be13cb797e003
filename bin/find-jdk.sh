# Sourced by ./gyre and bin/test: exports JAVA_HOME pointing at a JDK >= 25, or exits with a clear message.
# Looks at $JAVA_HOME first, then every JDK under /usr/lib/jvm (newest first).
gyre_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}
gyre_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(gyre_java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
if ! GYRE_JDK=$(gyre_find_jdk); then
  echo "gyre: no JDK 25 or newer found (looked at \$JAVA_HOME=${JAVA_HOME:-unset} and /usr/lib/jvm/*)." >&2
  echo "gyre: install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME="$GYRE_JDK"

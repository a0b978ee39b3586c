# Sourced by every shell example DocumentedExamplesTest plays (line 1 of the script, so that the script's line
# numbers are the doc's). An example fails at its first failing command (set -e, pipefail), and:
# - curl fails on an HTTP status >= 400, unless the command carries "# expect NNN" (then it must be exactly NNN);
#   every answer is kept ($DOCEX_DIR/calls: line, status, body file) so the documented answers can be compared;
# - jq's filters and inputs are kept ($DOCEX_DIR/jq-calls) so the keys a filter reads can be checked against the
#   answer: jq prints null for a key that is not there, which would hide a doc that names a wrong field.
set -eo pipefail
[ -f "$DOCEX_DIR/state" ] && source "$DOCEX_DIR/state"

docex_fail() { printf '%s\t%s\n' "$1" "$2" >> "$DOCEX_DIR/failures"; }
docex_id() { mktemp -u "$DOCEX_DIR/call-XXXXXXXXXX"; }

curl() {
  local line=${BASH_LINENO[0]} id rc=0 status
  id=$(docex_id)
  command curl -D "$id.h" "$@" > "$id.b" || rc=$?
  status=$(awk '/^HTTP\//{s=$2} END{print s}' "$id.h" 2>/dev/null || true)
  printf '%s\t%s\t%s\n' "$line" "${status:-000}" "$id.b" >> "$DOCEX_DIR/calls"
  cat "$id.b"
  if [ "$rc" -ne 0 ]; then docex_fail "$line" "curl exited with $rc (HTTP ${status:-none})"; return "$rc"; fi
  if [ -n "${DOCEX_EXPECT:-}" ]; then
    if [ "$status" != "$DOCEX_EXPECT" ]; then
      docex_fail "$line" "expected HTTP $DOCEX_EXPECT, got $status: $(head -c 400 "$id.b")"; return 22
    fi
  elif [ "${status:-0}" -ge 400 ]; then
    docex_fail "$line" "HTTP $status: $(head -c 400 "$id.b")"; return 22
  fi
}

jq() {
  local line=${BASH_LINENO[0]} id rc=0 filter="" have=0 files=() i=1 n=$#
  local args=("$@")
  id=$(docex_id)
  # the filter is the first argument that is not an option (--arg, --argjson, ... take two values)
  while [ "$i" -le "$n" ]; do
    local a=${args[$((i - 1))]}
    case "$a" in
      --arg|--argjson|--slurpfile|--rawfile) i=$((i + 3)) ;;
      -*) i=$((i + 1)) ;;
      *) if [ "$have" = 0 ]; then filter=$a; have=1; else files+=("$a"); fi; i=$((i + 1)) ;;
    esac
  done
  if [ ${#files[@]} -eq 0 ]; then cat > "$id.in"; else cat "${files[@]}" > "$id.in"; fi
  printf '%s' "$filter" > "$id.filter"
  printf '%s\t%s\n' "$line" "$id" >> "$DOCEX_DIR/jq-calls"
  if [ ${#files[@]} -eq 0 ]; then command jq "$@" < "$id.in" || rc=$?; else command jq "$@" || rc=$?; fi
  if [ "$rc" -ne 0 ]; then docex_fail "$line" "jq exited with $rc (filter $filter)"; fi
  return "$rc"
}

# "cmd ...   # expect failure": the command must fail (e.g. a refused MQTT login)
docex_fails() {
  local line=${BASH_LINENO[0]}
  if "$@"; then docex_fail "$line" "expected to fail, but it succeeded: $1"; return 1; fi
  return 0
}

docex_save_state() {
  local rc=$? name
  for name in $(compgen -v | grep -E '^[A-Z][A-Z0-9_]*$' | grep -vE '^(BASH.*|DOCEX_.*|PIPESTATUS|SHELLOPTS|EUID|PPID|UID|GROUPS|HOSTNAME|HOSTTYPE|IFS|LINENO|MACHTYPE|OPTERR|OPTIND|OSTYPE|PS4|RANDOM|SECONDS|SHLVL|SRANDOM|EPOCHSECONDS|EPOCHREALTIME|COLUMNS|LINES|HIST.*|FUNCNAME|DIRSTACK|PWD|OLDPWD|HOME|PATH|TERM|LANG|LC_.*|USER|LOGNAME|TMPDIR|JAVA.*|MAVEN.*|M2_HOME)$'); do
    declare -p "$name" 2>/dev/null | sed 's/^declare -[a-zA-Z]*x[a-zA-Z]* /declare -x /'
  done > "$DOCEX_DIR/state.next" && mv "$DOCEX_DIR/state.next" "$DOCEX_DIR/state"
  return "$rc"
}
trap docex_save_state EXIT
trap 'docex_fail "$LINENO" "failed ($?): $BASH_COMMAND"' ERR

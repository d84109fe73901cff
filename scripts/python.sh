# Sourced by the other scripts: finds or makes the Python they install into and run ($PY).
# An active virtualenv is used as it is; otherwise the project's own .venv (ignored
# by git), made on first use with python3. Nothing is installed into the system's
# Python: Debian refuses that (externally-managed-environment), and elsewhere it
# would mix this project's packages into everything else.

_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: '$*' needs root (or sudo)" >&2
    return 1
  fi
}

# Debian's python3 leaves out venv (ensurepip): bring in the package that has it.
_debian_venv() {
  command -v apt-get >/dev/null || return 1
  local minor
  minor=$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  echo "== python3 has no venv module: installing Debian's python${minor}-venv" >&2
  _as_root apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive _as_root apt-get install -y -qq "python${minor}-venv" >/dev/null
}

# Make a virtualenv at $1 unless one is there.
make_venv() {
  [ -x "$1/bin/python" ] && return 0
  if ! command -v python3 >/dev/null; then
    echo "error: python3 is not installed; install Python 3.9 or newer first" >&2
    exit 1
  fi
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    _debian_venv || { echo "error: python3 cannot make a virtualenv (no venv module)" >&2; exit 1; }
  fi
  rm -rf "$1" # a half-made one from an interrupted run
  echo "== making a virtualenv: $1" >&2
  python3 -m venv "$1"
  PY="$1/bin/python" pip_install --upgrade pip
}

# Set $PY: the active virtualenv's Python, or the project's .venv (made if need be).
use_project_python() {
  if [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/python" ]; then
    PY="$VIRTUAL_ENV/bin/python"
  else
    make_venv "$_root/.venv"
    PY="$_root/.venv/bin/python"
  fi
}

# pip's notices (this machine's own index settings among them) are shown only when
# the install fails.
pip_install() {
  local log status=0
  log=$(mktemp)
  "$PY" -m pip install -q --disable-pip-version-check "$@" >"$log" 2>&1 || status=$?
  [ "$status" = 0 ] || cat "$log" >&2
  rm -f "$log"
  return "$status"
}

#!/usr/bin/env bash
# Print the path of a Python interpreter of the given minor version (e.g. 3.10),
# or of the newest >= that version with "+" (e.g. 3.11+). Exit 1 with advice if none.
set -u
want="$1"
min="${want%+}"
check() {
  "$1" - "$min" "$want" <<'PY' 2>/dev/null
import sys
want = tuple(int(x) for x in sys.argv[1].split("."))
have = sys.version_info[:2]
ok = have >= want if sys.argv[2].endswith("+") else have == want
sys.exit(0 if ok else 1)
PY
}
candidates=()
if [[ "$want" == *+ ]]; then
  for v in 3.11 3.12 3.13; do candidates+=("python$v"); done
  candidates+=(python3)
else
  candidates+=("python$min")
fi
for root in "$HOME/.pyenv/versions" /usr/local /usr; do
  for p in "$root"/"$min"*/bin/python"$min" "$root"/bin/python"$min"; do
    [ -x "$p" ] && candidates+=("$p")
  done
done
if command -v uv >/dev/null 2>&1; then
  p=$(uv python find "$min" 2>/dev/null) && candidates+=("$p")
fi
for c in "${candidates[@]}"; do
  p=$(command -v "$c" 2>/dev/null) || continue
  if check "$p"; then echo "$p"; exit 0; fi
done
cat >&2 <<MSG
Python $want was not found.
  Wegwijs needs Python 3.10 for the Rasa engine and Python 3.11 or newer for the rest.
  Install it with one of:
    uv python install $min          (https://docs.astral.sh/uv/)
    pyenv install $min              (then run make again)
    apt-get install python$min-venv (where your distribution has it)
MSG
exit 1

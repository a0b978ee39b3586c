#!/usr/bin/env bash
# Re-copies the gpsd regression captures listed in captures.csv and regenerates each reference
# (<capture>.gpsdecode.csv) with gpsd's gpsdecode. Needs: apt-get source gpsd (a deb-src entry), apt-get install gpsd-clients.
# Usage: refresh.sh /path/to/gpsd-3.22   (the unpacked source package)
set -euo pipefail
src=${1:?usage: refresh.sh /path/to/unpacked/gpsd-source}
here=$(cd "$(dirname "$0")" && pwd)
command -v gpsdecode >/dev/null || { echo "gpsdecode missing: apt-get install gpsd-clients" >&2; exit 1; }
version=$(dpkg-query -W -f='${Version}' gpsd-clients)
cp "$src/COPYING" "$here/COPYING"
tail -n +2 "$here/captures.csv" | while IFS=, read -r file chipset reference _; do
  cp "$src/test/daemon/$file" "$here/$file"
  if [ "$reference" = chk ]; then
    # gpsdecode reports no timed fix for this capture; gpsd's own expected output (the .chk) is the reference
    json=$(grep '^{' "$src/test/daemon/$file.chk"); how="gpsd's own regression output test/daemon/$file.chk"
  else
    json=$(gpsdecode -j < "$here/$file"); how="gpsdecode -j < $file"
  fi
  printf '%s\n' "$json" | python3 -c '
import json, sys
how, version = sys.argv[1], sys.argv[2]
last = {}
for line in sys.stdin:
    try: j = json.loads(line)
    except ValueError: continue
    if j.get("class") == "TPV" and j.get("mode", 0) >= 2 and "time" in j and "lat" in j:
        last[j["time"]] = j  # the last TPV of each time, in first-seen order
def num(v, fmt): return "" if v is None else fmt % v
print("# gpsd 3.22 (Debian gpsd-clients %s): %s, last TPV of each time with mode >= 2" % (version, how))
print("time,latitudeDeg,longitudeDeg,speedMps,courseDeg")
for t, j in last.items():
    print("%s,%.9f,%.9f,%s,%s" % (t, j["lat"], j["lon"], num(j.get("speed"), "%.3f"), num(j.get("track"), "%.4f")))
' "$how" "$version" > "$here/$file.gpsdecode.csv"
  echo "$file: $(($(wc -l < "$here/$file.gpsdecode.csv") - 2)) reference epochs"
done

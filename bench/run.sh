#!/usr/bin/env bash
# The benchmark: builds nagare in Release, generates synthetic models (bench/generate.cc),
# times whole `nagare` processes (wall clock by date +%s%N, CPU and peak RSS by
# /usr/bin/time), takes the median of several runs and writes bench/results.md (a Markdown
# table naming the machine) and bench/results.svg (gnuplot; skipped when it cannot be had).
# Beside each check it times the floor: the same file, or the same ward's files on every
# core, parsed by toml++ alone (bench/parse_floor.cc), in the same run, and the table gives
# nagare's ratio to it.
#
#   bash bench/run.sh                     everything (about 15 minutes on 2 cores)
#   RUNS=3 SIZES="10 100 1000" FILES="1 100" FIGURE_NODES=30 bash bench/run.sh   a smaller run
#   RUN_LIMIT=120 bash bench/run.sh      cut off any run after 120 s (default 600)
#   COMMANDS=check bash bench/run.sh     only check (and its floor), no figures
#
# trace, diff and report are timed when the binary has those commands.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
sizes=${SIZES:-10 100 1000 10000 100000}
file_counts=${FILES:-1 100 1000}
figure_nodes=${FIGURE_NODES:-30 200 500 1000}
limit=${RUN_LIMIT:-600}  # seconds; a run that takes longer is reported as cut off
build=${NAGARE_BENCH_BUILD_DIR:-build-release}
out_md=${RESULTS_MD:-bench/results.md}
out_svg=${RESULTS_SVG:-bench/results.svg}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNAGARE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target nagare nagare-bench-generate \
  nagare-bench-parse-floor >/dev/null
nagare=$build/nagare
generate=$build/bench/nagare-bench-generate
floor=$build/bench/nagare-bench-parse-floor
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed (Debian package time)"; exit 2; }
commands=" ${COMMANDS:-check trace diff report render} "
# Whether the binary has the command and this run times it.
has() { [[ $commands == *" $1 "* ]] && "$nagare" "$1" --help >/dev/null 2>&1; }

data=$work/data.tsv   # series command size nodes wall_ms cpu_ms rss_mb status
: >"$data"

# measure SERIES COMMAND SIZE NODES RUNS -- ARGV... : median wall, CPU and peak RSS.
measure() {
  local series=$1 command=$2 size=$3 nodes=$4 count=$5
  shift 6
  local walls=() cpus=() rsss=() status=0 i start end
  for ((i = 0; i < count; i++)); do
    start=$(date +%s%N)
    set +e
    /usr/bin/time -f "%U %S %M" -o "$work/time" timeout "$limit" "$@" >/dev/null 2>"$work/stderr"
    status=$?
    set -e
    end=$(date +%s%N)
    # check and diff exit 1 when they find something; 2 is a failure worth showing, 124 a
    # run cut off after $limit seconds.
    if [ "$status" -ge 2 ]; then
      echo "bench: $command $size failed ($status): $(grep -v '^Command exited' "$work/stderr" | head -1)"
      break
    fi
    walls+=($(((end - start) / 1000000)))
    # time -o starts with "Command exited with non-zero status N" when it did.
    read -r user sys rss < <(tail -1 "$work/time")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')")
    rsss+=("$rss")
  done
  median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : "-") }'; }
  if [ "$status" -ge 2 ]; then
    printf '%s\t%s\t%s\t%s\t-\t-\t-\tfailed (exit %s)\n' "$series" "$command" "$size" "$nodes" "$status" >>"$data"
  else
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\tok\n' "$series" "$command" "$size" "$nodes" \
      "$(median "${walls[@]}")" "$(median "${cpus[@]}")" \
      "$(awk -v k="$(median "${rsss[@]}")" 'BEGIN { printf "%.1f", k / 1024 }')" >>"$data"
  fi
  tail -1 "$data" | awk -F'\t' '{ printf "  %-8s %-7s %7s  %8s ms  cpu %8s ms  %7s MB  %s\n", $1, $2, $3, $5, $6, $7, $8 }'
}
runs_for() { if [ "$1" -ge 100000 ]; then echo $(((runs + 1) / 2)); else echo "$runs"; fi; }
# The nodes a figure draws: every node but lines (kind = "network").
nodes_of() { cat "$@" | grep '^kind = "' | grep -vc '^kind = "network"'; }

echo "== one model of N flows"
for n in $sizes; do
  "$generate" --flows "$n" --seed 1 -o "$work/flows-$n.toml"
  "$generate" --flows "$n" --seed 2 -o "$work/flows-$n-next.toml"
  nodes=$(nodes_of "$work/flows-$n.toml")
  r=$(runs_for "$n")
  if has check; then
    measure flows floor "$n" "$nodes" "$r" -- "$floor" "$work/flows-$n.toml"
    measure flows check "$n" "$nodes" "$r" -- "$nagare" check "$work/flows-$n.toml" \
      --format json -o "$work/out.json"
  fi
  if has trace; then
    measure flows trace "$n" "$nodes" "$r" -- "$nagare" trace "$work/flows-$n.toml" -o "$work/out.txt"
  fi
  if has diff; then
    measure flows diff "$n" "$nodes" "$r" -- "$nagare" diff "$work/flows-$n.toml" \
      "$work/flows-$n-next.toml" -o "$work/out.txt"
  fi
  if has report; then
    measure flows report "$n" "$nodes" "$r" -- "$nagare" report "$work/flows-$n.toml" \
      -o "$work/out.html"
  fi
  if [ "$nodes" -le 300 ] && has render; then
    measure flows render "$n" "$nodes" "$r" -- "$nagare" render "$work/flows-$n.toml" -o "$work/out.svg"
  fi
  rm -f "$work/flows-$n.toml" "$work/flows-$n-next.toml"
done

echo "== a ward of M model files, one nagare check"
for m in $file_counts; do
  "$generate" --files "$m" --seed 1 -o "$work/ward-$m"
  nodes=$(nodes_of "$work/ward-$m"/*.toml)
  measure files floor "$m" "$nodes" "$runs" -- "$floor" "$work/ward-$m"
  measure files check "$m" "$nodes" "$runs" -- "$nagare" check "$work/ward-$m" -o "$work/out.txt"
  rm -rf "$work/ward-$m"
done

echo "== committee figures of K nodes (SVG; --force past the legibility limit)"
has render || figure_nodes=""
for k in $figure_nodes; do
  "$generate" --nodes "$k" --seed 1 -o "$work/figure-$k.toml"
  nodes=$(nodes_of "$work/figure-$k.toml")
  r=$runs
  [ "$k" -le 200 ] || r=1
  measure figure render "$k" "$nodes" "$r" -- "$nagare" render --force \
    "$work/figure-$k.toml" -o "$work/figure.svg"
done

# ---- the table ------------------------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
memory=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
target() {  # target SERIES COMMAND SIZE -> "< X ms" or ""
  case "$1/$2/$3" in
    files/check/1000) echo "200" ;;
    figure/render/30) echo "300" ;;
    figure/render/200) echo "2000" ;;
  esac
}
# The floor of each size: wall and peak RSS of toml++ parsing the same file (or the same
# ward's files, on as many threads as check uses).
declare -A floor_wall floor_rss
while IFS=$'\t' read -r series command size _ wall _ rss status; do
  if [ "$command/$status" = floor/ok ]; then
    floor_wall[$series/$size]=$wall
    floor_rss[$series/$size]=$rss
  fi
done <"$data"
# ratio A B -> A/B to two places, or "-"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
{
  echo "# nagare benchmark"
  echo
  echo "Written by \`bash bench/run.sh\` on $(date -u +%Y-%m-%d) ($(git rev-parse --short HEAD 2>/dev/null || echo unknown) + working tree)."
  echo "Machine: $(nproc) CPUs ($cpu), $memory memory, $(uname -sr);" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg) when the table was written."
  echo "Whole processes; median of $runs runs ($(((runs + 1) / 2)) for 100,000 flows, 1 for" \
    "figures past 200 nodes). Wall: elapsed time; CPU: user + system; RSS: peak resident memory."
  echo "Models from \`nagare-bench-generate\` (seed 1); \`diff\` compares seed 1 with seed 2."
  echo
  echo "Nodes: those a figure draws (lines are not drawn). \`check\` of one model writes JSON;"
  echo "\`floor\` is the same file (a ward: the same files, on every core) parsed by toml++ alone"
  echo "(\`nagare-bench-parse-floor\`), and × floor is a check's wall time and peak RSS over the"
  echo "floor's."
  echo
  echo "| series | command | size | nodes | wall (ms) | CPU (ms) | peak RSS (MB) | × floor (wall, RSS) | target | met |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  while IFS=$'\t' read -r series command size nodes wall cpu_ms rss status; do
    case $series in
      flows) label="$size flows" ;;
      files) label="$size files" ;;
      figure) label="$size nodes" ;;
    esac
    goal=$(target "$series" "$command" "$size")
    met=""
    times_floor=""
    if [ "$command" = check ] && [ "$status" = ok ] && [ -n "${floor_wall[$series/$size]:-}" ]; then
      wall_ratio=$(ratio "$wall" "${floor_wall[$series/$size]}")
      rss_ratio=$(ratio "$rss" "${floor_rss[$series/$size]}")
      times_floor="$wall_ratio, $rss_ratio"
    fi
    if [ "$series/$command" = flows/check ] && [ -n "$times_floor" ]; then
      if [ "$size" -ge 10000 ]; then
        goal="≤ 1.5, 1.3"
        met=$(awk -v w="$wall_ratio" -v r="$rss_ratio" 'BEGIN { print (w <= 1.5 && r <= 1.3) ? "yes" : "no" }')
      fi
    elif [ -n "$goal" ]; then
      if [ "$status" != ok ]; then met="no ($status)"
      elif [ "$wall" -lt "$goal" ]; then met="yes"
      else met="no"; fi
      goal="< $goal ms"
    fi
    [ "$status" = ok ] || wall="$status"
    [ "$status" != "failed (exit 124)" ] || wall="> $((limit * 1000)) (cut off)"
    echo "| $series | $command | $label | $nodes | $wall | $cpu_ms | $rss | $times_floor | $goal | $met |"
  done <"$data"
  growth=$(awk -F'\t' '$1 == "flows" && $2 == "check" && $8 == "ok" { w[$3] = $5 }
    END { if (w[10000] > 0 && w[100000] > 0) printf "%.2f", w[100000] / w[10000] }' "$data")
  if [ -n "$growth" ]; then
    echo
    echo "Growth of \`check\` from 10,000 to 100,000 flows: $growth× the wall time for 10× the" \
      "flows (linear within 10 % is at most 11×)."
  fi
} >"$out_md"
echo "bench: wrote $out_md"

# ---- the plot ---------------------------------------------------------------------------
if ! command -v gnuplot >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gnuplot-nox \
      >/dev/null 2>&1 || true
  fi
fi
if command -v gnuplot >/dev/null; then
  for command in floor check trace diff report render; do
    awk -F'\t' -v c="$command" '$1 == "flows" && $2 == c && $8 == "ok" { print $3, $5 }' "$data" \
      >"$work/flows-$command.dat"
  done
  awk -F'\t' '$1 == "files" && $2 == "check" && $8 == "ok" { print $3, $5 }' "$data" \
    >"$work/files-check.dat"
  awk -F'\t' '$1 == "files" && $2 == "floor" && $8 == "ok" { print $3, $5 }' "$data" \
    >"$work/files-floor.dat"
  awk -F'\t' '$1 == "figure" && $8 == "ok" { print $4, $5 }' "$data" >"$work/figure-render.dat"
  plots=""
  for command in floor check trace diff report render; do
    [ -s "$work/flows-$command.dat" ] &&
      plots="$plots${plots:+, }'$work/flows-$command.dat' using 1:2 with linespoints title '$command'"
  done
  # A run that times no figures (COMMANDS without render) leaves that panel empty.
  figure_panel=""
  if [ -s "$work/figure-render.dat" ]; then
    figure_panel="set xlabel \"nodes in the figure (render to SVG)\"
plot '$work/figure-render.dat' using 1:2 with linespoints title 'render'"
  fi
  gnuplot <<GNUPLOT
set terminal svg size 1100,420 font "Noto Sans CJK JP,11" background "white"
set output "$out_svg"
set multiplot layout 1,3 title "nagare: wall time of whole processes (median; $(nproc) CPUs, $cpu)"
set logscale xy
set grid
set key top left
set ylabel "ms"
set xlabel "flows in one model"
plot $plots
set xlabel "model files in one nagare check"
plot '$work/files-floor.dat' using 1:2 with linespoints title 'floor', \\
     '$work/files-check.dat' using 1:2 with linespoints title 'check'
$figure_panel
unset multiplot
GNUPLOT
  echo "bench: wrote $out_svg"
else
  echo "bench: gnuplot not available; no plot (apt-get install gnuplot-nox)"
fi

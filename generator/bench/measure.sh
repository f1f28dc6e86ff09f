#!/usr/bin/env bash
# Measures whole builds of the generated benchmark sites by this generator
# and by Hugo (Debian's hugo, with the comparable layouts of bench/hugo), the
# index bytes each search query fetches, and the live preview's memory, and
# prints the figures as Markdown tables:
#
#   generator/bench/measure.sh [DIR]
#
# DIR (default /tmp/portal-measure) receives the sites and their outputs;
# it needs about 5 GB with the 100,000-suggestion site. Settings, from the
# environment:
#   SIZES="10000 100000"   the sites to build
#   RUNS=5                 builds of each tool at 10,000 (alternating: ours, Hugo, ours …)
#   RUNS_LARGE=2           builds of each tool at the larger sizes (each takes minutes)
#   HUGO=1                 0 to leave Hugo out
#   PAIRS=0                builds of ours at the first and the last size,
#                          alternating (10,000, 100,000, 10,000 …), for the
#                          ratio of their medians: the machine's speed
#                          drifts between the sizes' own runs above
#   SEARCH=1               0 to leave out the search's bytes per query
#   PREVIEW=1              0 to leave the preview out
#   EDITS=50               edits made in the preview
#   PREVIEW_SIZE=10000     the site the preview serves
#   OUT=DIR                where the builds write (default DIR; /dev/shm
#                          takes the disk's own speed out of the figures)
#
# Each build is timed with /usr/bin/time (elapsed and maximum resident set
# size of the whole process); the tables give the median and the range. The
# preview is `serve` on the 10,000 site: its resident memory once every page
# has been made in the background, and again after EDITS edits of one
# suggestion's title, each timed until the page fetched after the preview's
# live-reload event shows it.
# Needs: go, /usr/bin/time, hugo and curl (apt-get install -y hugo curl time),
# and for the search part what the browser tests need (chromium, node and
# `npm ci`; see "Tests" in README.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-/tmp/portal-measure}
sizes=${SIZES:-10000 100000}
runs=${RUNS:-5}
runs_large=${RUNS_LARGE:-2}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
out=${OUT:-$dir}

(cd "$root" && go build -o "$dir/generator" ./generator)

# site N writes the benchmark site of N suggestions and its Hugo twin, once.
site() {
	local n=$1 s="$dir/site$1"
	if [ ! -f "$s/site.toml" ]; then
		rm -rf "$s" "$dir/hugo$n"
	fi
	# Writes the site, or gives a site written before the repository's
	# layouts, static files and site.toml as they are now: it would
	# otherwise measure the old ones (and the search would run an old
	# script on a new index).
	(cd "$root" && BENCH_SIZE=$n BENCH_SITE="$s" go test ./generator/internal/build -run TestWriteBenchSite -count=1 >/dev/null)
	if [ "${HUGO:-1}" = 1 ] && [ ! -d "$dir/hugo$n/content.hant" ]; then
		mkdir -p "$dir/hugo$n"
		cp -r "$s/content" "$s/static" "$dir/hugo$n/"
		cp -r "$s/content" "$dir/hugo$n/content.hant" # the second language (see bench/hugo/hugo.toml)
		cp -r "$root/generator/bench/hugo/." "$dir/hugo$n/"
	fi
}

# timed LOG CMD… runs CMD, appending "seconds kilobytes" to LOG.
timed() {
	local log=$1
	shift
	/usr/bin/time -o "$log.one" -f "%e %M" "$@" >/dev/null 2>"$log.err" || {
		cat "$log.err" >&2
		exit 1
	}
	cat "$log.one" >>"$log"
}

# summary LOG prints "median s (min–max) | median MiB (min–max)".
summary() {
	sort -n -k1,1 "$1" | awk '{t[NR]=$1} END {printf "%.2f s (%.2f–%.2f)", (NR%2 ? t[(NR+1)/2] : (t[NR/2]+t[NR/2+1])/2), t[1], t[NR]}'
	printf " | "
	sort -n -k2,2 "$1" | awk '{m[NR]=$2/1024} END {printf "%.0f MiB (%.0f–%.0f)", (NR%2 ? m[(NR+1)/2] : (m[NR/2]+m[NR/2+1])/2), m[1], m[NR]}'
}

median() { sort -n -k"$2","$2" "$1" | awk -v k="$2" '{v[NR]=$k} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

# ratio A B prints A / B to two places.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }

echo "| suggestions | tool | runs | wall time, median (range) | peak memory, median (range) |"
echo "| --- | --- | --- | --- | --- |"
declare -A ours_median hugo_median
for n in $sizes; do
	site "$n"
	r=$runs
	[ "$n" -gt 10000 ] && r=$runs_large
	rm -f "$dir/ours$n.log" "$dir/hugo$n.log"
	for _ in $(seq "$r"); do
		timed "$dir/ours$n.log" "$dir/generator" build -source "$dir/site$n" -dest "$out/out-ours$n"
		if [ "${HUGO:-1}" = 1 ]; then
			timed "$dir/hugo$n.log" hugo --quiet --source "$dir/hugo$n" --destination "$out/out-hugo$n" --cleanDestinationDir
		fi
	done
	echo "| $n | generator | $r | $(summary "$dir/ours$n.log") |"
	ours_median[$n]=$(median "$dir/ours$n.log" 1)
	if [ "${HUGO:-1}" = 1 ]; then
		echo "| $n | hugo | $r | $(summary "$dir/hugo$n.log") |"
		hugo_median[$n]=$(median "$dir/hugo$n.log" 1)
	fi
done
echo
# written DIR prints the files and megabytes a build wrote.
written() { echo "$(find "$1" -type f | wc -l) files, $(du -sm "$1" | cut -f1) MB"; }
for n in $sizes; do
	echo "- $n: generator wrote $(written "$out/out-ours$n")${hugo_median[$n]:+; Hugo $(written "$out/out-hugo$n")}"
done
for n in $sizes; do
	if [ -n "${hugo_median[$n]:-}" ]; then
		echo "- $n: generator / Hugo wall time: $(ratio "${ours_median[$n]}" "${hugo_median[$n]}")"
	fi
done
set -- $sizes
if [ $# -ge 2 ]; then
	echo "- generator at $2 / at $1: $(ratio "${ours_median[$2]}" "${ours_median[$1]}")"
fi

# Alternating pairs of the first and the last size (their sites were
# written, and their layouts refreshed, above).
if [ "${PAIRS:-0}" -gt 0 ] && [ $# -ge 2 ]; then
	small=$1 large=${!#}
	rm -f "$dir/pairs$small.log" "$dir/pairs$large.log"
	echo
	echo "| pair | $small: wall, peak | $large: wall, peak | ratio |"
	echo "| --- | --- | --- | --- |"
	for i in $(seq "$PAIRS"); do
		timed "$dir/pairs$small.log" "$dir/generator" build -source "$dir/site$small" -dest "$out/out-ours$small"
		timed "$dir/pairs$large.log" "$dir/generator" build -source "$dir/site$large" -dest "$out/out-ours$large"
		a=($(tail -1 "$dir/pairs$small.log")) b=($(tail -1 "$dir/pairs$large.log"))
		echo "| $i | ${a[0]} s, $((a[1] / 1024)) MiB | ${b[0]} s, $((b[1] / 1024)) MiB | $(ratio "${b[0]}" "${a[0]}") |"
	done
	echo
	echo "- generator at $large / at $small, medians of $PAIRS alternating pairs: $(ratio "$(median "$dir/pairs$large.log" 1)" "$(median "$dir/pairs$small.log" 1)")"
fi

# The search: the index bytes each query of the test set fetches, from the
# browser test (package searchscale) on a site of each size.
if [ "${SEARCH:-1}" = 1 ]; then
	for n in $sizes; do
		echo
		(cd "$root" && SEARCH_SCALE_N=$n go test -count=1 -timeout 90m -run TestSearchAtScale -v ./generator/internal/searchscale) |
			sed -n '/suggestions; per query/,/^--- /p' | sed '/^--- /d; s/^ *scale_test.go:[0-9]*: //; s/^        //'
	done
fi

[ "${PREVIEW:-1}" = 1 ] || exit 0

# The preview, on a copy of the site that the edits change.
pn=${PREVIEW_SIZE:-10000}
site "$pn"
rm -rf "$dir/preview" && cp -r "$dir/site$pn" "$dir/preview"
port=$((20000 + RANDOM % 20000))
"$dir/generator" serve -source "$dir/preview" -addr "127.0.0.1:$port" >"$dir/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
rss() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status"; }
until curl -sf "http://127.0.0.1:$port/" >/dev/null; do sleep 0.5; done
# Every page is made in the background once the preview is idle: wait
# until the memory stops growing (ten seconds without a change of 1 MiB).
last=0 still=0
while [ $still -lt 10 ]; do
	sleep 1
	now=$(rss)
	if [ $((now - last)) -gt 1 ] || [ $((last - now)) -gt 1 ]; then still=0; else still=$((still + 1)); fi
	last=$now
done
start_rss=$(rss)
# (sort is cut short by head: a SIGPIPE that pipefail would take for a failure)
files=($(cd "$dir/preview" && find content/suggestions -name '*.md' | sort | head -n "${EDITS:-50}" || true))
# Each edit is timed as a browser showing the page sees it: from the write
# to the page fetched after the preview's live-reload event (the script in
# every page reloads on it), read from one open event stream. Polling the
# page instead (a curl and a grep every 5 ms) competed with the preview for
# the processor on a machine of two cores.
exec 3< <(curl -sN "http://127.0.0.1:$port/_portal/events")
: >"$dir/edits.log"
for i in "${!files[@]}"; do
	f=${files[$i]}
	num=$(sed -n 's/^number = "\(.*\)"/\1/p' "$dir/preview/$f")
	word="改动$i"
	t0=${EPOCHREALTIME/./}
	sed -i "s/^title = \"/title = \"$word/" "$dir/preview/$f"
	while :; do
		reloaded=0
		while read -r -u 3 line; do
			if [ "$line" = "event: reload" ]; then
				reloaded=1
				break
			fi
		done
		[ $reloaded = 1 ] || sleep 0.005 # the event stream ended: poll
		page=$(curl -sf "http://127.0.0.1:$port/suggestions/$num/") || true
		[[ $page == *"$word"* ]] && break
	done
	echo $(((${EPOCHREALTIME/./} - t0) / 1000)) >>"$dir/edits.log"
done
exec 3<&-
sleep 5
edited_rss=$(rss)
echo
echo "| preview of $pn suggestions | resident memory |"
echo "| --- | --- |"
echo "| after start, every page made | $start_rss MiB |"
echo "| after ${#files[@]} edits | $edited_rss MiB |"
echo
echo "- edit → page served after the live-reload event, median of ${#files[@]}: $(median "$dir/edits.log" 1) ms"

#!/usr/bin/env bash
# Times whole builds of the same 10,000 generated suggestions by this
# generator and by Hugo (Debian's hugo), side by side, with hyperfine.
#   apt-get install -y hugo hyperfine
#   generator/bench/compare-hugo.sh [DIR]
# DIR (default /tmp/portal-bench) receives the two sites and their outputs.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-/tmp/portal-bench}
rm -rf "$dir" && mkdir -p "$dir"

(cd "$root" && BENCH_SITE="$dir/ours" go test ./generator/internal/build -run TestWriteBenchSite -count=1 >/dev/null)
mkdir -p "$dir/hugo"
cp -r "$dir/ours/content" "$dir/ours/static" "$dir/hugo/"
cp -r "$dir/ours/content" "$dir/hugo/content.hant" # the second language (see bench/hugo/hugo.toml)
cp -r "$root/generator/bench/hugo/." "$dir/hugo/"
(cd "$root" && go build -o "$dir/generator" ./generator)

cd "$dir"
hyperfine --warmup 1 --runs "${RUNS:-5}" \
  -n generator "./generator build -source ours -dest out-ours" \
  -n hugo "hugo --quiet --source hugo --destination ../out-hugo --cleanDestinationDir"
echo "files written: generator $(find out-ours -type f | wc -l), hugo $(find out-hugo -type f | wc -l)"

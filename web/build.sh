#!/usr/bin/env bash
# Builds the game for the browser into dist/: cargo's wasm32 build (WebGL2), optimised with
# wasm-opt BEFORE wasm-bindgen (the other order breaks the page: "WebAssembly.Table.set():
# Argument 1 is invalid"), then wasm-bindgen at exactly the version in Cargo.lock (installed if
# missing), index.html with its loading indicator, and the .wasm's precompressed copies (.br, .gz).
# Serve it with: python3 web/serve.py (sends the compressed copy to a browser that takes it)
#   --no-opt   skip wasm-opt (faster, larger .wasm)
set -euo pipefail
cd "$(dirname "$0")/.."
opt=1
for arg in "$@"; do
  case "$arg" in
    --no-opt) opt=0 ;;
    *) echo "web/build.sh: unknown option $arg (known: --no-opt)" >&2; exit 2 ;;
  esac
done

# What the build needs on a fresh machine (the wasm32 target, wasm-opt, ...).
scripts/setup --web
# wasm-bindgen's command must match the library in Cargo.lock exactly.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "web/build.sh: installing wasm-bindgen-cli $want"
  cargo install wasm-bindgen-cli --version "$want"
fi
if [ "$opt" = 1 ] && ! command -v wasm-opt > /dev/null; then
  echo "web/build.sh: wasm-opt (Debian's binaryen) is missing: run scripts/setup --web, or pass --no-opt" >&2
  exit 1
fi

echo "web/build.sh: building (profile web-release, wasm32-unknown-unknown)"
cargo build --profile web-release --target wasm32-unknown-unknown --bin miracle-mile
wasm=target/wasm32-unknown-unknown/web-release/miracle-mile.wasm
work=target/web
mkdir -p "$work"
if [ "$opt" = 1 ]; then
  # -Os, not -Oz: -Oz's output of the fat-LTO build stops wasm-bindgen ("failed to find `0`
  # in function table"), for 0.7 MB less.
  echo "web/build.sh: wasm-opt -Os"
  wasm-opt -Os --strip-debug --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "$wasm" -o "$work/miracle-mile.wasm"
else
  cp "$wasm" "$work/miracle-mile.wasm"
fi

# The site is written next to dist/ and swapped in whole, so a failed build never leaves a
# half-written dist/ behind.
rm -rf dist.new
mkdir -p dist.new
wasm-bindgen --target web --no-typescript --out-dir dist.new --out-name miracle-mile "$work/miracle-mile.wasm"
# The page counts the download against the .wasm's own size (a compressed one's length is less).
raw=$(stat -c %s dist.new/miracle-mile_bg.wasm)
sed "s/__WASM_BYTES__/$raw/" web/index.html > dist.new/index.html
# What web/serve.py and the browser test's server send to a browser that accepts them.
echo "web/build.sh: compressing the .wasm (brotli, gzip)"
brotli --quality=11 --lgwin=24 --keep dist.new/miracle-mile_bg.wasm
gzip -9 --keep dist.new/miracle-mile_bg.wasm
# The game's assets (city maps, fonts and their licences), which the page fetches beside it.
cp -r assets dist.new/assets
# The examples that come with the game, and their list (a page cannot list a folder).
mkdir -p dist.new/examples
cp scenes/examples/*.ron dist.new/examples/
(
  cd dist.new/examples
  sep=""
  printf '['
  for f in *.ron; do printf '%s"%s"' "$sep" "$f"; sep=","; done
  printf ']\n'
) > dist.new/examples/manifest.json
rm -rf dist
mv dist.new dist
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
wasm=dist/miracle-mile_bg.wasm
echo "web/build.sh: dist/ ready — miracle-mile_bg.wasm $(mb $wasm) raw, $(mb $wasm.gz) gzipped, $(mb $wasm.br) brotli"

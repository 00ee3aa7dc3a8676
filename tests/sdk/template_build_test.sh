#!/usr/bin/env bash
# The integrator's path, end to end: install the SDK from this build into a temporary prefix,
# build sdk/template out of tree against it alone, run the template's own test, and have the
# real host load the plugin it built.
# Usage: template_build_test.sh BUILD_DIR TEMPLATE_DIR YANZHEN_BINARY
set -euo pipefail
build_dir=$1 template_dir=$2 yanzhen=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" --component sdk >/dev/null
test -f "$work/prefix/lib/cmake/YanzhenSDK/YanzhenSDKConfig.cmake"
# Nothing of the source tree may be reachable from the template's build but the installed SDK.
cp -r "$template_dir" "$work/template"
cmake -S "$work/template" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/build" -j2 >/dev/null
ctest --test-dir "$work/build" --output-on-failure

plugins="$work/build/lib/yanzhen/plugins"
test -f "$plugins/volunteer.so" && test -f "$plugins/volunteer.plugin.json"
"$yanzhen" plugins check --lang=en "$plugins/volunteer.so"
listing=$("$yanzhen" plugins list --lang=en --plugins-dir="$plugins")
echo "$listing"
grep -q "^example.volunteer .*experimental.*Volunteer service hours" <<<"$listing"
if grep -q refused <<<"$listing"; then
    echo "the host refused the template plugin" >&2
    exit 1
fi
echo "template: built out of tree against the installed SDK and loaded by the host"

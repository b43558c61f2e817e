#!/bin/sh
# Builds the function app's deployment package: a zip of `dotnet publish` output, the same for both hosting plans.
# Usage: package.sh <output.zip>
set -eu

output="${1:?usage: package.sh <output.zip>}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "package: building the function app"
dotnet publish "$root/functions/LiveServerless.Functions/LiveServerless.Functions.csproj" --configuration Release --output "$work/publish"

echo "package: zipping to $output"
mkdir -p "$(dirname "$output")"
output="$(cd "$(dirname "$output")" && pwd)/$(basename "$output")"
if command -v zip >/dev/null 2>&1; then
  (cd "$work/publish" && zip -q -r "$output" .)
else
  python3 - "$work/publish" "$output" <<'PY'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, _, files in os.walk(source):
        for name in files:
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, source))
PY
fi

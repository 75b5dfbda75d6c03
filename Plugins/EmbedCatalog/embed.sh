#!/bin/sh
# Writes OUTPUT (a Swift file): every Indicators/**.yaml file of ROOT, by path, as base64.
# Run by the EmbedCatalog plugin whenever anything under Indicators/ changes. It enumerates the
# folder itself, so new and deleted files are picked up.
set -eu
root="$1"
out="$2"
tmp="$out.tmp.$$"
mkdir -p "$(dirname "$out")"
{
  echo "// Generated from Indicators/ by Plugins/EmbedCatalog/embed.sh. Do not edit."
  echo "enum EmbeddedCatalog {"
  echo "    static let files: [(path: String, base64: String)] = ["
  cd "$root"
  find Indicators -type f \( -name '*.yaml' -o -name '*.yml' \) | LC_ALL=C sort | while IFS= read -r f; do
    escaped=$(printf '%s' "$f" | sed 's/\\/\\\\/g; s/"/\\"/g')
    printf '        ("%s", "%s"),\n' "$escaped" "$(base64 < "$f" | tr -d '\n')"
  done
  echo "    ]"
  echo "}"
} > "$tmp"
mv "$tmp" "$out"

#!/bin/sh
# Re-signs every shipped list with the illustrative key of its issuer (after editing a list).
set -eu
cd "$(dirname "$0")/.."
for f in $(find lists -name '*.yaml' | sort); do
  issuer=$(sed -n '/^issuer:/,/^[a-z]/s/^  id: *//p' "$f" | head -1)
  key=$(ls lists/keys/"$issuer"-illustrative-*.key 2>/dev/null | head -1)
  if [ -z "$key" ]; then echo "no illustrative key for issuer '$issuer' ($f)" >&2; exit 2; fi
  node --import tsx src/cli/main.ts lists sign "$f" --key "$key"
done

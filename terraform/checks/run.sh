#!/usr/bin/env bash
# Offline checks of terraform/ (node --test): HCL parse + structural rules, FABRIC_ variables
# against the fabric's config keys, and, when a terraform binary is available, validation blocks
# and the boot-script template evaluated by `terraform console` plus `terraform fmt -check`.
# No provider is downloaded, so init/validate/plan are not part of this script.
set -euo pipefail

checks_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
terraform_dir="$(dirname "$checks_dir")"
cd "$checks_dir"

npm ci --no-audit --no-fund --loglevel=error

if command -v terraform >/dev/null 2>&1; then
  # fmt needs no CLI config; a TF_CLI_CONFIG_FILE pointing at a missing file only adds a warning.
  if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
    export TF_CLI_CONFIG_FILE=/dev/null
  fi
  fmt_cmd=(terraform fmt -check -recursive "$terraform_dir")
else
  fmt_cmd=()
fi

node --test

if [ ${#fmt_cmd[@]} -gt 0 ]; then
  # Silent when every file is formatted; lists the offending files and fails otherwise.
  if ! "${fmt_cmd[@]}"; then
    echo "terraform fmt -check failed: run 'terraform fmt -recursive terraform/' and commit the result" >&2
    exit 1
  fi
else
  echo "notice: terraform is not on PATH, skipped 'terraform fmt -check -recursive terraform/'"
fi

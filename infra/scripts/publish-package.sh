#!/bin/sh
# Publishes the function app to the Elastic Premium plan: azd runs it after every provision (azure.yaml, postprovision).
#
# Elastic Premium normally keeps the app's files on an Azure Files share, which needs a storage account key. Our storage
# account has shared keys disabled, so the app runs from a zip package in a private blob container instead
# (WEBSITE_RUN_FROM_PACKAGE = its URL, read with the app's managed identity; Azure's "create an app without Azure Files").
# This script builds that package and hands it to release.sh, which keeps it as a versioned release, uploads it with your
# Entra ID sign-in and restarts the app. `azd deploy` cannot publish here (Kudu refuses a zip deploy while
# WEBSITE_RUN_FROM_PACKAGE is a URL), so on Elastic Premium `azd provision` is the command that ships code.
#
# To run it yourself: export the outputs of `azd env get-values` (or of `az deployment sub show ... --query properties.outputs`) first.
# On Flex Consumption it does nothing: `azd deploy` publishes there.
# SKIP_PACKAGE_PUBLISH=true skips it: the pipeline deploys the package it built and tested (release.sh deploy).
set -eu

if [ "${AZURE_FUNCTIONS_HOSTING_PLAN:-ElasticPremium}" != "ElasticPremium" ]; then
  echo "publish-package: hosting plan is ${AZURE_FUNCTIONS_HOSTING_PLAN}; azd deploy publishes the app. Nothing to do."
  exit 0
fi

if [ "${SKIP_PACKAGE_PUBLISH:-false}" = "true" ]; then
  echo "publish-package: SKIP_PACKAGE_PUBLISH is set; the caller deploys its own package with release.sh."
  exit 0
fi

root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/infra/scripts/package.sh" "$work/api.zip"
"$root/infra/scripts/release.sh" deploy "$work/api.zip" "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo local)"

echo "publish-package: done"

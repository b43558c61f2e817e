#!/bin/sh
# Versioned releases of the function app, on either hosting plan, and the way back.
#
#   release.sh deploy <package.zip> [version]   keep the package as a new release, then make it the running code
#   release.sh rollback                         make the release before the newest one the running code again
#   release.sh list                             list the kept releases, newest first
#
# Every deployed package is kept in the private `releases` container of the app's storage account, named
# <UTC time>_<version>.zip, so the history is the container's listing. A rollback deploys the previous release and records
# it as the newest (<UTC time>_rollback-to-<version>.zip): running it twice returns to where you started.
#
# Activation differs per plan (docs/deploy.md, "How the code gets deployed"):
#   Elastic Premium   the release is copied to app-package/api.zip (WEBSITE_RUN_FROM_PACKAGE), then the app restarts.
#   Flex Consumption  `azd deploy api --from-package <zip>` publishes it to the plan's deployment container.
#
# Needs: az (signed in; your identity holds Storage Blob Data Contributor on the account, as the deployment grants the operator),
# azd for Flex Consumption, and the deployment outputs in the environment (azd exports them to hooks; otherwise
# `eval "$(azd env get-values)"` first).
set -eu

: "${AZURE_RESOURCE_GROUP:?set AZURE_RESOURCE_GROUP (a deployment output)}"
: "${AZURE_FUNCTION_APP_NAME:?set AZURE_FUNCTION_APP_NAME (a deployment output)}"
: "${AZURE_STORAGE_ACCOUNT_NAME:?set AZURE_STORAGE_ACCOUNT_NAME (a deployment output)}"
plan="${AZURE_FUNCTIONS_HOSTING_PLAN:-ElasticPremium}"
releases="${AZURE_FUNCTIONS_RELEASES_CONTAINER:-releases}"
container="${AZURE_FUNCTIONS_PACKAGE_CONTAINER:-app-package}"
blob="${AZURE_FUNCTIONS_PACKAGE_BLOB:-api.zip}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

blobs() {
  az storage blob "$@" --auth-mode login --only-show-errors --account-name "$AZURE_STORAGE_ACCOUNT_NAME"
}

# A role assignment made by the provision that just ran can take a few minutes to apply: retry an upload.
upload() {
  attempt=1
  until blobs upload --overwrite --container-name "$1" --name "$2" --file "$3" >/dev/null; do
    if [ "$attempt" -ge 10 ]; then
      echo "release: upload refused; does your identity hold Storage Blob Data Contributor on $AZURE_STORAGE_ACCOUNT_NAME?" >&2
      exit 1
    fi
    echo "release: upload refused (attempt $attempt), retrying in 30 s"
    attempt=$((attempt + 1))
    sleep 30
  done
}

# Release names start with their UTC time, so name order is deployment order.
list_releases() {
  blobs list --container-name "$releases" --query "[].name" --output tsv | sort -r
}

activate() {
  package="$1"
  if [ "$plan" = "FlexConsumption" ]; then
    echo "release: publishing to $AZURE_FUNCTION_APP_NAME (Flex Consumption)"
    azd deploy api --from-package "$package" --no-prompt
    return
  fi

  echo "release: making it $container/$blob and restarting $AZURE_FUNCTION_APP_NAME (Elastic Premium)"
  upload "$container" "$blob" "$package"
  az functionapp restart --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" --only-show-errors
  site_id="$(az functionapp show --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" --query id --output tsv)"
  az resource invoke-action --action syncfunctiontriggers --ids "$site_id" --only-show-errors >/dev/null
}

keep_and_activate() {
  package="$1"
  name="$(date -u +%Y%m%dT%H%M%SZ)_$2.zip"
  echo "release: keeping $name in $AZURE_STORAGE_ACCOUNT_NAME/$releases"
  upload "$releases" "$name" "$package"
  activate "$package"
  echo "release: $name is running"
}

case "${1:-}" in
  deploy)
    package="${2:?usage: release.sh deploy <package.zip> [version]}"
    version="${3:-$(git rev-parse --short HEAD 2>/dev/null || echo manual)}"
    keep_and_activate "$package" "$version"
    ;;
  rollback)
    previous="$(list_releases | sed -n 2p)"
    if [ -z "$previous" ]; then
      echo "release: fewer than two releases are kept; nothing to roll back to." >&2
      exit 1
    fi
    echo "release: rolling back to $previous"
    blobs download --container-name "$releases" --name "$previous" --file "$work/previous.zip" >/dev/null
    version="$(echo "$previous" | sed -e 's/^[^_]*_//' -e 's/\.zip$//' -e 's/^rollback-to-//')"
    keep_and_activate "$work/previous.zip" "rollback-to-$version"
    ;;
  list)
    list_releases
    ;;
  *)
    echo "usage: release.sh deploy <package.zip> [version] | rollback | list" >&2
    exit 2
    ;;
esac

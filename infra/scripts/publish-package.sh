#!/bin/sh
# Publishes the function app to the Elastic Premium plan.
#
# Elastic Premium normally keeps the app's files on an Azure Files share, which needs a storage account key. Our storage
# account has shared keys disabled, so the app runs from a zip package in a private blob container instead
# (WEBSITE_RUN_FROM_PACKAGE = its URL, read with the app's managed identity). This script builds that package, uploads it
# with your Entra ID sign-in (the deployment grants the operator Storage Blob Data Contributor) and restarts the app.
#
# azd runs it after every provision (azure.yaml, postprovision) with the deployment outputs in the environment. To run it
# yourself: export the outputs of `azd env get-values` (or of `az deployment sub show ... --query properties.outputs`) first.
# On Flex Consumption it does nothing: `azd deploy` (or `az functionapp deployment source config-zip`) publishes there.
set -eu

if [ "${AZURE_FUNCTIONS_HOSTING_PLAN:-ElasticPremium}" != "ElasticPremium" ]; then
  echo "publish-package: hosting plan is ${AZURE_FUNCTIONS_HOSTING_PLAN}; azd deploy publishes the app. Nothing to do."
  exit 0
fi

: "${AZURE_RESOURCE_GROUP:?set AZURE_RESOURCE_GROUP (a deployment output)}"
: "${AZURE_FUNCTION_APP_NAME:?set AZURE_FUNCTION_APP_NAME (a deployment output)}"
: "${AZURE_STORAGE_ACCOUNT_NAME:?set AZURE_STORAGE_ACCOUNT_NAME (a deployment output)}"
container="${AZURE_FUNCTIONS_PACKAGE_CONTAINER:-app-package}"
blob="${AZURE_FUNCTIONS_PACKAGE_BLOB:-api.zip}"

root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "publish-package: building the function app"
dotnet publish "$root/functions/LiveServerless.Functions/LiveServerless.Functions.csproj" --configuration Release --output "$work/publish"

echo "publish-package: zipping"
if command -v zip >/dev/null 2>&1; then
  (cd "$work/publish" && zip -q -r "$work/$blob" .)
else
  python3 - "$work/publish" "$work/$blob" <<'PY'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, _, files in os.walk(source):
        for name in files:
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, source))
PY
fi

# A role assignment made by the provision that just ran can take a few minutes to apply: retry the upload.
echo "publish-package: uploading $blob to $AZURE_STORAGE_ACCOUNT_NAME/$container"
attempt=1
until az storage blob upload --auth-mode login --only-show-errors --overwrite \
  --account-name "$AZURE_STORAGE_ACCOUNT_NAME" --container-name "$container" --name "$blob" --file "$work/$blob" >/dev/null; do
  if [ "$attempt" -ge 10 ]; then
    echo "publish-package: upload failed; does your account hold Storage Blob Data Contributor on $AZURE_STORAGE_ACCOUNT_NAME?" >&2
    exit 1
  fi
  echo "publish-package: upload refused (attempt $attempt), retrying in 30 s"
  attempt=$((attempt + 1))
  sleep 30
done

echo "publish-package: restarting $AZURE_FUNCTION_APP_NAME and syncing its triggers"
az functionapp restart --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" --only-show-errors
site_id="$(az functionapp show --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" --query id --output tsv)"
az resource invoke-action --action syncfunctiontriggers --ids "$site_id" --only-show-errors >/dev/null

echo "publish-package: done"

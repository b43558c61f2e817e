// Starts @vercel/cosmosdb-server (a local Cosmos DB stand-in, development only) on plain HTTP.
// Usage: node cosmosdb-server.js --port 8081 [--host 127.0.0.1]
//
// One fix is applied so the server answers like Cosmos DB: a point read of a document that does not exist crashes the
// server's handler (HTTP 500) instead of answering 404 NotFound. The app relies on 404 for "not there yet".
"use strict";

const readDocument = require("@vercel/cosmosdb-server/lib/handler/read-document");
const originalReadDocument = readDocument.default;
readDocument.default = (account, req, res, params) => {
  try {
    return originalReadDocument(account, req, res, params);
  } catch (error) {
    if (!(error instanceof TypeError)) {
      throw error;
    }
    res.statusCode = 404;
    return { code: "NotFound", message: "Entity with the specified id does not exist in the system." };
  }
};

const { createHttpServer } = require("@vercel/cosmosdb-server");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && index + 1 < args.length ? args[index + 1] : fallback;
};
const port = parseInt(option("--port", "8081"), 10);
const host = option("--host", "127.0.0.1");

createHttpServer().listen(port, host, () => {
  console.log(`cosmosdb-server listening on http://${host}:${port}`);
});

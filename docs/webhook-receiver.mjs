// A minimal webhook receiver for LiveServerless (Standard Webhooks), with no dependencies:
//   WEBHOOK_SECRET=whsec_... node docs/webhook-receiver.mjs [port]
// It verifies every delivery's signature, refuses stale timestamps, dedupes by webhook-id and prints each event once.
import { createServer } from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";

const secret = process.env.WEBHOOK_SECRET ?? "";
const port = Number(process.argv[2] ?? 8787);
const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
const seen = new Set();

function verified(id, timestamp, signatures, body) {
  if (!id || !timestamp || !signatures) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false; // replay protection: 5 minutes
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(" ").some((s) => {
    const [version, value] = s.split(",", 2);
    const presented = Buffer.from(value ?? "", "base64");
    return version === "v1" && presented.length === expected.length && timingSafeEqual(presented, expected);
  });
}

createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => (body += chunk));
  request.on("end", () => {
    const id = request.headers["webhook-id"];
    if (!verified(id, request.headers["webhook-timestamp"], request.headers["webhook-signature"], body)) {
      console.log(`refused a delivery with a bad signature (webhook-id ${id})`);
      response.writeHead(401).end();
      return;
    }
    if (!seen.has(id)) {
      seen.add(id);
      const event = JSON.parse(body);
      console.log(`verified ${event.type} ${id}: ${JSON.stringify(event.data)}`);
    }
    response.writeHead(204).end(); // answer 2xx fast; a repeat of a seen id is acknowledged, not processed again
  });
}).listen(port, "127.0.0.1", () => console.log(`webhook receiver on http://127.0.0.1:${port}/hooks`));

// The Node peer of the fan-out benchmark: a socket.io broadcast chat in the shape of the classic live-chat sample.
// Clients connect with socket.io and join a room ("join", acknowledged); a message is posted over HTTP
// (POST /rooms/{roomId}/messages {userId, displayName, text}, the same request shape as LiveServerless' chat route) and
// broadcast to the room as "chatMessage" with the payload LiveServerless pushes. No auth, no storage, no limits: the peer
// measures what fan-out costs when nothing else is done. Usage: node socketio_chat.js <port> (binds 127.0.0.1 only).
"use strict";
const http = require("node:http");
const { Server } = require("socket.io");

const port = Number(process.argv[2] ?? 7100);
let nextId = 0;

const server = http.createServer((request, response) => {
  const match = /^\/rooms\/([^/]+)\/messages$/.exec(request.url ?? "");
  if (request.method !== "POST" || !match) {
    response.writeHead(404).end();
    return;
  }

  const chunks = [];
  request.on("data", chunk => chunks.push(chunk));
  request.on("end", () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      response.writeHead(400).end();
      return;
    }

    if (typeof body.text !== "string" || body.text.trim().length === 0) {
      response.writeHead(400).end();
      return;
    }

    const roomId = decodeURIComponent(match[1]);
    const message = {
      id: String(++nextId),
      roomId,
      userId: String(body.userId ?? ""),
      displayName: String(body.displayName ?? ""),
      text: body.text,
      sentAt: new Date().toISOString(),
    };
    io.to(roomId).emit("chatMessage", message);
    response.writeHead(201, { "Content-Type": "application/json" }).end(JSON.stringify(message));
  });
});

const io = new Server(server, { serveClient: false });
io.on("connection", socket => {
  socket.on("join", (data, acknowledge) => {
    socket.join(String(data?.room ?? ""));
    if (typeof acknowledge === "function") {
      acknowledge({ room: data?.room });
    }
  });
});

server.listen(port, "127.0.0.1");

"""The Python peer of the fan-out benchmark: a Flask-SocketIO broadcast chat in the shape of the classic live-chat sample.

Clients connect with Socket.IO and join a room ("join", acknowledged); a message is posted over HTTP
(POST /rooms/<room_id>/messages {userId, displayName, text}, the same request shape as LiveServerless' chat route) and
broadcast to the room as "chatMessage" with the payload LiveServerless pushes. No auth, no storage, no limits: the peer
measures what fan-out costs when nothing else is done. Runs on eventlet, as the sample recommends for production.
Usage: python3 flask_socketio_chat.py <port> (binds 127.0.0.1 only).
"""
import eventlet

eventlet.monkey_patch()

import itertools  # noqa: E402
import sys  # noqa: E402
from datetime import datetime, timezone  # noqa: E402

from flask import Flask, jsonify, request  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode="eventlet", logger=False, engineio_logger=False)
ids = itertools.count(1)


@socketio.on("join")
def on_join(data):
    room = str((data or {}).get("room", ""))
    join_room(room)
    return {"room": room}


@app.post("/rooms/<room_id>/messages")
def post_message(room_id):
    body = request.get_json(silent=True) or {}
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        return "", 400
    message = {
        "id": str(next(ids)),
        "roomId": room_id,
        "userId": str(body.get("userId", "")),
        "displayName": str(body.get("displayName", "")),
        "text": text,
        "sentAt": datetime.now(timezone.utc).isoformat(),
    }
    socketio.emit("chatMessage", message, to=room_id)
    return jsonify(message), 201


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 7101
    socketio.run(app, host="127.0.0.1", port=port, log_output=False)

// One SignalR connection per signed-in tab, through our negotiate endpoint (POST /api/negotiate with the user token): the
// official client follows the answer's url and accessToken to SignalR Service. A live room must come back by itself: the
// client's automatic reconnect covers a dropped transport, and a connection the service closed (or one whose retries ran out)
// is started again here, with the same backoff, until the tab signs out.
import { apiBase } from '../shared/api.js';

const retryDelays = [0, 1000, 2000, 4000, 8000];
const delayAfter = attempt => retryDelays[Math.min(attempt, retryDelays.length - 1)];

export function createConnection(token, { onRoomEvents, onState }) {
  const connection = new window.signalR.HubConnectionBuilder()
    .withUrl(`${apiBase()}/api`, { accessTokenFactory: () => token })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => delayAfter(context.previousRetryCount) })
    .configureLogging(window.signalR.LogLevel.None)
    .build();
  let stopped = false;
  connection.on('roomEvents', onRoomEvents);
  connection.onreconnecting(() => onState('reconnecting'));
  connection.onreconnected(() => onState('connected'));
  connection.onclose(() => {
    if (!stopped) restart(0);
  });

  function restart(attempt) {
    onState('reconnecting');
    setTimeout(async () => {
      if (stopped) return;
      try {
        await connection.start();
        onState('connected');
      } catch {
        restart(attempt + 1);
      }
    }, delayAfter(attempt));
  }

  return {
    start: () => connection.start(),
    stop: () => { stopped = true; return connection.stop(); },
  };
}

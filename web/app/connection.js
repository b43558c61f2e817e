// One SignalR connection per signed-in tab, through our negotiate endpoint (POST /api/negotiate with the user token): the
// official client follows the answer's url and accessToken to SignalR Service. It retries for as long as the tab is open.
import { apiBase } from '../shared/api.js';

const retryDelays = [0, 1000, 2000, 4000, 8000];

export function createConnection(token, { onRoomEvents, onState }) {
  const connection = new window.signalR.HubConnectionBuilder()
    .withUrl(`${apiBase()}/api`, { accessTokenFactory: () => token })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => retryDelays[Math.min(context.previousRetryCount, retryDelays.length - 1)] })
    .configureLogging(window.signalR.LogLevel.None)
    .build();
  connection.on('roomEvents', onRoomEvents);
  connection.onreconnecting(() => onState('reconnecting'));
  connection.onreconnected(() => onState('connected'));
  connection.onclose(() => onState('disconnected'));
  return connection;
}

// Where the API lives. Development default: the same origin (DevHost serves the pages and the API at :7071).
// The Azure deployment overwrites this file with the function app's URL.
window.LIVESERVERLESS_CONFIG = { apiBase: '' };

// The app renders on the device: data lives in IndexedDB, and the service worker serves one cached shell
// for every route so that deep links open offline. Server-rendered pages (/t/<code>) opt back in.
export const ssr = false;
export const trailingSlash = 'never';

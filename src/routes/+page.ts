// The home page is prerendered as the empty app shell that the service worker serves for every route.
export const prerender = true;

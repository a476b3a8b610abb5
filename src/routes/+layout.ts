// Fieldbook is a single-page app: every page renders in the browser from the app shell, so
// the same shell can open with no network (the service worker serves it).
export const ssr = false;
export const prerender = false;

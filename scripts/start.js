// `npm start`: builds when the build is missing or older than the sources, then serves it.
import { buildIfStale, built } from './build.js';

buildIfStale();

process.env.PORT ||= '3000';
// Push batches reach 1 MB; the push endpoint itself refuses bodies over 2 MB with a clear 413.
process.env.BODY_SIZE_LIMIT ||= '3M';
console.log(`Fieldbook: serving on http://localhost:${process.env.PORT}`);
await import(built);

import type { Migration } from 'kysely';
import * as m001 from './001-accounts';
import * as m002 from './002-sync';
import * as m003 from './003-blobs';
import * as m004 from './004-photo-scopes';
import * as m005 from './005-device-keys';
import * as m006 from './006-safeguarding';

/** Numbered, in order. Kysely records which have run in its own table. */
export const migrations: Record<string, Migration> = {
	'001-accounts': m001,
	'002-sync': m002,
	'003-blobs': m003,
	'004-photo-scopes': m004,
	'005-device-keys': m005,
	'006-safeguarding': m006
};

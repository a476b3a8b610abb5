import { z } from 'zod';
import { CLIENT_ID_PATTERN, HLC_PATTERN, parseHlc } from './hlc';

/** The wire's schemas of a clientId and a stamp (DESIGN.md §6), on hlc.ts's own patterns. */
export const clientIdSchema = z
	.string()
	.regex(CLIENT_ID_PATTERN, 'A clientId is 16 lower-case hex digits')
	.describe('random id of one installation of the app, shared by its tabs');

export const hlcSchema = z
	.string()
	.regex(HLC_PATTERN, 'A stamp is <ISO UTC time with ms>-<4 hex digits>-<16 hex digits>')
	.refine((s) => parseHlc(s) !== null, 'Not a real time')
	.describe('<ISO time with ms>-<4 hex counter>-<16 hex clientId>; string order is clock order');

/**
 * Trace codes (追溯码) of harvest batches: short, read aloud over the phone, typed on a cheap keyboard.
 *
 * A code is 9 random characters from a 32-character alphabet without 0/O and 1/I, plus one check character:
 * 10 in all, stored without dashes ("K7QM2XRP4P") and shown in groups of 4-3-3 ("K7QM-2XR-P4P"): no group is
 * longer than four, which is about what people hold in mind while reading out or typing.
 *
 * Randomness: 9 characters of 5 bits are 45 bits (3.5 × 10^13 codes), from `crypto.getRandomValues`. Codes are
 * made offline, so nothing coordinates them. The chance that a new code equals one of n codes already made
 * is n / 2^45: with a million batches over all farms, 3 in 100 million. By the birthday bound the chance that
 * any two of n codes are equal is about n² / 2^46: about 10^-9 for one farm's few hundred batches, but 1.4 %
 * for a million batches in all, so the server must still check. A device never reuses a code it holds (it
 * draws again). The server keeps a unique index of every code (table `trace_codes`) and refuses a push that
 * would give a code to a second batch (409 `trace_code_taken`, naming the op), so a code is never stored
 * twice; the device's sync then gives its batch a new code and pushes again (SyncStore.recodeBatch), and tells
 * the farmer to print again (labels with the old code may be out). Codes read off a printed label could be
 * synced first by someone else, so a signed-in phone mostly uses codes the server keeps for its account
 * (server/trace/reservations.ts, data/trace-code-pool.ts) and makes codes itself only when none is left.
 *
 * Check character: a Damm check (H. M. Damm, "Totally anti-symmetric quasigroups for all orders n ≠ 2, 6",
 * Discrete Mathematics 307, 2007) over the quasigroup x ∘ y = 2·x + y in the field GF(32) (polynomial
 * z^5 + z^2 + 1; "+" is XOR). The state starts at 0, each character c moves it to state ∘ c, and the check
 * character brings it back to 0. For a fixed character the step is a bijection of the state, two different
 * characters always give different states, and x ∘ y = y ∘ x only when x = y (also one step later:
 * 2·(2s + x) + y = 2·(2s + y) + x means 3·(x + y) = 0), so every single-character substitution and every swap
 * of two different neighbours (the check character included) is caught. trace-code.spec.ts proves this for
 * every state and pair of characters, and checks random codes. (ISO/IEC 7064's hybrid MOD 33,32 was tried
 * first: it misses some swaps, because 33 is not prime.)
 */

export const TRACE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const M = TRACE_ALPHABET.length; // 32
export const TRACE_RANDOM_LENGTH = 9;
export const TRACE_CODE_LENGTH = TRACE_RANDOM_LENGTH + 1;
/**
 * Codes kept for an account before its batches have them (docs/sync-protocol.md, Trace codes): at most this
 * many per request, and at most TRACE_RESERVED_CAP unused per account on the server.
 */
export const TRACE_RESERVE_MAX = 20;
export const TRACE_RESERVED_CAP = 50;
/** Group sizes for showing a code. */
export const TRACE_GROUPS = [4, 3, 3] as const;

function valueOf(char: string): number {
	return TRACE_ALPHABET.indexOf(char);
}

/** 2·x in GF(32), polynomial z^5 + z^2 + 1 (0b100101). */
function double(x: number): number {
	const d = x << 1;
	return d & 0b100000 ? d ^ 0b100101 : d;
}

/** One Damm step: the state after one more character value, state ∘ value = 2·state + value in GF(32). */
export function nextState(state: number, value: number): number {
	return double(state) ^ value;
}

function stateOf(text: string): number {
	let state = 0;
	for (const char of text) {
		const v = valueOf(char);
		if (v < 0) throw new Error(`not a trace code character: ${char}`);
		state = nextState(state, v);
	}
	return state;
}

/** The check character of the data characters before it: the one that brings the state back to 0. */
export function checkCharacter(data: string): string {
	// 2·s + c = 0 in GF(32) means c = 2·s (XOR is its own inverse)
	return TRACE_ALPHABET[double(stateOf(data))]!;
}

/** Whether a clean code (upper case, no dashes) has the right length, alphabet and check character. */
export function isTraceCode(code: string): boolean {
	if (code.length !== TRACE_CODE_LENGTH) return false;
	if ([...code].some((c) => valueOf(c) < 0)) return false;
	return stateOf(code) === 0;
}

/** A new code. `random` fills a byte array (crypto.getRandomValues; tests pass their own). */
export function newTraceCode(
	random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)
): string {
	// 256 is a multiple of 32, so `byte % 32` is uniform
	const bytes = random(new Uint8Array(TRACE_RANDOM_LENGTH));
	let data = '';
	for (const byte of bytes) data += TRACE_ALPHABET[byte % M];
	return data + checkCharacter(data);
}

/** A clean code shown for reading aloud, e.g. "K7QM-2XR-P4P". */
export function formatTraceCode(code: string): string {
	const parts: string[] = [];
	let at = 0;
	for (const size of TRACE_GROUPS) {
		parts.push(code.slice(at, at + size));
		at += size;
	}
	return parts.filter(Boolean).join('-');
}

/** Characters people type for ones that are not in the alphabet, with what they probably meant. */
const LOOK_ALIKES: Record<string, string> = {
	O: 'QD',
	'0': 'QD',
	I: 'LJT7',
	'1': 'LJT7'
};

export type TraceCodeParse =
	| { ok: true; code: string }
	| { ok: false; problem: 'empty' }
	| { ok: false; problem: 'wrong-length'; length: number }
	| {
			ok: false;
			problem: 'not-in-alphabet';
			/** The characters that can't be in a code, as typed (upper case), each once. */
			chars: string[];
			/** A code that passes the check when each of them is read as a look-alike, if exactly one does. */
			suggestion?: string;
	  }
	| { ok: false; problem: 'check-failed'; code: string };

/**
 * Reads what someone typed: upper or lower case, full-width characters, spaces, dashes, dots and other
 * separators are all fine. Says which problem it is: nothing typed, the wrong number of characters (with
 * how many), a character that never appears in a code (O, 0, I, 1, with a repair when only one reading
 * passes the check), or a check character that does not fit (one character miscopied or two swapped).
 */
export function parseTraceCode(input: string): TraceCodeParse {
	const clean = input
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\s\-_.·—–/\\,，。、]+/gu, '');
	if (!clean) return { ok: false, problem: 'empty' };
	const chars = [...clean];
	if (chars.length !== TRACE_CODE_LENGTH)
		return { ok: false, problem: 'wrong-length', length: chars.length };
	const bad = [...new Set(chars.filter((c) => valueOf(c) < 0))];
	if (bad.length) {
		const suggestion = bad.every((c) => c in LOOK_ALIKES) ? repairLookAlikes(chars) : undefined;
		return {
			ok: false,
			problem: 'not-in-alphabet',
			chars: bad,
			...(suggestion ? { suggestion } : {})
		};
	}
	if (!isTraceCode(clean)) return { ok: false, problem: 'check-failed', code: clean };
	return { ok: true, code: clean };
}

/** Every reading of O/0/I/1 as their look-alikes; the one that passes the check, when exactly one does. */
function repairLookAlikes(chars: string[]): string | undefined {
	let readings = [''];
	for (const c of chars) {
		const options = LOOK_ALIKES[c] ?? c;
		readings = readings.flatMap((r) => [...options].map((o) => r + o));
		if (readings.length > 4096) return undefined;
	}
	const passing = readings.filter(isTraceCode);
	return passing.length === 1 ? passing[0] : undefined;
}

/**
 * Codes one typing slip away from `code` (a character changed, or two neighbours swapped) that are valid:
 * to ask "did you mean …?" when a mistyped code is near a batch on this phone.
 */
export function nearbyCodes(code: string): string[] {
	const found = new Set<string>();
	const chars = [...code];
	if (chars.length !== TRACE_CODE_LENGTH) return [];
	for (let i = 0; i < chars.length; i++) {
		for (const c of TRACE_ALPHABET) {
			if (c === chars[i]) continue;
			const next = [...chars];
			next[i] = c;
			const candidate = next.join('');
			if (isTraceCode(candidate)) found.add(candidate);
		}
		if (i + 1 < chars.length && chars[i] !== chars[i + 1]) {
			const next = [...chars];
			[next[i], next[i + 1]] = [next[i + 1]!, next[i]!];
			const candidate = next.join('');
			if (isTraceCode(candidate)) found.add(candidate);
		}
	}
	return [...found];
}

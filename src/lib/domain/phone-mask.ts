/**
 * Phone numbers on pages other people see (the certificate check /verify, the trace page /t, an agent's
 * dashboard): a mainland mobile number shows as 139****0796, never whole. A login is often the farmer's phone
 * number, and a name box may hold one too, so every such text passes through here before it is shown.
 */

// 1[3-9] and 9 more digits, as people write them: in groups of 3-4-4 with spaces or dashes, after +86 or 86,
// in full-width digits; not inside a longer run of digits
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g;

/** The text with every mobile number in it masked to its first 3 and last 4 digits. */
export function maskPhoneNumbers(text: string): string {
	const digits = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
	return digits.replace(
		MOBILE,
		(_, head: string, _middle: string, tail: string) => `${head}****${tail}`
	);
}

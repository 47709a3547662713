/** A switch as n8n hands it over: a boolean, or "true"/"false" from an expression or an AI tool call. */
export function isTrue(value: unknown): boolean {
	return value === true || value === 'true';
}

/** A switch turned off (false or "false"); a switch left out is neither true nor false. */
export function isFalse(value: unknown): boolean {
	return value === false || value === 'false';
}

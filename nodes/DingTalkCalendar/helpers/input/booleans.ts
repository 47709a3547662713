/** A switch as n8n hands it over: a boolean, or "true"/"false" from an expression or an AI tool call. */
export function isTrue(value: unknown): boolean {
	return value === true || value === 'true';
}

/** Whether the user gave a value: not left out, and not empty text or an empty list (false and 0 count). */
export function isSet(value: unknown): boolean {
	return (
		value !== undefined &&
		value !== null &&
		value !== '' &&
		!(Array.isArray(value) && value.length === 0)
	);
}

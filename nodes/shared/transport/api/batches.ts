/** Splits a list into consecutive batches of at most `size`, for APIs that take a bounded list per call. */
export function inBatches<T>(list: T[], size: number): T[][] {
	const batches: T[][] = [];
	for (let i = 0; i < list.length; i += size) batches.push(list.slice(i, i + size));
	return batches;
}

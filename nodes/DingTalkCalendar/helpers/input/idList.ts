import type { IExecuteFunctions } from 'n8n-workflow';

import { describeValue, invalidField } from './validation';

export interface IdListRules {
	/** What one entry is, for messages: "room ID", "group ID", "label". */
	noun: string;
	/** Objects in the list are read through this key (e.g. `roomId` of a Get Many output item). */
	objectKey?: string;
	/** Splits text into entries. IDs split on commas, semicolons and white space; names keep inner spaces. */
	separator?: RegExp;
	/** An empty list is an error (default) or allowed. */
	required?: boolean;
	/** Most entries allowed, and the problem to report above it. */
	max?: { count: number; problem: (given: number) => string };
	/** Checks one entry; returns the problem, or undefined when it is fine. */
	check?: (entry: string) => string | undefined;
	/** Advice shown with every error about this field. */
	help: string;
}

const ID_SEPARATOR = /[\s,;]+/;

/**
 * Reads a list parameter the way a workflow may fill it: the editor's array, or from an expression an
 * array, a JSON array text, a comma- or line-separated text, numbers, or objects carrying `objectKey`.
 * Entries are trimmed, empty ones dropped and duplicates removed (first occurrence kept), before any
 * request; problems are errors naming the item and the field.
 */
export function readIdList(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
	rules: IdListRules,
): string[] {
	const raw = context.getNodeParameter(parameter, itemIndex, []) as unknown;
	const fail = (problem: string) => invalidField(context, itemIndex, field, problem, rules.help);
	const entries: string[] = [];
	const add = (value: unknown) => {
		if (value === null || value === undefined) return;
		if (Array.isArray(value)) {
			value.forEach(add);
			return;
		}
		if (rules.objectKey && typeof value === 'object') {
			const inner = (value as Record<string, unknown>)[rules.objectKey];
			if (typeof inner === 'string' || typeof inner === 'number') {
				add(inner);
				return;
			}
		}
		if (typeof value === 'number' && Number.isFinite(value)) {
			entries.push(String(value));
			return;
		}
		if (typeof value !== 'string') throw fail(`${describeValue(value)} is not a ${rules.noun}`);
		const text = value.trim();
		if (text.startsWith('[')) {
			let parsed: unknown;
			try {
				parsed = JSON.parse(text);
			} catch {
				throw fail('looks like a JSON list but is not valid JSON');
			}
			add(parsed);
			return;
		}
		for (const part of text.split(rules.separator ?? ID_SEPARATOR)) {
			const entry = part.trim();
			if (entry !== '') entries.push(entry);
		}
	};
	add(raw);

	const unique = [...new Set(entries)];
	if (unique.length === 0 && rules.required !== false) throw fail(`no ${rules.noun} given`);
	if (rules.max && unique.length > rules.max.count) throw fail(rules.max.problem(unique.length));
	for (const entry of unique) {
		const problem = rules.check?.(entry);
		if (problem) throw fail(problem);
	}
	return unique;
}

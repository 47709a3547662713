/* eslint-disable no-console */
/**
 * The step table that `npm run test:e2e` and `npm run test:queue` print: each step recorded as it ends
 * (one progress line on stderr), then a table line × step × result × time × note.
 */
import { seconds } from './proc';

export type Outcome = 'PASS' | 'FAIL' | 'SKIP';

export interface Row {
	line: string;
	step: string;
	outcome: Outcome;
	ms: number;
	/** One line for the table. */
	note: string;
	/** Full failure text, printed under the table. */
	detail?: string;
}

export class StepTable {
	readonly rows: Row[] = [];

	/** @param tag the prefix of progress lines, e.g. `e2e` */
	constructor(private readonly tag: string) {}

	record(row: Row): Row {
		this.rows.push(row);
		const mark = row.outcome === 'PASS' ? 'ok  ' : row.outcome === 'FAIL' ? 'FAIL' : 'skip';
		console.error(
			`[${this.tag}] ${mark} ${row.line.padEnd(4)} ${row.step} (${seconds(row.ms)})${row.note ? `: ${row.note}` : ''}`,
		);
		return row;
	}

	/** Runs a step, records PASS/FAIL with its time; returns its value or undefined on failure. */
	async timed<T>(
		line: string,
		step: string,
		fn: () => Promise<T>,
		note?: (value: T) => string,
	): Promise<T | undefined> {
		const started = Date.now();
		try {
			const value = await fn();
			this.record({
				line,
				step,
				outcome: 'PASS',
				ms: Date.now() - started,
				note: note ? note(value) : '',
			});
			return value;
		} catch (error) {
			const message = (error as Error).message ?? String(error);
			this.record({
				line,
				step,
				outcome: 'FAIL',
				ms: Date.now() - started,
				note: message.split('\n')[0],
				detail: message,
			});
			return undefined;
		}
	}

	failed(): Row[] {
		return this.rows.filter((r) => r.outcome === 'FAIL');
	}

	print(): void {
		const headers = ['line', 'step', 'result', 'time', 'note'];
		const body = this.rows.map((r) => [
			r.line,
			r.step,
			r.outcome,
			seconds(r.ms),
			r.note.length > 110 ? `${r.note.slice(0, 107)}...` : r.note,
		]);
		const widths = headers.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
		const fmt = (cells: string[]) =>
			cells
				.map((c, i) => c.padEnd(widths[i]))
				.join('  ')
				.trimEnd();
		console.log('');
		console.log(fmt(headers));
		console.log(widths.map((w) => '-'.repeat(w)).join('  '));
		for (const r of body) console.log(fmt(r));
	}

	/** Records an error that ended the whole run (not one step) as a failed row. */
	recordCrash(step: string, error: unknown): void {
		this.record({
			line: '-',
			step,
			outcome: 'FAIL',
			ms: 0,
			note: (error as Error).message.split('\n')[0],
			detail: (error as Error).stack,
		});
	}

	/**
	 * Prints the table, the total time and every failure in full; true when nothing failed. `kept` says
	 * where the logs stay when something failed.
	 */
	printSummary(startedAt: number, kept: string): boolean {
		this.print();
		const failed = this.failed();
		console.log(`\ntotal ${seconds(Date.now() - startedAt)}`);
		if (!failed.length) return true;
		console.log(`\n${failed.length} failed:`);
		for (const row of failed)
			console.log(
				`\n[${row.line}] ${row.step}:\n    ${(row.detail ?? row.note).split('\n').join('\n    ')}`,
			);
		console.log(`\n${kept}`);
		return false;
	}
}

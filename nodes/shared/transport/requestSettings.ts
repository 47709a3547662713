/** How the transport sends calls: set by the node's Request Options, defaults for the editor's lists. */
export interface RequestSettings {
	/** Items processed at the same time. */
	concurrency: number;
	/** Calls per second per DingTalk API for this app; 0 = no pacing. */
	callsPerSecond: number;
	/** Tries per call, the first included. */
	maxTries: number;
	/** Milliseconds one HTTP call may take. */
	timeoutMs: number;
}

export const DEFAULT_REQUEST_SETTINGS: RequestSettings = {
	concurrency: 5,
	callsPerSecond: 20,
	maxTries: 5,
	timeoutMs: 30000,
};

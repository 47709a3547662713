import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** DingTalk's server API hosts, by the credential's Region option. */
export const DINGTALK_REGION_URLS: Record<string, string> = {
	china: 'https://api.dingtalk.com',
	international: 'https://api.dingtalk.io',
};

/**
 * The base URL every request of this credential goes to, without a trailing slash.
 * A custom base URL (a proxy, or the local DingTalk sandbox) must be an absolute http(s) URL.
 */
export function resolveDingTalkBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const region = String(credentials.region ?? 'china');
	if (region !== 'custom') {
		return DINGTALK_REGION_URLS[region] ?? DINGTALK_REGION_URLS.china;
	}
	const raw = String(credentials.baseUrl ?? '').trim();
	if (!/^https?:\/\/[^\s/]+/i.test(raw)) {
		throw new Error(
			`The DingTalk credential's Base URL "${raw}" is not an http(s) URL. Use e.g. https://api.dingtalk.com or the URL the sandbox printed.`,
		);
	}
	return raw.replace(/\/+$/, '');
}

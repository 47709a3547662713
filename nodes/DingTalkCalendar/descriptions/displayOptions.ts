import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Adds the resource/operation conditions to each property of an operation, merging with the
 * conditions a property already has. Our own copy: n8n-workflow only exports one in recent versions.
 */
export function updateDisplayOptions(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...displayOptions.show, ...property.displayOptions?.show },
			...(displayOptions.hide || property.displayOptions?.hide
				? { hide: { ...displayOptions.hide, ...property.displayOptions?.hide } }
				: {}),
		},
	}));
}

/**
 * Firefox may close the popup while its permission prompt is up, and with it everything the popup
 * would do once the grant arrives. So the start of the picker is sent in the same click as the
 * request, and the worker waits for the grant before it starts (permissions.onAdded,
 * background/picker.ts). Chrome keeps the popup open; the same path serves it.
 */
import { requestSiteAccess } from '../api';

/**
 * Asks for the host (when it needs the permission) and for the start, both at once: call it in the
 * click handler itself, before any await (permissions.request needs the user's gesture).
 * Resolves with whether access was granted, and the start's answer.
 */
export function requestAndStart<T>(target: { host: string; needsPermission: boolean }, start: (waitForGrant: boolean) => Promise<T>): Promise<[granted: boolean, started: T]> {
  const granted = target.needsPermission ? requestSiteAccess(target.host) : Promise.resolve(true);
  return Promise.all([granted, start(target.needsPermission)]);
}

import type { Notification } from '@wangge/shared/notifications';
import { api } from '../../lib/api';

export type { Notification };

export interface Notifications {
  items: Notification[];
  unread: number;
  lastReadSeq: number;
}

export const fetchNotifications = () => api<Notifications>('/api/notifications');
export const markRead = (upToSeq: number) =>
  api<{ lastReadSeq: number }>('/api/notifications/read', { method: 'POST', json: { upToSeq } });

/** base64url → bytes, for PushManager.subscribe's applicationServerKey. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** Whether this browser can take Web Push, and the server offers it (its VAPID key), or null. */
export async function pushAvailable(): Promise<string | null> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window))
    return null;
  const { publicKey } = await api<{ publicKey: string | null }>('/api/notifications/push-key');
  return publicKey;
}

/** Asks for permission, subscribes this browser and tells the server. Resolves false when refused. */
export async function enablePush(publicKey: string): Promise<boolean> {
  if ((await Notification.requestPermission()) !== 'granted') return false;
  const registration = await navigator.serviceWorker.ready;
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(publicKey),
    }));
  await api('/api/notifications/push-subscriptions', { method: 'POST', json: subscription.toJSON() });
  return true;
}

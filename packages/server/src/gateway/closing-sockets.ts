import type { Socket } from 'node:net';

/**
 * Sockets on which we answered with `Connection: close` before reading the whole body.
 * Node may still parse the unread bytes as a new request and raise `clientError`; such a
 * socket must not get a second response (the client would see "Data after Connection: close").
 */
const closing = new WeakSet<Socket>();

export function markClosing(socket: Socket | null | undefined): void {
  if (socket) closing.add(socket);
}

export function isClosing(socket: Socket): boolean {
  return closing.has(socket);
}

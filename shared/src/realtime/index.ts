/** Socket.IO contracts: event names, payloads and rooms (the only event names in the code). */
export * from './events';
export * from './rooms';

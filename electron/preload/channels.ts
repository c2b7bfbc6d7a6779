export const ipcChannels = {
  invoke: 'polder:invoke',
  push: 'polder:push',
} as const;

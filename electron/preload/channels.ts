export const ipcChannels = {
  /** The preload asks for its window's MessagePort to the services process (again after a reload). */
  portRequest: 'polder:port-request',
  /** Main answers with the port, transferred. */
  port: 'polder:port',
} as const;

import type { Command } from '../command.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the app to a browser on this machine (serve mode)',
  usage: 'polder serve [--port N] [--host 127.0.0.1] [--allow-remote] [--open] [--data-dir <path>]',
  async run() {
    throw new Error('serve mode is being built');
  },
};

import { Menu, type MenuItemConstructorOptions } from 'electron';

/** The application menu: a new window for another monitor, and the standard edit and window menus (copy and paste). */
export function installMenu(newWindow: () => void, platform = process.platform): void {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [{ label: 'New Window', accelerator: 'CmdOrCtrl+Shift+N', click: newWindow }, { type: 'separator' }, platform === 'darwin' ? { role: 'close' } : { role: 'quit' }],
  };
  const template: MenuItemConstructorOptions[] = [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

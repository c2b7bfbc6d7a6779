/** The renderer's origin in the desktop app: a custom, secure, standard scheme — never file://. */
export const appScheme = 'app';
export const appOrigin = `${appScheme}://polder`;

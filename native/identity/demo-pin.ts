/** The PIN of every person in the built-in demo roster (printed in the README): for the bundled scenario only. */
export const demoPin = '2007';

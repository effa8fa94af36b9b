/** The keyboard commands (manifest.json "commands"): the worker runs them, the pages show their shortcuts. */
export const COMMANDS = {
  /** Masking on and off everywhere. */
  toggle: 'toggle-masking',
  /** A masked screenshot of the visible part of the tab. */
  screenshot: 'take-screenshot',
} as const;
export type CommandName = (typeof COMMANDS)[keyof typeof COMMANDS];

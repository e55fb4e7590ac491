import { bool, map, oneOf, str } from '../types';

/** Log levels Authelia knows, most verbose first. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;

/** Log output formats. */
export const LOG_FORMATS = ['text', 'json'] as const;

/** `log`: verbosity, format and destination of Authelia's own log. */
export const log = map("Controls Authelia's own log: how much, in what shape, and where.", {
  level: oneOf('How much to log; trace and debug can reveal sensitive data.', LOG_LEVELS, {
    default: 'info',
  }),
  format: oneOf('Plain text for people, or JSON lines for log collectors.', LOG_FORMATS, {
    default: 'text',
  }),
  file_path: str(
    'Write the log to this file instead of the console; %d in the name becomes the start time.',
  ),
  keep_stdout: bool('Also keep logging to the console when file_path is set.'),
});

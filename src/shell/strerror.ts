// shell/strerror.ts — strerror(3): glibc's English text for each errno the kernel model returns.
// Tools print these after their own prefixes ("RTNETLINK answers: …", "SIOCSIFADDR: …").
import type { Errno } from '../kernel/types';

const TEXT: Record<Errno, string> = {
  EEXIST: 'File exists',
  ENOENT: 'No such file or directory',
  ENODEV: 'No such device',
  EINVAL: 'Invalid argument',
  EBUSY: 'Device or resource busy',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  ENETUNREACH: 'Network is unreachable',
  ESRCH: 'No such process',
  EOPNOTSUPP: 'Operation not supported',
  ELOOP: 'Too many levels of symbolic links',
  ERANGE: 'Numerical result out of range',
  EPERM: 'Operation not permitted',
  EADDRINUSE: 'Address already in use',
  ENOTEMPTY: 'Directory not empty',
  EXFULL: 'Exchange full',
  EACCES: 'Permission denied',
  ENETDOWN: 'Network is down',
};

/** The text of an errno; an unknown code is returned as it is. */
export function strerror(errno: Errno | string): string {
  return (TEXT as Record<string, string>)[errno] ?? errno;
}

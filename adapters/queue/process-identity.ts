import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { ProcessState } from '../../core/notifications/queue-holder-watch';

/**
 * Names an OS process so that another process can later tell whether it still runs. Pids only compare within
 * one pid namespace of one boot (containers each have their own, and restart with pid 1 again), so the machine
 * is the boot id and the pid namespace; the start time tells a reused pid from the process that had it.
 * Where /proc is missing (macOS), the host name and `kill(pid, 0)` stand in, and a reused pid counts as running.
 */
interface ProcessKey {
  machine: string;
  pid: number;
  /** Start time in clock ticks since boot (/proc/<pid>/stat field 22); null without /proc. */
  start: string | null;
}

let thisMachine: string | undefined;

function machine(): string {
  return (thisMachine ??= machineNow());
}

function machineNow(): string {
  try {
    return `${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}/${readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    return `host:${hostname()}`;
  }
}

/** State and start time of a pid from /proc; undefined when the pid does not exist, null without /proc. */
function procStat(pid: number): { state: string; start: string } | null | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return null;
    try {
      readFileSync('/proc/self/stat');
    } catch {
      return null;
    }
    return undefined;
  }
  // After the command name (which may hold spaces and parentheses): field 3 (state) onwards.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', start: fields[19] ?? '' };
}

/** A process of this machine (this one by default), as a QueueHolder's `process`. */
export function describeProcess(pid: number = process.pid): string {
  const key: ProcessKey = { machine: machine(), pid, start: procStat(pid)?.start ?? null };
  return JSON.stringify(key);
}

/** Whether the process a QueueHolder's `process` names still runs: 'unknown' when it ran on another machine. */
export function processState(described: string): ProcessState {
  let key: ProcessKey;
  try {
    key = JSON.parse(described) as ProcessKey;
  } catch {
    return 'unknown';
  }
  if (key.machine !== machine()) return 'unknown';
  const stat = procStat(key.pid);
  if (stat === undefined) return 'gone';
  if (stat === null) return signalled(key.pid);
  // A zombie has exited (its parent has not reaped it yet); another start time is another program on that pid.
  return stat.state === 'Z' || stat.state === 'X' || (key.start !== null && stat.start !== key.start)
    ? 'gone'
    : 'running';
}

function signalled(pid: number): ProcessState {
  try {
    process.kill(pid, 0);
    return 'running';
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH' ? 'gone' : 'running';
  }
}

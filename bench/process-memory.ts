import { readFileSync } from 'node:fs';

/** Resident memory of another process, read from /proc/<pid>/status (Linux): now, and the peak seen. */
export class MemorySampler {
  private peakRssKb = 0;
  private lastRssKb = 0;
  private hwmKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly pid: number,
    everyMs = 250,
  ) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  /** Reads VmRSS (now) and VmHWM (the kernel's own high-water mark); a gone process leaves the figures as they were. */
  sample(): void {
    let status: string;
    try {
      status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    } catch {
      return;
    }
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    this.lastRssKb = kb('VmRSS');
    this.peakRssKb = Math.max(this.peakRssKb, kb('VmRSS'));
    this.hwmKb = Math.max(this.hwmKb, kb('VmHWM'));
  }

  /** The peak in MB: the kernel's high-water mark, which also catches spikes between samples. */
  peakMb(): number {
    this.sample();
    return Math.max(this.peakRssKb, this.hwmKb) / 1024;
  }

  /** VmRSS now, in MB. */
  currentMb(): number {
    this.sample();
    return this.lastRssKb / 1024;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

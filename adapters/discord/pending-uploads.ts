import { randomBytes } from 'node:crypto';
import type { DownloadedFile } from './attachment-fetcher';

interface Pending {
  owner: string;
  at: number;
  file: Promise<DownloadedFile>;
}

/**
 * Screenshots fetched while their modal is open: `/cqms new` starts the download and shows the modal at once
 * (a modal must be the first answer); the submission takes the file by the id its modal carried. Only the
 * user who uploaded it can take it; entries expire, and the oldest go first past the capacity.
 */
export class PendingUploads {
  private readonly entries = new Map<string, Pending>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly capacity = 200,
    private readonly now: () => number = Date.now,
  ) {}

  start(owner: string, file: Promise<DownloadedFile>): string {
    file.catch(() => undefined); // the failure is reported when the file is taken
    const id = randomBytes(8).toString('hex');
    this.entries.set(id, { owner, at: this.now(), file });
    for (const [key, e] of this.entries) {
      if (this.entries.size <= this.capacity && this.now() - e.at < this.ttlMs) break;
      this.entries.delete(key);
    }
    return id;
  }

  /** The file, or null when the id is unknown, expired or not this user's. Rejects when the download failed. */
  async take(id: string, owner: string): Promise<DownloadedFile | null> {
    const e = this.entries.get(id);
    if (!e || e.owner !== owner || this.now() - e.at >= this.ttlMs) return null;
    this.entries.delete(id);
    return e.file;
  }
}

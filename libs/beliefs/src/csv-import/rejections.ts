export interface ImportRejection {
  /** 1-based line of the file. */
  readonly line: number;
  readonly reason: string;
}

/** Keeps the first rejections with their reasons and counts the rest, so memory stays bounded. */
export class Rejections {
  private readonly kept: ImportRejection[] = [];
  private total = 0;

  constructor(private readonly limit: number) {}

  add(line: number, reason: string): void {
    this.total += 1;
    if (this.kept.length < this.limit) this.kept.push({ line, reason });
  }

  get count(): number {
    return this.total;
  }

  /** By line (conflicts are only found when their batch is stored, after later lines were read). */
  list(): ImportRejection[] {
    return [...this.kept].sort((a, b) => a.line - b.line);
  }
}

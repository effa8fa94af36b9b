/** Where a run with no display left its two screenshots. */
export interface Shots {
  before: string;
  after: string;
}

export function describeShots({ before, after }: Shots, browserName: string): string {
  return `No display here, so the demo was screenshotted in ${browserName} instead:\n  before (masking off): ${before}\n  after  (masking on):  ${after}`;
}

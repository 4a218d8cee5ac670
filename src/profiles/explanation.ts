// Comply-or-explain: an explanation covers one finding (domain + test, as it was when explained:
// status and verdict) until a date. It stops counting when it expires, is revoked, or the finding
// changes (another verdict is a new finding that needs its own explanation).

import type { TestStatus } from "../checks/result.ts";

export interface Explanation {
  id: number;
  domain: string;
  testId: string;
  reason: string;
  /** Last day it counts (YYYY-MM-DD, inclusive). */
  until: string;
  by: string | null;
  createdAt: string;
  /** The finding as it was when explained. */
  finding: { status: TestStatus; verdict: string };
  revokedAt: string | null;
  revokedBy: string | null;
}

// A run's item is a (domain, test type) pair: the unit that run_item plans and run_domain
// records. Code that matches items across queries keys them by this one text.

/** The key of the item (domain `domainId`, test type `testType`) in a Map or Set. */
export function itemKey(domainId: number, testType: string): string {
  return `${domainId} ${testType}`;
}

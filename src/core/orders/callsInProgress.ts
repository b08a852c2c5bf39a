// Orders whose registry call this process is still waiting for. The reconciler leaves them alone: asking the
// registry about a create that is still on the wire would find nothing and fail an order that is about to succeed.
const inProgress = new Set<number>();

export const callsInProgress = {
  add(orderId: number): void { inProgress.add(orderId); },
  delete(orderId: number): void { inProgress.delete(orderId); },
  has(orderId: number): boolean { return inProgress.has(orderId); },
  get size(): number { return inProgress.size; },
};

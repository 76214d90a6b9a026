import { toWireError } from '../../../core/errors.ts';
import { runMaskStep, transferables, type MaskStepReply, type MaskStepRequest } from './mask-steps.ts';

/** The worker's global scope, as much of it as this file uses (the renderer is typed with the DOM lib). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<MaskStepRequest>) => void) | null;
  postMessage(reply: MaskStepReply, transfer: Transferable[]): void;
};

// A thin wrapper: everything it runs is in mask-steps.ts. Requests run one at a time, in order.
scope.onmessage = ({ data }) => {
  try {
    const result = runMaskStep(data.step, data.args);
    scope.postMessage({ id: data.id, result }, transferables(result));
  } catch (error) {
    scope.postMessage({ id: data.id, error: toWireError(error) }, []);
  }
};

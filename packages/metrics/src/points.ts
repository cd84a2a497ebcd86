import { assertArgument, type Matrix, type MatrixInput, toMatrix } from '@mine/core/base';

/** Points as a flat row-major array of 2-D points ([x0, y0, x1, y1, …]) or any data matrix. */
export type PointsInput = Float32Array | Float64Array | MatrixInput;

/** Converts and checks points; flat typed arrays are read as n×2. */
export function toPoints(input: PointsInput, argument: string): Matrix {
  if (input instanceof Float32Array || input instanceof Float64Array) {
    assertArgument(
      input.length % 2 === 0,
      argument,
      () => `a flat array holds 2-D points [x0, y0, x1, y1, …]; got an odd length ${input.length}`,
    );
    return toMatrix({ data: input, shape: [input.length / 2, 2] }, argument);
  }
  return toMatrix(input, argument);
}

/** Checks a positive finite number option. */
export function assertPositive(value: number, argument: string): void {
  assertArgument(
    typeof value === 'number' && Number.isFinite(value) && value > 0,
    argument,
    () => `must be a finite number > 0, got ${value}`,
  );
}

/** Checks an optional integer >= 1 option. */
export function assertCount(value: number | undefined, argument: string): void {
  assertArgument(
    value === undefined || (Number.isInteger(value) && value >= 1),
    argument,
    () => `must be an integer >= 1, got ${value}`,
  );
}

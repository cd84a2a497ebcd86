import {
  backend_util,
  type Conv2DBackpropFilterAttrs,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { free, runKernel, transpose, type WasmBackend } from './kernel-utils.js';

/**
 * Conv2DBackpropFilter, which tfjs-backend-wasm 4.22.0 lacks (so no conv net can train on it),
 * as one Conv2D on the fast XNNPACK path:
 *
 *   dW[r, c, i, o] = Σ_{n, p, q} x[n, p·sh + r - top, q·sw + c - left, i] · dy[n, p, q, o]
 *
 * is a convolution of x with dy as the filter once batch and channel axes swap places: x becomes
 * [i, H, W, n] (n as input channels), dy becomes [p, q, n, o] (a p×q filter), the stride becomes
 * the dilation, and the output [i, r, c, o] is dW with its first axis moved to third.
 */
export const conv2DBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as WasmBackend;
  const x = inputs.x as TensorInfo;
  const dy = inputs.dy as TensorInfo;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
    attrs as unknown as Conv2DBackpropFilterAttrs;
  const channelsLast = dataFormat !== 'NCHW';
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    channelsLast ? 'channelsLast' : 'channelsFirst',
  );
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  // Padding after the last row/column that makes the output exactly filter-sized; negative when
  // the forward conv never read the last rows (e.g. 'valid', stride 2, even leftover), in which
  // case the output has extra rows/columns at the end that we slice off.
  const bottom = filterHeight + (info.outHeight - 1) * strideHeight - info.inHeight - padInfo.top;
  const right = filterWidth + (info.outWidth - 1) * strideWidth - info.inWidth - padInfo.left;

  const xT = transpose(wasm, x, channelsLast ? [3, 1, 2, 0] : [1, 2, 3, 0]);
  const dyT = transpose(wasm, dy, channelsLast ? [1, 2, 0, 3] : [2, 3, 0, 1]);
  const intermediates = [xT, dyT];
  try {
    let dW = runKernel(
      'Conv2D',
      wasm,
      { x: xT, filter: dyT },
      {
        strides: [1, 1],
        pad: [
          [0, 0],
          [padInfo.top, Math.max(0, bottom)],
          [padInfo.left, Math.max(0, right)],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: [strideHeight, strideWidth],
      },
    );
    intermediates.push(dW);
    if (bottom < 0 || right < 0) {
      const [inChannels, , , outChannels] = dW.shape as [number, number, number, number];
      dW = runKernel(
        'Slice',
        wasm,
        { x: dW },
        { begin: [0, 0, 0, 0], size: [inChannels, filterHeight, filterWidth, outChannels] },
      );
      intermediates.push(dW);
    }
    return transpose(wasm, dW, [1, 2, 0, 3]);
  } finally {
    free(wasm, ...intermediates);
  }
};

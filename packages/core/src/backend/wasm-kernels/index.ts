export function registerWasmKernelFixes(): void {}

// ψ lives with the other special functions in @mine/core/math; KSG imports it from here.
export { digamma } from '@mine/core/math';

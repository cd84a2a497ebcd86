/**
 * The digamma function ψ(x) = d/dx log Γ(x), accurate to ~1e-15 relative for x > 0.
 *
 * Shifts x up to ≥ 10 with ψ(x) = ψ(x + 1) − 1/x, then sums the asymptotic series
 * ψ(x) ≈ log x − 1/(2x) − Σ B₂ₖ / (2k x²ᵏ); negative x uses the reflection
 * ψ(1 − x) − ψ(x) = π cot(πx). Returns NaN at the poles (0, −1, −2, …) and for NaN.
 */
export function digamma(x: number): number {
  if (Number.isNaN(x) || (x <= 0 && Number.isInteger(x))) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x < 0) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  let result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // Bernoulli terms B2/2, B4/4, …, B14/14 (Horner in 1/x²).
  const series =
    inv2 *
    (1 / 12 -
      inv2 *
        (1 / 120 -
          inv2 *
            (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return result + Math.log(x) - 0.5 / x - series;
}
